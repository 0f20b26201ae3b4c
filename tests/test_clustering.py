"""Root-cause clustering on a fake encoder: fit, ids across refits, curation,
the outlier pool, state round trip, summary (keywords, weekly, lift), CLI."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from triage.cli import main
from triage.cluster_summary import keywords_by_language, lift_table, representative, summary, week_of, words_of
from triage.clustering import Cluster, Clusterer, ClusterSettings, ClusterState, Complaint
from triage.encoders import load_encoder
from triage.keywords import merge_korean_particles
from triage.labels import COMPLAINT_LABELS
from triage.language import detect_language
from triage.pipeline import vectorize
from triage.root_causes import RootCauseModel

# Project-written sentences (not real buyer text), with their root causes.
CAUSE_TRAIN = [
    ("the courier was so slow, parcel stuck in transit for weeks", "late_delivery", "slow_transit"),
    ("tracking stuck at the hub, courier slow", "late_delivery", "slow_transit"),
    ("物流太慢了，快递在路上走了两周", "late_delivery", "slow_transit"),
    ("快递太慢，物流一直不更新", "late_delivery", "slow_transit"),
    ("el transportista fue muy lento, paquete atascado", "late_delivery", "slow_transit"),
    ("seller took ten days to ship my order", "late_delivery", "slow_dispatch"),
    ("the seller shipped late, dispatch took a week", "late_delivery", "slow_dispatch"),
    ("卖家发货太慢，拖了十天才发货", "late_delivery", "slow_dispatch"),
    ("商家迟迟不发货", "late_delivery", "slow_dispatch"),
    ("el vendedor tardó diez días en enviar", "late_delivery", "slow_dispatch"),
    ("box crushed and the glass broken in transit", "damage", "transit_damage"),
    ("箱子压扁了，杯子碎了", "damage", "transit_damage"),
    ("the bottle leaked all over the box", "damage", "leak_or_spill"),
    ("汤洒了一袋子", "damage", "leak_or_spill"),
    ("received size M instead of L, wrong colour", "wrong_item", "wrong_variant"),
    ("发错颜色了，我要的是黑色", "wrong_item", "wrong_variant"),
    ("the charger was missing from the box", "wrong_item", "missing_items"),
    ("少了一份米饭，缺了配件", "wrong_item", "missing_items"),
]


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    return load_encoder("fake:64")


def complaints(encoder, rows: list[tuple[str, str]], **fields) -> list[Complaint]:  # type: ignore[no-untyped-def]
    texts = [t for t, _ in rows]
    embeddings, _ = vectorize(encoder, texts)
    return [Complaint(f"c{i}", label, e, t, detect_language(t), dict(fields))
            for i, ((t, label), e) in enumerate(zip(rows, embeddings))]


@pytest.fixture(scope="module")
def cause_model(encoder) -> RootCauseModel:  # type: ignore[no-untyped-def]
    texts = [t for t, _, _ in CAUSE_TRAIN]
    embeddings, _ = vectorize(encoder, texts)
    return RootCauseModel(encoder_spec="fake:64").fit(
        texts, [detect_language(t) for t in texts], embeddings, [{label: cause} for _, label, cause in CAUSE_TRAIN])


@pytest.fixture(scope="module")
def items(encoder) -> list[Complaint]:  # type: ignore[no-untyped-def]
    return complaints(encoder, [(t, label) for t, label, _ in CAUSE_TRAIN])


def test_fit_groups_by_cause_across_languages(cause_model, items) -> None:
    clusterer = Clusterer(cause_model)
    state = clusterer.fit(items)
    found = [a.cluster_id for a in clusterer.assign_all(state, items)]
    by_cause: dict[str, set] = {}
    for (_, label, cause), cid in zip(CAUSE_TRAIN, found):
        by_cause.setdefault(f"{label}/{cause}", set()).add(cid)
    assert all(len(ids) == 1 for ids in by_cause.values()), by_cause  # zh, en, es of one cause: one cluster
    assert len({next(iter(ids)) for ids in by_cause.values()}) == len(by_cause)  # causes apart
    assert state.unassigned_share <= 0.1
    assert all(cid.startswith(("late-", "dmg-", "wrong-")) for cid in state.clusters)


def test_ids_and_curation_survive_refit(cause_model, items) -> None:
    clusterer = Clusterer(cause_model)
    state = clusterer.fit(items)
    before = {(it.id, it.label): a.cluster_id for it, a in zip(items, clusterer.assign_all(state, items))}
    transit = before[("c0", "late_delivery")]
    dispatch = before[("c5", "late_delivery")]
    clusterer.rename(state, transit, "Courier too slow")
    merged = clusterer.merge(state, [before[("c10", "damage")], before[("c12", "damage")]], name="Broken or leaking")

    # the state goes through JSON, as the service would store it, then a refit on shuffled data
    restored = ClusterState.from_dict(json.loads(json.dumps(state.to_dict())))
    shuffled = list(reversed(items))
    refit = Clusterer(cause_model, ClusterSettings(seed=7)).fit(shuffled, previous=restored)
    after = {(it.id, it.label): a.cluster_id for it, a in zip(shuffled, clusterer.assign_all(refit, shuffled))}
    assert after[("c0", "late_delivery")] == transit and after[("c5", "late_delivery")] == dispatch
    assert refit.clusters[transit].name == "Courier too slow"
    assert after[("c10", "damage")] == after[("c12", "damage")] == merged
    assert refit.clusters[merged].name == "Broken or leaking"
    assert set(refit.clusters[merged].causes) == {"transit_damage", "leak_or_spill"}


def test_split_survives_refit(cause_model, items) -> None:
    clusterer = Clusterer(cause_model, ClusterSettings(min_cluster_size=1))
    state = clusterer.fit(items)
    transit = clusterer.assign(state, items[0]).cluster_id
    assert transit is not None
    ids = clusterer.split(state, transit, items, parts=2)
    assert len(ids) == 2 and ids[0] == transit
    members = [it for it in items if it.label == "late_delivery" and it.id in {f"c{i}" for i in range(5)}]
    split_of = {it.id: clusterer.assign(state, it).cluster_id for it in members}
    assert set(split_of.values()) == set(ids)
    refit = clusterer.fit(items, previous=state)
    assert {it.id: clusterer.assign(refit, it).cluster_id for it in members} == split_of


def test_assign_new_complaint_without_refit(cause_model, items, encoder) -> None:
    clusterer = Clusterer(cause_model)
    state = clusterer.fit(items)
    n_clusters = len(state.clusters)
    new = complaints(encoder, [("卖家发货太慢了，十天才发货", "late_delivery")])[0]
    a = clusterer.assign(state, new)
    assert a.cause == "slow_dispatch"
    assert a.cluster_id == clusterer.assign(state, items[5]).cluster_id
    assert len(state.clusters) == n_clusters


def test_outlier_pool_founds_a_new_cluster(cause_model, items, encoder) -> None:
    clusterer = Clusterer(cause_model, ClusterSettings(min_confidence=0.99, min_similarity=0.99,
                                                       min_new_cluster=4, pool_similarity=0.5))
    state = clusterer.fit(items)
    odd = complaints(encoder, [(f"the drone propeller shipped late {i} xqz", "late_delivery") for i in range(5)])
    for it in odd:
        a = clusterer.assign(state, it)
        assert a.cluster_id is None
        clusterer.add_to_pool(state, it, a)
    born = clusterer.promote_outliers(state)
    assert len(born) == 1 and state.clusters[born[0]].origin == "pool"
    assert {clusterer.assign(state, it).cluster_id for it in odd} == {born[0]}
    assert not [o for o in state.outliers if o["id"] in {it.id for it in odd}]


def test_summary_keywords_are_words_and_lift_counts(cause_model, encoder) -> None:
    rows = [("物流太慢了，快递在路上走了两周", "late_delivery")] * 6
    rows += [("卖家发货太慢，拖了十天才发货", "late_delivery")] * 6
    found = complaints(encoder, rows)
    for i, it in enumerate(found):
        it.id = f"x{i}"
        it.fields = {"carrier": "SlowPost" if i < 6 else "FastShip", "created_at": f"2024-03-0{1 + i % 9}"}
    clusterer = Clusterer(cause_model)
    state = clusterer.fit(found)
    assignments = clusterer.assign_all(state, found)
    report = summary(state, found, assignments)
    transit = assignments[0].cluster_id
    entry = next(c for c in report["clusters"] if c["id"] == transit)
    assert entry["size"] == 6 and entry["share_of_label"] == 0.5
    assert entry["name"] == "Slow courier or stuck in transit"
    words = entry["keywords"]["zh"]
    assert words and all(len(w) <= 4 for w in words) and "物流" in words  # segmented words, not the sentence
    assert entry["lift"]["carrier"] == [{"value": "SlowPost", "lift": 2.0, "count": 6, "of": 6}]
    assert sum(entry["weekly"].values()) == 6 and all("-W" in w for w in entry["weekly"])
    assert report["unassigned"] == 0
    zh_name = summary(state, found, assignments, name_language="zh")["clusters"][0]["name"]
    assert zh_name in ("物流或配送慢", "卖家发货慢")


def test_lift_needs_support() -> None:
    items = [Complaint(str(i), "damage", np.ones(4), "x", "en", {"country": "DE" if i < 3 else "FR"})
             for i in range(10)]
    cluster_of = ["a" if i < 3 else "b" for i in range(10)]
    assert lift_table(items, cluster_of, "damage", "a", min_support=5) == {}
    lift = lift_table(items, cluster_of, "damage", "a", min_support=3)["country"][0]
    assert lift == {"value": "DE", "lift": pytest.approx(3.33, 0.01), "count": 3, "of": 3}


def test_representative_examples_prefer_sure_causes_cover_languages_and_skip_repeats() -> None:
    # project-written texts; unit vectors at a chosen cosine to the centre (1, 0)
    def member(text: str, language: str, cosine: float) -> tuple[Complaint, np.ndarray]:
        return Complaint(text, "damage", np.zeros(2), text, language), np.array([cosine, (1 - cosine**2) ** 0.5])

    rows = [member("box crushed", "en", 0.99),           # closest, but its cause is uncertain
            member("Box crushed ", "en", 0.98),          # the same text again
            member("crushed box, broken glass", "en", 0.97),
            member("the parcel was crushed", "en", 0.90),
            member("箱子压坏了", "zh", 0.60),
            member("caja aplastada", "es", 0.50)]
    items, E = [r[0] for r in rows], np.stack([r[1] for r in rows]).astype(np.float32)
    confidence = [0.3, 0.9, 0.9, 0.8, 0.7, 0.2]
    picked = representative(E, [1.0, 0.0], items, confidence, at_least=3, at_most=6)
    texts = [items[k].text for k in picked]
    assert texts[0] == "Box crushed "  # the closest sure member leads; its uncertain twin never shows
    assert "box crushed" not in texts
    assert {items[k].language for k in picked} == {"en", "zh", "es"}  # the best of every language
    assert len(picked) == 3
    assert [items[k].text for k in representative(E, [1.0, 0.0], items, confidence, at_least=4)] == [
        "Box crushed ", "crushed box, broken glass", "箱子压坏了", "caja aplastada"]
    assert representative(E, [1.0, 0.0], items, confidence, at_least=2, at_most=2) == [1, 4]


def test_korean_keywords_are_nouns_without_their_particles() -> None:
    # project-written texts, not real buyer text
    texts = ["배송이 너무 늦어요", "배송은 왜 이렇게 늦나요", "택배 배송 지연", "고양이 사료 상자가 찌그러졌어요",
             "고양이 간식 상자가 찌그러졌어요"]
    items = [Complaint(str(i), "late_delivery", np.ones(4), t, "ko") for i, t in enumerate(texts)]
    kw = keywords_by_language(items, ["a", "a", "a", "b", "b"])
    assert "배송" in kw["a"]["ko"] and not {"배송이", "배송은"} & set(kw["a"]["ko"])
    assert {"고양이", "상자가"} <= set(kw["b"]["ko"])  # no bare "고양" or "상자" anywhere: words kept as written
    assert merge_korean_particles([{"상자가"}, {"상자를"}, {"나이가"}]) == [{"상자"}, {"상자"}, {"나이가"}]


def test_week_of() -> None:
    assert week_of("2024-01-01T10:00:00Z") == "2024-W01"
    assert week_of("not a date") is None and week_of(None) is None


def test_keywords_per_language() -> None:
    # project-written texts, not real buyer text
    texts = [("汤洒了一袋子，汤洒了", "zh"), ("袋子里汤洒了", "zh"), ("@AmazonHelp the soup spilled everywhere", "en"),
             ("@AmazonHelp soup spilled in the bag", "en"), ("la soupe est renversée dans le sac", "fr"),
             ("la soupe renversée, quel dommage", "fr"), ("スープがこぼれていました", "ja"),
             ("袋の中でスープがこぼれた", "ja"), ("el paquete llegó tarde", "es")]
    items = [Complaint(str(i), "damage", np.ones(4), t, lang) for i, (t, lang) in enumerate(texts)]
    kw = keywords_by_language(items, ["a"] * len(items))["a"]
    assert "袋子" in kw["zh"] and all(len(w) <= 3 for w in kw["zh"])  # jieba words, not the sentence
    assert set(kw["en"]) == {"soup", "spilled"}  # no @handle, no stop word
    assert set(kw["fr"]) == {"soupe", "renversée"}  # the stop words of French too ("la", "dans", "le")
    assert {"スープ", "こぼれる"} <= set(kw["ja"])  # dictionary words in their base form, not BudouX phrases
    assert "es" not in kw  # one Spanish complaint: its words are in no other, so none is a keyword


# -- the command ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cause_model_dir(tmp_path_factory, cause_model) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("clusters") / "model"
    cause_model.save(folder)
    return folder


def test_cluster_command(tmp_path, fake_model_dir, cause_model_dir) -> None:
    rows = [{"id": f"r{i}", "text": t, "labels": [label], "carrier": "A"}
            for i, (t, label, _) in enumerate(CAUSE_TRAIN)]
    rows.append({"id": "bad", "text": "x", "labels": ["nonsense"]})
    rows.append({"id": "o", "text": "great product", "labels": "other"})
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    out, state = tmp_path / "out.jsonl", tmp_path / "state.json"
    args = ["cluster", str(src), "-o", str(out), "--model", str(fake_model_dir), "--cluster-model",
            str(cause_model_dir), "--workers", "1", "--quiet", "--save-state", str(state)]
    assert main(args) == 1  # one row in error
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == len(CAUSE_TRAIN) + 1
    bad = next(r for r in records if r["id"] == "bad")
    assert bad["error"].startswith("row 19: field 'labels'") and "nonsense" in bad["error"]
    good = [r for r in records if r["error"] is None]
    assert all(r["cluster_id"] and r["cluster_name"] for r in good)
    report = json.loads((tmp_path / "out.clusters.json").read_text())
    assert report["complaints"] == len(CAUSE_TRAIN) and report["other"] == 1 and report["errors"] == 1

    # assign a new file to the saved clusters without refitting
    new = tmp_path / "new.csv"
    new.write_text("id,text,labels\nn1,卖家发货太慢，拖了十天才发货,late_delivery\n")
    out2 = tmp_path / "out2.jsonl"
    assert main(["cluster", str(new), "-o", str(out2), "--model", str(fake_model_dir), "--cluster-model",
                 str(cause_model_dir), "--state", str(state), "--assign-only", "--quiet"]) == 0
    assigned = json.loads(out2.read_text())
    first = {r["id"]: r["cluster_id"] for r in good}
    assert assigned["cluster_id"] == first["r7"]


def test_cluster_command_needs_state_for_assign_only(tmp_path, fake_model_dir, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "late"}\n')
    assert main(["cluster", str(src), "-o", str(tmp_path / "o.jsonl"), "--assign-only"]) == 2
    assert "--state" in capsys.readouterr().err


def test_complaints_from_analysis_reuse_the_embedding(fake_pipeline) -> None:  # type: ignore[no-untyped-def]
    from triage.clustering import complaints_from_analysis

    analysis = fake_pipeline.analyse(["the glass arrived broken"])[0]
    found = complaints_from_analysis("a1", analysis, {"sku": "S1"})
    assert [c.label for c in found] == analysis.prediction.labels == ["damage"]
    assert found[0].embedding is analysis.embedding and found[0].fields == {"sku": "S1"}
    other = fake_pipeline.analyse(["great product, love it"])[0]
    assert complaints_from_analysis("a2", other) == []


def test_read_complaints_encodes_each_text_once_and_carries_cause_probabilities(
        tmp_path, fake_model_dir, cause_model_dir) -> None:  # type: ignore[no-untyped-def]
    from triage.cluster_file import ClusterJobStats, read_complaints
    from triage.pipeline import Pipeline

    texts = ["the courier was so slow, parcel stuck in transit for weeks", "the glass arrived broken",
             "great product, love it", "物流太慢了，快递在路上走了两周"]
    rows = [{"id": f"r{i}", "text": texts[i % len(texts)]} for i in range(12)]  # each text three times
    rows.append({"id": "g", "text": texts[0], "labels": ["wrong_item"]})  # same text, labels given
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    model = RootCauseModel.load(cause_model_dir)
    expected = {a.text: a.prediction.labels for a in Pipeline.load(fake_model_dir).analyse(texts)}
    for workers in (1, 2):
        calls: list[int] = []
        stats = ClusterJobStats()
        sys.modules.pop("colorsys", None)
        items, errors = read_complaints(src, None, fake_model_dir, 2, workers, None, stats, calls.append,
                                        cluster_model_dir=cause_model_dir, cause_model=model,
                                        background_import="colorsys")
        assert not errors and calls[-1] == 5  # 4 distinct texts without labels + 1 with given labels
        for _ in range(100):  # imported in a thread started next to the workers
            if "colorsys" in sys.modules:
                break
            time.sleep(0.05)
        assert "colorsys" in sys.modules
        by_row: dict[str, list[str]] = {}
        for it in items:
            by_row.setdefault(it.id, []).append(it.label)
            assert it.cause_probs is not None
            want = model.predict_proba(it.label, [it.text], [it.language], it.embedding[None, :])[0]
            assert np.allclose(it.cause_probs, want, atol=1e-6)
            # the content words found while encoding are those the summary would segment itself
            assert it.words is not None and it.words == words_of(dataclasses.replace(it, words=None))
        for row in rows[:12]:
            labels = [x for x in expected[row["text"]] if x != "other"]
            assert by_row.get(row["id"], []) == labels
        assert by_row["g"] == ["wrong_item"]
        assert stats.other == sum(expected[r["text"]] == ["other"] for r in rows[:12])
        # the cached probabilities are per complaint, not shared between copies of a text
        same = [it for it in items if (it.text, it.label) == (items[0].text, items[0].label)]
        assert len(same) >= 2 and same[0].cause_probs is not same[1].cause_probs


def test_predict_labels_matches_predict(fake_pipeline) -> None:  # type: ignore[no-untyped-def]
    texts = ["the glass arrived broken", "late late late, took a month", "great product, love it",
             "very late and the wrong size"]
    analyses = fake_pipeline.analyse(texts)
    languages = [a.language for a in analyses]
    _, dense = vectorize(fake_pipeline.encoder, texts)
    views = fake_pipeline.classifier.views(texts, languages)
    labels, probs = fake_pipeline.classifier.predict_labels(dense, views)
    assert labels == [a.prediction.labels for a in analyses]
    scores = [[a.prediction.scores[label] for label in COMPLAINT_LABELS] for a in analyses]
    assert np.allclose(probs, scores, atol=5e-5)


def test_balanced_cause_weights_give_every_cause_the_same_total(encoder) -> None:  # type: ignore[no-untyped-def]
    from triage.root_causes import CauseModelSettings, _balanced

    causes = ["late_unspecified"] * 6 + ["slow_dispatch"] * 2 + ["slow_transit"]
    weights = np.array([3.0] * 6 + [3.0, 0.5] + [3.0])
    out = _balanced(causes, weights)
    totals = {c: sum(w for cc, w in zip(causes, out) if cc == c) for c in set(causes)}
    assert np.allclose(list(totals.values()), (18 + 3.5 + 3) / 3)
    assert out[6] / out[7] == pytest.approx(6.0)  # within a cause, the given weights keep their ratio
    texts = [t for t, _, _ in CAUSE_TRAIN]
    embeddings, _ = vectorize(encoder, texts)
    model = RootCauseModel(CauseModelSettings(balance_causes=True), encoder_spec="fake:64").fit(
        texts, [detect_language(t) for t in texts], embeddings, [{label: cause} for _, label, cause in CAUSE_TRAIN])
    assert set(model.causes_["late_delivery"]) == {"slow_transit", "slow_dispatch"}


def test_decisions_of_a_mixed_batch_follow_the_rules(cause_model) -> None:  # type: ignore[no-untyped-def]
    """One batch of complaints of a label, each decided by a different rule."""
    state = ClusterState()
    for cid, causes, origin in [("p", ["slow_transit"], "pool"), ("t", ["slow_transit"], "cause"),
                                ("d", ["slow_dispatch"], "cause"), ("t2", ["slow_transit"], "split")]:
        state.clusters[cid] = Cluster(cid, "late_delivery", causes, [0.0], origin=origin)
    ids = ["p", "t", "d", "t2"]
    sims = np.array([[0.7, 0.9, 0.1, 0.2],   # within pool_similarity of the pool-born cluster
                     [0.1, 0.3, 0.2, 0.5],   # nearest cluster of its cause (a split), confident
                     [0.1, 0.2, 0.3, 0.1],   # uncertain and far from its cause's clusters: pool
                     [0.1, 0.2, 0.4, 0.1],   # uncertain but near its cause's cluster
                     [0.1, 0.2, 0.4, 0.3],   # a cause without a cluster: the nearest, near enough
                     [0.1, 0.2, 0.3, 0.1]],  # a cause without a cluster, nothing near: pool
                    np.float32)
    causes = ["slow_transit", "slow_transit", "slow_transit", "slow_dispatch", "lost_or_not_received",
              "lost_or_not_received"]
    decided = Clusterer(cause_model)._decide(state, ids, sims, causes, np.array([0.9, 0.9, 0.2, 0.2, 0.2, 0.9]))
    assert [a.cluster_id for a in decided] == ["p", "t2", None, "d", "d", None]
    assert [a.similarity for a in decided] == pytest.approx([0.7, 0.5, 0.3, 0.4, 0.4, 0.3])
    assert [a.cause for a in decided] == causes and decided[0].confidence == 0.9
    assert Clusterer(cause_model)._decide(ClusterState(), [], np.zeros((1, 0), np.float32), ["x"],
                                          np.array([0.5]))[0].cluster_id is None
