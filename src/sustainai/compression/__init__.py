"""The compressed-models pipeline: compress a model (ONNX Runtime int8, float16, PyTorch dynamic
int8), benchmark it (size, quality, latency, energy per 1,000 inferences), read a model card's
metadata, and find the Pareto front of a library. No Django; heavy libraries (onnx, onnxruntime,
torch) are imported inside the functions that need them."""

from sustainai.compression.benchmark import benchmark, environment, evaluate
from sustainai.compression.cards import read_card
from sustainai.compression.compress import compress
from sustainai.compression.datasets import DATASETS, METRICS, check
from sustainai.compression.errors import CompressionError
from sustainai.compression.pareto import pareto_front

__all__ = [
    "DATASETS",
    "METRICS",
    "CompressionError",
    "benchmark",
    "check",
    "compress",
    "environment",
    "evaluate",
    "pareto_front",
    "read_card",
]
