"""``python -m sustainai.compression.runner MODEL DATASET COUNT``: load a model and run COUNT
single-input inferences over the dataset's evaluation inputs, cycling. The benchmark measures this
process's energy with COUNT inferences and with none (loading only) and keeps the difference."""

from __future__ import annotations

import sys

from sustainai.compression.datasets import inputs
from sustainai.compression.models import load


def run(model: str, dataset: str, count: int) -> None:
    loaded = load(model)
    rows, _ = inputs(dataset)
    for index in range(count):
        loaded.predict(rows[index % len(rows) : index % len(rows) + 1])


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], int(sys.argv[3]))
