"""Write a model folder's README.md (its model card) from config.json and metrics.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _row(name: str, r: dict) -> str:
    f1 = " | ".join(f"{r['labels'][k]['f1']:.3f}" for k in ("late_delivery", "damage", "wrong_item"))
    head = f"| {name} | {r['n']} | {r['micro_f1']:.3f} | {r['macro_f1']:.3f}"
    return f"{head} | {f1} | {r['other']['accuracy']} | {r['ece']:.3f} |"


def write_model_card(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    metrics = json.loads((folder / "metrics.json").read_text()) if (folder / "metrics.json").exists() else {}
    data = config.get("training_data", {})
    head = ("a calibrated logistic-regression head per label plus a residual one-hidden-layer network "
            f"({config['head'].get('hidden')} units) on the clause vectors stacked on its scores"
            if config.get("head_kind") == "stacked_mlp" else "a calibrated logistic-regression head per label")
    lines = [
        f"# Model card: {folder.name}",
        "",
        f"Complaint classifier (labels `late_delivery`, `damage`, `wrong_item`, else `other`, as defined in "
        f"LABELS.md) over the encoder `{config['encoder']}`: {head} on "
        "[mean | max of clause vectors] plus hashed words, word pairs and character n-grams. Weights are "
        "safetensors (no pickle); `config.json` holds the settings, thresholds and library versions.",
        "",
        f"Trained {config.get('trained_at', '?')} on {data.get('n', '?')} examples.",
        "",
        "## Training data",
        "",
        "| source | examples |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in data.get("by_source", {}).items()],
        "",
        "- `seed:*`: project-written texts (training/data/seeds), not real buyer text.",
        "- `annotated:*`: real texts from ../shared/data, labelled by the project's annotators (AI agents "
        "following LABELS.md, not human annotators); ids and labels in training/data/annotations.",
        "- `weak:*`: real texts labelled by keyword rules (training/weak_labels.py) at weight 0.5; "
        "their measured precision is in training/data/weak_label_precision.json.",
        *(["- `teacher:*`: real texts no annotator saw, labelled by the fine-tuned e5-small model "
           "(models/e5-small-ft) with training/distill.py: machine labels, not gold."]
          if any(k.startswith("teacher:") for k in data.get("by_source", {})) else []),
        "",
        f"Languages: {data.get('by_language', {})}",
        "",
        "## Evaluation (never trained on)",
        "",
        "| set | n | micro-F1 | macro-F1 | F1 late | F1 damage | F1 wrong | accuracy on other | ECE |",
        "|---|---|---|---|---|---|---|---|---|",
        *[_row(name, r) for name, r in metrics.items() if "labels" in r],  # not the urgency figures
        "",
    ]
    second = config.get("second_opinion")
    if second:
        lines += [f"Second opinion (off unless asked for: `--second-opinion`, `TRIAGE_SECOND_OPINION=1`): texts "
                  f"with any label probability in [{second['zone'][0]}, {second['zone'][1]}) are labelled again "
                  f"by `{second['model']}` with encoder `{second.get('encoder', 'its own')}`; the "
                  "`*_second_opinion` rows above are the pair's figures (triage/second_opinion.py).", ""]
    if "urgency" in metrics:
        u = metrics["urgency"]
        lines += [f"Urgency head (training/train_urgency.py, `urgency.safetensors`): trained on {u['examples']} "
                  f"examples; NDCG@50 of its expected grade on dev_gold {u['dev_gold_ndcg@50_text_model']}.", ""]
    if "multilingual_check" in metrics:
        lines += ["Per language on the project-written multilingual check set:", "",
                  "| language | n | micro-F1 | macro-F1 |", "|---|---|---|---|"]
        for lang, m in metrics["multilingual_check"]["per_language"].items():
            lines.append(f"| {lang} | {m['n']} | {m['micro_f1']:.3f} | {m['macro_f1']:.3f} |")
        lines.append("")
    if "dev_gold" in metrics:
        lines += ["Per language on dev_gold (real texts):", "", "| language | n | micro-F1 | macro-F1 |",
                  "|---|---|---|---|"]
        for lang, m in metrics["dev_gold"]["per_language"].items():
            lines.append(f"| {lang} | {m['n']} | {m['micro_f1']:.3f} | {m['macro_f1']:.3f} |")
        lines.append("")
    extra = folder / "CARD_NOTES.md"
    if extra.exists():
        lines += [extra.read_text().strip(), ""]
    lines += ["## Library versions", "", "```", json.dumps(config.get("library_versions", {}), indent=1), "```", ""]
    (folder / "README.md").write_text("\n".join(lines))


if __name__ == "__main__":
    write_model_card(Path(sys.argv[1]))
