"""Loading a model file into one callable, whatever its format.

- ``.onnx``: ONNX Runtime on the CPU (one thread, so that latency and energy compare across runs);
  a classifier's first output is its label.
- ``.pt``: a model written by this package with ``save_torch``: a dictionary naming the
  architecture (``mlp`` with its layer sizes, or ``sentence-transformer`` with its directory),
  whether it is dynamically quantised, and its weights. PyTorch is imported only here, when needed.

A file that does not load raises ``CompressionError`` (``model``), never a half-built model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sustainai.compression.errors import CompressionError

FORMAT = "sustainai-torch/1"


@dataclass
class Loaded:
    path: Path
    framework: str  # "onnxruntime" or "pytorch"
    predict: Callable[[Any], Any]  # a batch in, labels or embeddings out
    params: int


def load(path: str | Path) -> Loaded:
    path = Path(path)
    if not path.is_file():
        raise CompressionError({"model": f"no file at {path}"})
    if path.suffix == ".onnx":
        return _load_onnx(path)
    if path.suffix == ".pt":
        return _load_torch(path)
    raise CompressionError({"model": "a .onnx file or a .pt file written by this pipeline"})


def check_onnx(path: Path) -> Any:
    """The ONNX model, once the checker accepts it and ONNX Runtime opens it."""
    import onnx
    import onnxruntime as ort

    try:
        model = onnx.load(str(path))
        onnx.checker.check_model(model)
        ort.InferenceSession(str(path), _session_options(), providers=["CPUExecutionProvider"])
    except Exception as error:  # onnx and onnxruntime raise many kinds for a bad file
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CompressionError({"model": f"not a loadable ONNX model: {message[:300]}"}) from None
    return model


def _session_options() -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return options


def _load_onnx(path: Path) -> Loaded:
    import numpy as np
    import onnxruntime as ort

    model = check_onnx(path)
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    session = ort.InferenceSession(
        str(path), _session_options(), providers=["CPUExecutionProvider"]
    )
    name = session.get_inputs()[0].name

    def predict(batch: Any) -> Any:
        return session.run(None, {name: np.asarray(batch, dtype=np.float32)})[0]

    return Loaded(path, "onnxruntime", predict, params)


def save_torch(path: str | Path, *, arch: dict[str, Any], quantised: bool, model: Any) -> Path:
    """Write ``model``'s weights with its architecture, to a temporary name then in place."""
    import torch

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save(
        {"format": FORMAT, "arch": arch, "quantised": quantised, "state": model.state_dict()},
        partial,
    )
    partial.replace(path)
    return path


def build(arch: dict[str, Any]) -> Any:
    """An untrained module of the architecture described."""
    from torch import nn

    if arch.get("kind") == "mlp":
        sizes = [int(s) for s in arch["layers"]]
        layers: list[Any] = []
        for index, (a, b) in enumerate(zip(sizes, sizes[1:], strict=False)):
            layers.append(nn.Linear(a, b))
            if index < len(sizes) - 2:
                layers.append(nn.ReLU())
        return nn.Sequential(*layers)
    if arch.get("kind") == "sentence-transformer":
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(arch["path"]), device="cpu")
    raise CompressionError({"model": f"unknown architecture {arch.get('kind')!r}"})


def quantise_dynamic(module: Any) -> Any:
    """PyTorch's dynamic int8 quantisation of every ``Linear`` layer."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    return quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8)  # type: ignore[no-untyped-call, unused-ignore]


def _load_torch(path: Path) -> Loaded:
    try:
        import torch
    except ImportError:
        raise CompressionError(
            {"model": "a PyTorch model needs the models-heavy extra (torch)"}
        ) from None
    try:
        # Our own files: the quantised weights hold packed parameters, which the weights-only
        # loader refuses.
        data = torch.load(path, map_location="cpu", weights_only=False)
    except Exception as error:
        raise CompressionError({"model": f"not a loadable PyTorch file: {error}"}) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CompressionError({"model": "not a model file written by this pipeline"})
    module = build(data["arch"])
    params = sum(p.numel() for p in module.parameters())
    if data["quantised"]:
        module = quantise_dynamic(module)
    module.load_state_dict(data["state"])
    module.eval()
    torch.set_num_threads(1)

    if data["arch"]["kind"] == "sentence-transformer":

        def predict(batch: Any) -> Any:
            with torch.inference_mode():
                return module.encode(list(batch), convert_to_numpy=True, show_progress_bar=False)

    else:

        def predict(batch: Any) -> Any:
            with torch.inference_mode():
                logits = module(torch.as_tensor(batch, dtype=torch.float32))
                return logits.argmax(dim=1).numpy()

    return Loaded(path, "pytorch", predict, int(params))
