"""Root-cause clusters with the bundled encoder and root-cause model: the same
cause written in Chinese, English and Spanish lands in one cluster."""

from __future__ import annotations

import pytest

from triage.clustering import Clusterer, Complaint
from triage.language import detect_language
from triage.pipeline import Pipeline, vectorize
from triage.root_causes import RootCauseModel

pytestmark = pytest.mark.real_model

# Project-written complaints (not real buyer text): label, cause, texts in zh / en / es.
WRITTEN = [
    ("late_delivery", "slow_transit", [
        "物流太慢了，快递在中转站停了一个星期",
        "The courier is so slow, my parcel has been stuck in transit for a week",
        "El transportista es lentísimo, el paquete lleva una semana parado en tránsito",
    ]),
    ("late_delivery", "lost_or_not_received", [
        "显示已签收，但是我根本没收到包裹",
        "Tracking says delivered but I never received the parcel",
        "Dice entregado pero nunca recibí el paquete",
    ]),
    ("damage", "leak_or_spill", [
        "洗发水漏了一箱子，瓶盖没拧紧",
        "The shampoo leaked all over the box, the cap was loose",
        "El champú se derramó por toda la caja, el tapón estaba suelto",
    ]),
    ("damage", "spoiled_or_rotten", [
        "水果到了就烂了，一股霉味",
        "The fruit arrived rotten and mouldy",
        "La fruta llegó podrida y con moho",
    ]),
    ("wrong_item", "wrong_variant", [
        "发错颜色了，我买的是黑色，收到白色",
        "I ordered black but received white, wrong colour",
        "Pedí negro y me llegó blanco, color equivocado",
    ]),
    ("wrong_item", "missing_items", [
        "少发了充电器，盒子里没有",
        "The charger was missing from the box",
        "Faltaba el cargador en la caja",
    ]),
]


@pytest.fixture(scope="module")
def fitted():  # type: ignore[no-untyped-def]
    pipeline = Pipeline.load()
    texts = [t for _, _, group in WRITTEN for t in group]
    embeddings, _ = vectorize(pipeline.encoder, texts)
    items = []
    k = 0
    for label, _, group in WRITTEN:
        for text in group:
            items.append(Complaint(f"w{k}", label, embeddings[k], text, detect_language(text)))
            k += 1
    clusterer = Clusterer(RootCauseModel.load())
    state = clusterer.fit(items)
    return items, [a.cluster_id for a in clusterer.assign_all(state, items)]


def test_same_cause_in_three_languages_shares_a_cluster(fitted) -> None:  # type: ignore[no-untyped-def]
    items, found = fitted
    for g, (_, cause, _) in enumerate(WRITTEN):
        ids = found[3 * g: 3 * g + 3]
        assert ids[0] is not None and len(set(ids)) == 1, (cause, [it.text for it in items[3 * g: 3 * g + 3]], ids)


def test_different_causes_are_apart(fitted) -> None:  # type: ignore[no-untyped-def]
    _, found = fitted
    firsts = [found[3 * g] for g in range(len(WRITTEN))]
    assert len(set(firsts)) == len(WRITTEN)


def test_encoding_for_clusters_gives_the_cause_model_its_own_view() -> None:
    """The job segments a text once for the classifier's and the root-cause
    model's lexical views; the probabilities and words are those of a view
    made on its own, also for a text longer than the root-cause view's limit."""
    from triage.cluster_file import encode_chunk
    from triage.keywords import content_words
    from triage.lexical import analyse

    pipeline, model = Pipeline.load(), RootCauseModel.load()
    long = " ".join(["The courier is so slow, my parcel has been stuck in transit for a week."] * 20)
    assert model.lexical.max_chars < len(long) <= pipeline.classifier.lexical.max_chars
    texts = [t for _, _, group in WRITTEN for t in group] + [long]
    found = encode_chunk(pipeline, model, [(t, None) for t in texts])
    assert "late_delivery" in found[-1].labels
    for text, enc in zip(texts, found):
        assert enc.cause_probs, text
        language = detect_language(text)
        view = analyse(text, language, model.lexical)
        for label, probs in enc.cause_probs.items():
            alone = model.predict_proba(label, [text], [language], enc.embedding[None, :])[0]
            assert probs.tolist() == pytest.approx(alone.tolist(), abs=1e-6)
        assert enc.words == content_words(text[: model.lexical.max_chars], view.tokens, language)
