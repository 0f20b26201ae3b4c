import numpy as np
import pytest

from triage.pipeline import MAX_CHARS, InvalidTextError, Pipeline, clean_text


def test_round_trip_through_a_model_folder(fake_pipeline: Pipeline, fake_model_dir) -> None:
    loaded = Pipeline.load(fake_model_dir)
    texts = ["the glass arrived broken", "发错货了", "fast shipping, love it"]
    a = [r.prediction for r in fake_pipeline.analyse(texts)]
    b = [r.prediction for r in loaded.analyse(texts)]
    assert [p.labels for p in a] == [p.labels for p in b]
    assert [p.scores for p in a] == [p.scores for p in b]
    assert (fake_model_dir / "head.safetensors").is_file()
    assert not list(fake_model_dir.glob("*.pkl"))


def test_result_fields(fake_pipeline: Pipeline) -> None:
    (result,) = fake_pipeline.analyse(["box crushed, the screen arrived cracked and broken"])
    p = result.prediction
    assert p.labels == ["damage"]
    assert set(p.scores) == {"late_delivery", "damage", "wrong_item"}
    assert p.scores["damage"] > p.scores["late_delivery"]
    assert result.language == "en"
    evidence = p.evidence["damage"]
    assert evidence and all(
        "box crushed, the screen arrived cracked and broken"[e.start : e.end] == e.text for e in evidence
    )
    assert result.embedding.shape == (64,)
    assert np.isclose(np.linalg.norm(result.embedding), 1.0, atol=1e-5)


def test_other_stands_alone(fake_pipeline: Pipeline) -> None:
    (result,) = fake_pipeline.analyse(["great product, love it"])
    assert result.prediction.labels == ["other"]
    assert result.prediction.evidence == {}


@pytest.mark.parametrize("bad", ["", "   \n\t", 42, None, ["text"]])
def test_invalid_texts_are_rejected_with_position(fake_pipeline: Pipeline, bad: object) -> None:
    with pytest.raises(InvalidTextError, match="text 1"):
        fake_pipeline.analyse(["fine text", bad])  # type: ignore[list-item]


def test_long_text_is_truncated_and_flagged(fake_pipeline: Pipeline) -> None:
    text = "the parcel was late. " * 5000  # 105,000 characters
    assert len(text) > 100_000
    (result,) = fake_pipeline.analyse([text])
    assert result.truncated is True
    assert len(result.text) == MAX_CHARS
    assert clean_text(" ok ") == ("ok", False)


def test_model_refuses_a_different_encoder(fake_model_dir) -> None:
    from triage.encoders import load_encoder

    with pytest.raises(ValueError, match="trained on encoder"):
        Pipeline.load(fake_model_dir, encoder=load_encoder("fake:32"))


def test_missing_model_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="no model at"):
        Pipeline.load(tmp_path / "nowhere")
