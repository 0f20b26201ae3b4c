"""The `triage` command: classify, score, cluster, report, train, eval, serve, keys.

Every sub-command only builds core objects from triage/ and prints or writes
what they return. Exit codes: 0 success, 1 the job ran but some rows failed
(their records carry an `error`), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from .env import env_flag, usable_cores
from .labels import COMPLAINT_LABELS

EXIT_OK, EXIT_ROW_ERRORS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> int:
    print(f"triage: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _model_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", metavar="DIR", default=os.environ.get("TRIAGE_MODEL"),
        help="model folder (default: $TRIAGE_MODEL, else the bundled models/default)",
    )


def _second_opinion_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--second-opinion", action="store_true", default=env_flag("TRIAGE_SECOND_OPINION"),
        help="also run the model's second model on the texts it is unsure of (bundled default: the fine-tuned "
             "e5-small in int8; README, 'A second opinion'): more accurate, about half the speed "
             "(default: off, or $TRIAGE_SECOND_OPINION=1)")


# -- classify -------------------------------------------------------------------


def cmd_classify(args: argparse.Namespace) -> int:
    from .pipeline import InvalidTextError, Pipeline
    from .scoring import analysis_record

    texts = list(args.texts)
    if not texts and not sys.stdin.isatty():
        texts = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    if not texts:
        return _fail("give at least one text (as arguments, or one per line on standard input)")
    pipeline = Pipeline.load(args.model, second_opinion=args.second_opinion)
    try:
        analyses = pipeline.analyse(texts)
    except InvalidTextError as exc:
        return _fail(str(exc))
    records = [{"text": t, **analysis_record(a)} for t, a in zip(texts, analyses)]
    if args.json:
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(_table(records))
    return EXIT_OK


def _table(records: list[dict[str, Any]]) -> str:
    header = ["text", "lang", "labels", *[label.replace("_", " ") for label in COMPLAINT_LABELS], "review", "evidence"]
    rows = []
    for r in records:
        text = r["text"].replace("\n", " ")
        evidence = "; ".join(f"{label}: {', '.join(words)}" for label, words in r["evidence"].items() if words)
        rows.append([
            text if len(text) <= 48 else text[:47] + "…",
            r["language"],
            ",".join(r["labels"]),
            *[f"{r['scores'][label]:.2f}" for label in COMPLAINT_LABELS],
            "yes" if r["needs_review"] else "",
            evidence,
        ])
    widths = [max(_width(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(str(cell), w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK and other wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# -- score ------------------------------------------------------------------------


def cmd_score(args: argparse.Namespace) -> int:
    from .progress import ProgressBar
    from .records import InputFormatError, file_format
    from .scoring import ScoreStats, score_file

    try:
        file_format(args.output)
        file_format(args.input)
    except InputFormatError as exc:
        return _fail(str(exc))
    if args.batch_size < 1 or (args.workers is not None and args.workers < 1):
        return _fail("--batch-size and --workers must be at least 1")
    if args.limit is not None and args.limit < 0:
        return _fail("--limit must be at least 0")
    columns = None if args.columns is None else [c.strip() for c in args.columns.split(",") if c.strip()]
    show = (sys.stderr.isatty() and not args.quiet) if args.progress is None else args.progress
    bar: ProgressBar | None = None

    def progress(stats: ScoreStats) -> None:
        nonlocal bar
        if bar is None:
            bar = ProgressBar(start_rows=stats.resumed)
        bar.update(stats.rows, stats.total_rows, stats.fraction, stats.errors)

    try:
        stats = score_file(args.input, args.output, model_dir=args.model, batch_size=args.batch_size,
                           workers=args.workers, limit=args.limit, progress=progress if show else None,
                           columns=columns, resume=args.resume, second_opinion=args.second_opinion)
    except InputFormatError as exc:
        return _fail(str(exc))
    if not args.quiet:
        run_rows = stats.rows - stats.resumed
        rate = run_rows / stats.seconds if stats.seconds else 0.0
        resumed = f" (resumed after {stats.resumed} rows)" if stats.resumed else ""
        message = (f"{stats.rows} rows scored into {args.output}{resumed} in {stats.seconds:.1f} s "
                   f"({rate:.0f} rows/s): "
                   f"{stats.errors} errors, {stats.duplicates} duplicate ids, labels {stats.by_label}")
        if bar is not None:
            bar.finish(message)
        else:
            print(message, file=sys.stderr)
    return EXIT_ROW_ERRORS if stats.errors else EXIT_OK


# -- cluster ----------------------------------------------------------------------


def cmd_cluster(args: argparse.Namespace) -> int:
    from .cluster_file import cluster_file, load_state
    from .clustering import ClusterSettings
    from .records import InputFormatError, file_format

    try:
        file_format(args.output)
        file_format(args.input)
        state = load_state(args.state) if args.state else None
    except (InputFormatError, ValueError) as exc:
        return _fail(str(exc))
    if args.assign_only and state is None:
        return _fail("--assign-only needs --state (the clusters to assign to)")
    if args.batch_size < 1 or args.workers < 1:
        return _fail("--batch-size and --workers must be at least 1")
    summary_path = args.summary or str(Path(args.output).with_suffix("")) + ".clusters.json"

    def progress(rows: int) -> None:
        if not args.quiet:
            print(f"\r{rows} rows encoded", end="", file=sys.stderr)

    try:
        stats = cluster_file(
            args.input, args.output, summary_path, model_dir=args.model, cluster_model_dir=args.cluster_model,
            state=state, assign_only=args.assign_only, save_state=args.save_state,
            settings=ClusterSettings(seed=args.seed), name_language=args.name_language,
            min_support=args.min_support, batch_size=args.batch_size, workers=args.workers, limit=args.limit,
            progress=progress, second_opinion=args.second_opinion)
    except (InputFormatError, ValueError) as exc:
        return _fail(str(exc))
    if not args.quiet:
        share = stats.unassigned / stats.complaints if stats.complaints else 0.0
        print(f"\r{stats.rows} rows: {stats.complaints} complaints clustered into {args.output}, summary in "
              f"{summary_path}; {stats.other} other, {stats.errors} errors, unassigned {stats.unassigned} "
              f"({share:.1%}), new clusters {stats.new_clusters}; encode {stats.seconds_read_encode:.1f} s, "
              f"cluster {stats.seconds_cluster:.1f} s, summary {stats.seconds_write:.1f} s", file=sys.stderr)
    return EXIT_ROW_ERRORS if stats.errors else EXIT_OK


# -- report -----------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    from .records import InputFormatError
    from .report import ReportOptions, build_report, write_report

    for path in args.output:
        if Path(path).suffix.lower() not in (".html", ".htm", ".json", ".csv"):
            return _fail(f"{path}: unknown report type; use .html, .json or .csv")
    if args.top < 1 or args.examples < 0:
        return _fail("--top must be at least 1 and --examples at least 0")
    options = ReportOptions(date_column=args.date_column, order_column=args.order_column, by=args.by,
                            clusters=args.clusters, top=args.top, examples=args.examples)
    try:
        report = build_report(args.scored, options)
        for path in args.output:
            write_report(report, path)
    except InputFormatError as exc:
        return _fail(str(exc))
    s = report["summary"]
    orders = report["orders"]
    print(f"report of {s['rows']} scored rows ({s['complaints']} with a complaint"
          + (f"; order-defect rate {orders['defect_rate']}" if orders else "")
          + f") written to {', '.join(map(str, args.output))}"
          + ("" if report["clusters"] is not None else "; no root-cause clusters given"), file=sys.stderr)
    return EXIT_OK


# -- train and eval ---------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    from .classifier import ClassifierSettings
    from .dataset import load_examples
    from .encoders import load_encoder
    from .head import MultiLabelHead
    from .training import evaluate_pipeline, save_pipeline, train

    try:
        examples = load_examples(args.data)
        gold = {str(p): load_examples([p]) for p in args.eval}
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    print(f"training on {len(examples)} examples with encoder {args.encoder}", file=sys.stderr)
    pipeline = train(
        examples,
        load_encoder(args.encoder),
        head=MultiLabelHead(C=args.C),
        settings=ClassifierSettings(embedding_weight=args.embedding_weight),
        cache_dir=args.cache_dir,
    )
    metrics = {name: evaluate_pipeline(pipeline, exs) for name, exs in gold.items()}
    save_pipeline(pipeline, args.out, metrics)
    for name, report in metrics.items():
        print(_summary(name, report), file=sys.stderr)
    print(f"model saved to {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .dataset import load_examples
    from .pipeline import Pipeline
    from .training import evaluate_pipeline

    try:
        examples = load_examples([args.gold])
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    if not examples:
        return _fail(f"{args.gold} holds no examples")
    report = evaluate_pipeline(Pipeline.load(args.model, second_opinion=args.second_opinion), examples)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else _report(report))
    return EXIT_OK


def _summary(name: str, r: dict) -> str:
    labels = ", ".join(f"{label} {m['f1']:.3f}" for label, m in r["labels"].items())
    return (f"{name}: micro-F1 {r['micro_f1']:.3f}, macro-F1 {r['macro_f1']:.3f} ({labels}); "
            f"other accuracy {r['other']['accuracy']}; ECE {r['ece']}")


def _report(r: dict) -> str:
    lines = [f"{r['n']} texts", "", f"{'label':<15}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}"]
    for label, m in r["labels"].items():
        lines.append(f"{label:<15}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['support']:>9}")
    o = r["other"]
    lines.append(f"{'other':<15}{o['precision']:>10.3f}{o['recall']:>8.3f}{o['f1']:>8.3f}{o['support']:>9}")
    lines += ["", f"micro-F1 {r['micro_f1']:.3f}   macro-F1 {r['macro_f1']:.3f}   "
                  f"accuracy on other {o['accuracy']}   exact match {r['exact_match']:.3f}   ECE {r['ece']:.3f}", "",
              "per language:"]
    for lang, m in r["per_language"].items():
        f1s = " ".join(f"{label} {v['f1']:.2f}" for label, v in m["labels"].items())
        lines.append(f"  {lang:<4} n={m['n']:<5} micro-F1 {m['micro_f1']:.3f}  macro-F1 {m['macro_f1']:.3f}  "
                     f"other acc {m['other']['accuracy']}  ({f1s})")
    lines += ["", "confusion (gold label set -> predicted label set: count):"]
    for gold, row in r["confusion"].items():
        lines.append(f"  {gold}: " + ", ".join(f"{p} {n}" for p, n in sorted(row.items(), key=lambda kv: -kv[1])))
    return "\n".join(lines)


# -- serve ----------------------------------------------------------------------


SERVE_ENV = {"database_url": "TRIAGE_DATABASE_URL", "routing_rules": "TRIAGE_ROUTING_RULES",
             "urgency_config": "TRIAGE_URGENCY_CONFIG", "cluster_model": "TRIAGE_CLUSTER_MODEL",
             "model": "TRIAGE_MODEL", "second_opinion": "TRIAGE_SECOND_OPINION"}


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import Settings, create_app, ensure_admin_key
    from api.db import make_engine, migrate

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # Options travel as environment variables, so that every worker process reads the same settings.
    for name, variable in SERVE_ENV.items():
        if getattr(args, name):
            os.environ[variable] = str(getattr(args, name))
    if args.workers < 1:
        return _fail("--workers must be at least 1")
    os.environ["TRIAGE_SERVER_PROCESSES"] = str(args.workers)  # each process takes its share of the cores
    try:
        settings = Settings.from_env()
        app = create_app(model_dir=args.model, settings=settings) if args.workers == 1 else None
        engine = make_engine(settings.database_url)
        migrate(engine)  # once, before any worker starts
        ensure_admin_key(engine, settings.admin_key)
        engine.dispose()
    except ValueError as exc:  # a malformed routing rules or urgency file
        return _fail(str(exc))
    if app is not None:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=args.access_log)
    else:
        uvicorn.run("api.app:app_from_env", factory=True, workers=args.workers, host=args.host, port=args.port,
                    log_level="info", access_log=args.access_log)
    return EXIT_OK


def cmd_keys_create(args: argparse.Namespace) -> int:
    from api.auth import KeyCreationError, create_key
    from api.db import make_engine, migrate

    engine = make_engine(args.database_url)
    migrate(engine)
    try:
        print(create_key(engine, args.role, args.team, args.name))
    except KeyCreationError as exc:
        return _fail(str(exc))
    return EXIT_OK


# -- parser -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triage",
        description="Multilingual triage of buyer reviews and messages: labels each text late_delivery, damage, "
                    "wrong_item (several at once allowed) or other, with calibrated probabilities and evidence.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("classify", help="classify texts given on the command line",
                       description="Classify texts given as arguments (or one per line on standard input) "
                                   "and print a table, or JSON lines with --json.")
    p.add_argument("texts", nargs="*", metavar="TEXT", help="texts to classify")
    p.add_argument("--json", action="store_true", help="print one JSON object per text instead of a table")
    _model_arg(p)
    _second_opinion_arg(p)
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser(
        "score", help="score a file of texts into an output file",
        description="Score INPUT (.jsonl, .csv or .parquet; .jsonl.gz and .csv.gz too) with columns `id` and "
                    "`text` into OUTPUT (format by extension). One record per input row, in input order; other "
                    "columns pass through. Rows that cannot be scored get an `error` field naming the row and "
                    "field, and the run goes on (exit code 1 if any row failed).")
    p.add_argument("input", metavar="INPUT", help="input file")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="output file (.jsonl, .csv, .parquet)")
    p.add_argument("--batch-size", type=int, default=256, help="texts encoded together (default 256)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes, each with its own copy of the model (default: one per core); with "
                        "--second-opinion, threads sharing one copy")
    p.add_argument("--limit", type=int, default=None, help="score only the first N rows")
    p.add_argument("--columns", default=None, metavar="COL,COL",
                   help="input columns to carry into the output, comma-separated (default: all; `id` always)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same OUTPUT from its checkpoint: no row lost or repeated")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar with rate and time left on standard error (default: only when it is a terminal)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary on standard error")
    _model_arg(p)
    _second_opinion_arg(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "cluster", help="group complaints by root cause",
        description="Cluster the complaints of INPUT (as for `score`, or its output, or any file with a `labels` "
                    "column) by root cause, per complaint label, across languages. OUTPUT gets one record per "
                    "(row, complaint label) with id, label, cluster_id, cluster_name; a summary file describes "
                    "the clusters (name, keywords per language, examples, size, weekly counts, lift).")
    p.add_argument("input", metavar="INPUT", help="input file (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="output file (.jsonl, .csv, .parquet)")
    p.add_argument("--summary", metavar="PATH", default=None,
                   help="summary JSON of the clusters (default: OUTPUT without extension + .clusters.json)")
    p.add_argument("--state", metavar="STATE.json", default=None,
                   help="a previous cluster state: refitting keeps its cluster ids and re-applies its curation")
    p.add_argument("--save-state", metavar="STATE.json", default=None, help="write the fitted cluster state here")
    p.add_argument("--assign-only", action="store_true",
                   help="assign to the clusters of --state without refitting (outliers go to its pool)")
    p.add_argument("--name-language", default="en", help="language of generated cluster names: en (default), zh, es")
    p.add_argument("--min-support", type=int, default=5,
                   help="complaints of a cluster needed before a value's lift is reported (default 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed for splits and subgroups (default 0)")
    p.add_argument("--cluster-model", metavar="DIR", default=None,
                   help="root-cause model folder (default: the bundled models/clusters)")
    p.add_argument("--batch-size", type=int, default=256, help="texts encoded together (default 256)")
    p.add_argument("--workers", type=int, default=usable_cores(),
                   help="processes for classifying and encoding (default: one per core this process may use)")
    p.add_argument("--limit", type=int, default=None, help="read only the first N rows")
    p.add_argument("--quiet", action="store_true", help="no progress on standard error")
    _model_arg(p)
    _second_opinion_arg(p)
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser(
        "report", help="defect report of a scored file (HTML, JSON, CSV)",
        description="Complaint rates by label per week and by product/sku, carrier, country and marketplace "
                    "(where the columns exist), the top root-cause clusters of each label with examples, and the "
                    "order-defect rate, from a file written by `triage score`. Output format by extension: "
                    ".html (one self-contained page with charts), .json, .csv.")
    p.add_argument("scored", metavar="SCORED", help="output of `triage score` (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, action="append", metavar="REPORT",
                   help="report file (.html, .json or .csv); repeat for several formats")
    p.add_argument("--clusters", type=Path, default=None, metavar="CLUSTERED.jsonl",
                   help="`triage cluster` output (id, label, cluster_id, cluster_name), joined on id")
    p.add_argument("--date-column", default=None, help="column with the date (default: date, review_date, "
                                                        "created_at, order_date, timestamp, … if present)")
    p.add_argument("--order-column", default=None, help="column with the order id (default: order_id, order, "
                                                         "order_number if present)")
    p.add_argument("--by", action="append", default=[], metavar="COLUMN",
                   help="also break down by this column; repeatable")
    p.add_argument("--top", type=int, default=15, help="values per breakdown and clusters per label (default 15)")
    p.add_argument("--examples", type=int, default=3, help="example texts per cluster (default 3)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("train", help="train a model from labelled JSONL",
                       description="Fit the classifier head on labelled JSONL files (fields `text` and `labels`; "
                                   "optional `lang`, `weight`, `source`) over an encoder, and save a model folder.")
    p.add_argument("data", nargs="+", type=Path, metavar="DATA.jsonl", help="labelled training files")
    p.add_argument("-o", "--out", required=True, type=Path, metavar="DIR", help="model folder to write")
    p.add_argument("--encoder", default="use-m3",
                   help="encoder spec: use-m3 (default), e5-small, e5-small:<dir>, st:<model id or path>, fake")
    p.add_argument("--C", type=float, default=4.0, help="inverse L2 regularisation of the head (default 4)")
    p.add_argument("--embedding-weight", type=float, default=1.0,
                   help="scale of the sentence vectors against the lexical features (default 1)")
    p.add_argument("--eval", action="append", default=[], type=Path, metavar="GOLD.jsonl",
                   help="labelled file to evaluate on after training; repeatable; figures go to metrics.json")
    p.add_argument("--cache-dir", type=Path, default=None, help="cache sentence vectors here between runs")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("eval", help="evaluate a model on a labelled JSONL file",
                       description="Per-label precision, recall and F1, micro and macro F1, accuracy on `other` "
                                   "texts, per-language figures, a confusion table and the expected calibration "
                                   "error (ECE) of a model on GOLD.jsonl (fields `text`, `labels`, optional `lang`).")
    p.add_argument("gold", metavar="GOLD.jsonl", help="labelled file")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    _model_arg(p)
    _second_opinion_arg(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the HTTP API",
                       description="Start the HTTP service (FastAPI) with the model loaded once.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    _database_arg(p)
    p.add_argument("--routing-rules", metavar="FILE", default=None,
                   help="routing rules (default: $TRIAGE_ROUTING_RULES, else triage/defaults/routing.toml)")
    p.add_argument("--urgency-config", metavar="FILE", default=None,
                   help="urgency weights (default: $TRIAGE_URGENCY_CONFIG, else triage/defaults/urgency.toml)")
    p.add_argument("--access-log", action="store_true", help="log every request (off by default)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes, each with its own copy of the model (default 1; 2 uses both cores of a "
                        "2-core machine; rate limits then count per process)")
    p.add_argument("--cluster-model", metavar="DIR", default=None,
                   help="root-cause model of the clusters (default: $TRIAGE_CLUSTER_MODEL, else models/clusters; "
                        "'none' turns clusters off)")
    _model_arg(p)
    _second_opinion_arg(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("keys", help="manage API keys of the service",
                       description="Create API keys for the HTTP service; a key is printed once and stored hashed.")
    keys = p.add_subparsers(dest="keys_command", required=True, help="create: a new key")
    k = keys.add_parser("create", help="create a key and print it",
                        description="Create an API key with a role (agent, analyst, admin) and print it.")
    k.add_argument("--role", required=True, choices=("agent", "analyst", "admin"),
                   help="agent: tickets of its team; analyst: read everything; admin: everything")
    k.add_argument("--team", default=None, help="the agent's team (required for agents)")
    k.add_argument("--name", default=None, help="a note on who holds the key")
    _database_arg(k)
    k.set_defaults(func=cmd_keys_create)
    return parser


def _database_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", metavar="URL", default=None,
                        help="SQLAlchemy URL (default: $TRIAGE_DATABASE_URL, else sqlite:///var/triage.db)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FileNotFoundError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
