import json
import re

import pytest

from triage.cli import build_parser, main

SUBCOMMANDS = ("classify", "score", "train", "eval", "serve", "keys")


def commands(parser, prefix: str = "triage"):  # type: ignore[no-untyped-def]
    """(name, parser) of every sub-command, nested ones ("triage keys create") included."""
    for action in parser._actions:
        if action.choices and isinstance(action.choices, dict):
            for name, subparser in action.choices.items():
                yield f"{prefix} {name}", subparser
                yield from commands(subparser, f"{prefix} {name}")


def test_every_option_is_explained() -> None:
    found = dict(commands(build_parser()))
    assert {f"triage {name}" for name in SUBCOMMANDS} | {"triage keys create"} <= set(found)
    for name, subparser in found.items():
        assert subparser.description, name
        for action in subparser._actions:
            assert action.help, f"{name} {action.dest} has no help"


def test_readme_documents_every_subcommand_and_option() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, subparser in commands(build_parser()):
        assert name in readme, name
        for action in subparser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in readme, f"{name} {flag} missing from README"


def test_classify_json(fake_model_dir, capsys) -> None:
    assert main(["classify", "--json", "--model", str(fake_model_dir), "the glass arrived broken"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["labels"] == ["damage"] and record["text"] == "the glass arrived broken"


def test_classify_table_and_empty_text(fake_model_dir, capsys) -> None:
    assert main(["classify", "--model", str(fake_model_dir), "发错货了，颜色不对"]) == 0
    out = capsys.readouterr().out
    assert "wrong_item" in out and re.search(r"^text\s+lang\s+labels", out)
    assert main(["classify", "--model", str(fake_model_dir), "  "]) == 2
    assert "text 0: text is empty" in capsys.readouterr().err


def test_score_exit_codes_and_errors(tmp_path, fake_model_dir, capsys) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,late again\n2,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "--model", str(fake_model_dir), "--workers", "1"]) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records[1]["error"] == "row 2: field 'text': text is empty or whitespace only"
    missing = tmp_path / "bad.csv"
    missing.write_text("id,body\n1,x\n")
    fresh = tmp_path / "never.jsonl"
    assert main(["score", str(missing), "-o", str(fresh), "--model", str(fake_model_dir)]) == 2
    assert "missing column(s) 'text'" in capsys.readouterr().err
    assert not fresh.exists()
    assert main(["score", str(source), "-o", str(tmp_path / "out.txt"), "--model", str(fake_model_dir)]) == 2


def test_train_then_eval(tmp_path, capsys) -> None:
    from tests.conftest import TINY_TRAIN

    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps({"text": t, "labels": labels}, ensure_ascii=False) + "\n"
                            for t, labels in TINY_TRAIN * 2), encoding="utf-8")
    model = tmp_path / "model"
    assert main(["train", str(data), "-o", str(model), "--encoder", "fake:64", "--eval", str(data)]) == 0
    metrics = json.loads((model / "metrics.json").read_text())[str(data)]
    assert metrics["micro_f1"] > 0.8
    capsys.readouterr()
    assert main(["eval", str(data), "--model", str(model), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro_f1"] == metrics["micro_f1"]
    assert {"labels", "per_language", "confusion", "ece", "other"} <= set(report)
    assert main(["eval", str(data), "--model", str(model)]) == 0
    assert "per language:" in capsys.readouterr().out


def test_bad_training_file_names_the_line(tmp_path, capsys) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "ok", "labels": ["other"]}\n{"text": "x", "labels": ["late"]}\n')
    assert main(["train", str(data), "-o", str(tmp_path / "m"), "--encoder", "fake"]) == 2
    assert f"{data}:2" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["classify", "--help"], ["score", "--help"]])
def test_help_exits_cleanly(argv) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
