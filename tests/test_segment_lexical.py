import numpy as np

from triage.clauses import pool_clauses, split_clauses
from triage.lexical import LexicalConfig, analyse, linear_scores, to_matrix, token_contributions
from triage.segment import segment


def test_chinese_is_segmented_into_words_with_offsets() -> None:
    text = "送餐太慢了，汤也洒了"
    tokens = segment(text, "zh")
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert any(t.text in ("洒", "洒了") for t in tokens)
    assert all(len(t.text) < len(text) for t in tokens)


def test_japanese_and_thai_are_chunked_not_whole_sentences() -> None:
    for text, lang in [("箱が潰れていて、グラスが割れていました", "ja"), ("สินค้ามาช้ามากและกล่องบุบ", "th")]:
        tokens = segment(text, lang)
        assert len(tokens) >= 3
        assert all(text[t.start : t.end] == t.text for t in tokens)


def test_linear_scores_equal_matrix_product() -> None:
    config = LexicalConfig(n_features=2**12)
    views = [analyse(t, "en", config) for t in ["the box was crushed", "late again", ""]]
    weights = np.random.default_rng(0).normal(size=(3, config.n_features)).astype(np.float32)
    expected = to_matrix(views, config) @ weights.T
    np.testing.assert_allclose(linear_scores(views, weights), expected, rtol=1e-5, atol=1e-6)


def test_token_contributions_sum_to_the_score() -> None:
    config = LexicalConfig(n_features=2**12)
    view = analyse("parcel arrived broken", "en", config)
    weights = np.random.default_rng(1).normal(size=config.n_features)
    total = token_contributions(view, weights).sum()
    assert np.isclose(total, linear_scores([view], weights[None, :])[0, 0])


def test_clauses_split_at_punctuation_and_pool() -> None:
    assert split_clauses("送餐迟到20分钟不说，竟然还少一样菜！") == ["送餐迟到20分钟不说，", "竟然还少一样菜！"]
    assert split_clauses("ok") == ["ok"]
    assert len(split_clauses("late again, " * 50 + "end", max_clauses=5)) == 5
    vectors = np.array([[1, 0], [0, 1], [1, 1]], dtype=np.float32)
    mean, peak = pool_clauses(vectors, [2, 1])
    np.testing.assert_allclose(peak, [[1, 1], [1, 1]])
    np.testing.assert_allclose(np.linalg.norm(mean, axis=1), [1, 1], rtol=1e-6)


def test_hashed_features_are_words_pairs_and_char_ngrams_in_order() -> None:
    from zlib import crc32

    config = LexicalConfig(n_features=2**16, char_ngrams=(2,))

    def h(name: str) -> int:
        return crc32(name.encode()) % config.n_features

    expected = [h("w:slow"), h("b:slow box"), h("c2:<s"), h("c2:sl"), h("c2:lo"), h("c2:ow"), h("c2:w>"),
                h("w:box"), h("c2:<b"), h("c2:bo"), h("c2:ox"), h("c2:x>")]
    for _ in range(2):  # the second time from the per-word cache
        view = analyse("slow box", "en", config)
        assert view.indices.tolist() == expected
        assert view.token_ids == [(0,), (0, 1)] + [(0,)] * 5 + [(1,)] * 5


def test_a_view_can_reuse_the_segmentation_of_another() -> None:
    text = "物流太慢了，快递在路上走了两周 and the box arrived crushed"
    wide = analyse(text, "zh", LexicalConfig(n_features=2**18, char_ngrams=(2, 3), max_chars=2000))
    narrow = LexicalConfig(n_features=2**16, char_ngrams=(), max_chars=1000)
    reused, own = analyse(text, "zh", narrow, tokens=wide.tokens), analyse(text, "zh", narrow)
    assert reused.tokens == own.tokens and len(own.tokens) > 5
    assert reused.indices.tolist() == own.indices.tolist() and reused.token_ids == own.token_ids
