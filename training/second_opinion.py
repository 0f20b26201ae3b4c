"""Give a model folder a second opinion for the texts it is unsure of
(triage/second_opinion.py), and record the figures of the pair:

    python -m training.second_opinion                       # models/default + ../e5-small-ft, zone [0.2, 0.9)
    python -m training.second_opinion --model DIR --second ../other --zone 0.3 0.8
    python -m training.second_opinion --model DIR --remove

It writes the `second_opinion` entry of DIR/config.json, evaluates the pair on
dev_gold and the multilingual check set into metrics.json (as
`*_second_opinion`, beside the first model's own figures), and rewrites the
model card. The second opinion stays off unless asked for (`--second-opinion`).
The default zone was chosen on annotated texts that neither model trained on
and on the speed target, never on dev_gold (README, "A second opinion").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.model_card import write_model_card
from training.train_default import ROOT, second_opinion_figures
from triage.pipeline import Pipeline

SETS = ("dev_gold", "multilingual_check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "default", help="the first model's folder")
    parser.add_argument("--second", default="../e5-small-ft", help="second model folder, relative to --model")
    parser.add_argument("--encoder", default="e5-small-int8:.",
                        help="encoder spec for the second model (default: its e5-small in int8 on onnxruntime)")
    parser.add_argument("--zone", type=float, nargs=2, default=(0.2, 0.9), metavar=("LOW", "HIGH"),
                        help="a text goes to the second model when any label probability is in [LOW, HIGH)")
    parser.add_argument("--remove", action="store_true", help="take the second opinion out of the folder")
    args = parser.parse_args()

    config_file = args.model / "config.json"
    config = json.loads(config_file.read_text())
    config.pop("second_opinion", None)
    if not args.remove:
        config["second_opinion"] = {"model": args.second, "encoder": args.encoder, "zone": list(args.zone)}
    config_file.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")

    metrics_file = args.model / "metrics.json"
    metrics = json.loads(metrics_file.read_text()) if metrics_file.is_file() else {}
    metrics = {k: v for k, v in metrics.items() if not k.endswith("_second_opinion")}
    if not args.remove:
        metrics.update(second_opinion_figures(Pipeline.load(args.model, second_opinion=True)))
    metrics_file.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    write_model_card(args.model)
    for name in SETS if args.remove else [f"{k}_second_opinion" for k in SETS]:
        r = metrics[name]
        print(f"{name}: micro-F1 {r['micro_f1']}, macro-F1 {r['macro_f1']}, "
              f"{ {k: v['f1'] for k, v in r['labels'].items()} }, other accuracy {r['other']['accuracy']}")


if __name__ == "__main__":
    main()
