"""The training data the project ships: seeds and annotations are well-formed,
project-written text says so, and no evaluation text leaks into training."""

import json
from pathlib import Path

import pytest

from triage.labels import ROOT_CAUSES, normalise_labels

DATA = Path(__file__).resolve().parents[1] / "training" / "data"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_row(row: dict) -> None:
    assert sorted(normalise_labels(row["labels"])) == sorted(row["labels"])
    complaints = [label for label in row["labels"] if label != "other"]
    assert set(row["root_causes"]) == set(complaints)
    for label, cause in row["root_causes"].items():
        assert cause in ROOT_CAUSES[label]
    assert row["urgency"] in (0, 1, 2, 3)


def test_seeds_are_marked_project_written_and_valid() -> None:
    files = sorted((DATA / "seeds").glob("*.jsonl"))
    languages = {f.stem.split("_")[0] for f in files}
    assert {"zh", "en", "es", "pt", "ru", "fr", "de", "ja", "ko", "it", "tr", "ar"} <= languages
    ids = set()
    for path in files:
        for row in read(path):
            assert row["origin"] == "project-written"
            assert row["id"] not in ids
            ids.add(row["id"])
            check_row(row)


def test_check_set_has_at_least_20_texts_per_language() -> None:
    rows = read(DATA / "check" / "multilingual_check.jsonl")
    counts: dict[str, int] = {}
    for row in rows:
        assert row["origin"] == "project-written"
        check_row(row)
        counts[row["lang"]] = counts.get(row["lang"], 0) + 1
    assert len(counts) >= 12 and min(counts.values()) >= 20


def test_check_set_barely_overlaps_the_seeds() -> None:
    """Written separately; a generic short sentence may coincide ("Item arrived
    damaged."), and build_dataset drops such texts from training."""
    seeds = {row["text"].strip() for path in (DATA / "seeds").glob("*.jsonl") for row in read(path)}
    check = {row["text"].strip() for row in read(DATA / "check" / "multilingual_check.jsonl")}
    shared = seeds & check
    assert len(shared) <= 3 and all(len(text) < 40 for text in shared)


def test_annotations_hold_no_text() -> None:
    paths = sorted((DATA / "annotations").rglob("*.jsonl"))
    assert {p.parent.name for p in paths} == {"annotations", "uncertain", "complaints"}
    for path in paths:
        for row in read(path):
            assert set(row) == {"id", "labels", "root_causes", "urgency"}
            check_row(row)


def test_root_cause_only_pools_stay_out_of_the_classifier_data() -> None:
    from training.weak_labels import load_annotations

    classifier, causes = load_annotations(), load_annotations(all_pools=True)
    cause_only = {row["id"] for sub in ("uncertain", "complaints")
                  for path in (DATA / "annotations" / sub).glob("*.jsonl") for row in read(path)}
    assert cause_only and not cause_only & set(classifier)
    assert set(causes) == set(classifier) | cause_only


@pytest.mark.shared_data
def test_built_training_set_excludes_dev_gold(shared_data) -> None:
    from training.build_dataset import build

    dev = {json.loads(line)["text"].strip() for line in (shared_data / "dev_gold.jsonl").read_text().splitlines()}
    check = {row["text"].strip() for row in read(DATA / "check" / "multilingual_check.jsonl")}
    rows = build(weak_negatives=500, seed=0, weak_positive_labels=("late_delivery",))
    texts = {row["text"].strip() for row in rows}
    assert len(rows) > 10_000
    assert not texts & dev
    assert not texts & check
    sources = {row["source"].split(":")[0] for row in rows}
    assert sources == {"seed", "annotated", "weak"}


def test_late_pools_split_in_two_fixed_disjoint_halves() -> None:
    from training.late_pools import late_pool_ids, pool_half

    a, b, everything = late_pool_ids("A"), late_pool_ids("B"), late_pool_ids()
    assert a and b and not a & b and a | b == everything
    assert 0.4 < len(a) / len(everything) < 0.6
    assert pool_half("azp_08311") == pool_half("azp_08311") == "B"  # fixed by the id's SHA-1, not by a seed


@pytest.mark.shared_data
def test_training_without_a_half_leaves_out_its_ids_and_texts(shared_data) -> None:
    from training.build_dataset import build
    from training.corpora import all_rows
    from training.late_pools import late_pool_ids

    held_out = late_pool_ids("B")
    texts = {row["text"].strip() for i, row in all_rows().items() if i in held_out}
    rows = build(weak_negatives=3000, seed=0, weak_positive_labels=("late_delivery",), all_pools=True,
                 without_half="B")
    assert not {row["id"] for row in rows} & held_out
    assert not {row["text"].strip() for row in rows} & texts
    assert {row["id"] for row in rows} & late_pool_ids("A")  # the other half is in


@pytest.mark.shared_data
def test_urgency_examples_take_the_same_pool_options(shared_data) -> None:
    from training.corpora import all_rows
    from training.late_pools import late_pool_ids
    from training.train_urgency import urgency_examples

    cause_only = {row["id"] for sub in ("uncertain", "complaints")
                  for path in (DATA / "annotations" / sub).glob("*.jsonl") for row in read(path)}
    shipped = {e["id"] for e in urgency_examples()}
    assert shipped and not shipped & cause_only  # the shipped head trains without pools 22-41
    held_out = late_pool_ids("B")
    texts = {row["text"].strip() for i, row in all_rows().items() if i in held_out}
    examples = urgency_examples(all_pools=True, without_half="B")
    ids = {e["id"] for e in examples}
    assert not ids & held_out and not {e["text"].strip() for e in examples} & texts
    assert ids & late_pool_ids("A") & cause_only  # half A of pools 22-41 is in
    assert all(0 <= e["grade"] <= 3 for e in examples)
