"""Compression with maintained tools: ONNX Runtime's quantiser (dynamic and static int8), the
float16 converter of onnxconverter-common, and PyTorch's dynamic quantisation.

Each writes to a temporary name, checks that the result loads, then moves it in place: a failed
compression leaves no file behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sustainai.compression.errors import CompressionError
from sustainai.compression.models import check_onnx, load, quantise_dynamic, save_torch

ONNX_METHODS = ("dynamic-int8", "static-int8", "fp16")
CALIBRATION_ROWS = 200


def compress(source: str | Path, target: str | Path, method: str, calibration: Any = None) -> Path:
    """Compress the model at ``source`` into ``target`` by ``method``.

    ONNX models take any of ``ONNX_METHODS`` (``static-int8`` needs ``calibration``, an array of
    representative inputs); a ``.pt`` model of this pipeline takes ``dynamic-int8`` (PyTorch).
    """
    source, target = Path(source), Path(target)
    if source.suffix == ".pt":
        if method != "dynamic-int8":
            raise CompressionError({"method": "a PyTorch model takes dynamic-int8 only"})
        return _torch_dynamic(source, target)
    if method not in ONNX_METHODS:
        raise CompressionError({"method": f"one of {', '.join(ONNX_METHODS)}"})
    if method == "static-int8" and calibration is None:
        raise CompressionError({"calibration": "static int8 needs calibration inputs"})
    check_onnx(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.stem + ".partial.onnx")
    try:
        if method == "dynamic-int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8)
        elif method == "static-int8":
            from onnxruntime.quantization import QuantFormat, QuantType, quantize_static

            quantize_static(
                str(source),
                str(partial),
                CalibrationReader(str(source), calibration),
                quant_format=QuantFormat.QDQ,
                activation_type=QuantType.QInt8,
                weight_type=QuantType.QInt8,
            )
        else:
            import onnx
            from onnxconverter_common import float16

            half = float16.convert_float_to_float16(onnx.load(str(source)), keep_io_types=True)
            onnx.save(half, str(partial))
        check_onnx(partial)
    except CompressionError:
        partial.unlink(missing_ok=True)
        raise
    except Exception as error:
        partial.unlink(missing_ok=True)
        raise CompressionError({"method": f"{method} failed: {error}"}) from None
    os.replace(partial, target)
    return target


class CalibrationReader:
    """ONNX Runtime's calibration data reader over representative inputs, one row at a time."""

    def __init__(self, model_path: str, rows: Any) -> None:
        import numpy as np
        import onnxruntime as ort

        session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
        self.name = session.get_inputs()[0].name
        self.rows = np.asarray(rows, dtype=np.float32)[:CALIBRATION_ROWS]
        self._iter: Iterator[Any] | None = None

    def get_next(self) -> dict[str, Any] | None:
        if self._iter is None:
            self._iter = iter(self.rows)
        row = next(self._iter, None)
        return None if row is None else {self.name: row.reshape(1, -1)}

    def rewind(self) -> None:
        self._iter = None


def _torch_dynamic(source: Path, target: Path) -> Path:
    import torch

    load(source)  # refuses a file that is not one of ours
    data = torch.load(source, map_location="cpu", weights_only=False)
    if data["quantised"]:
        raise CompressionError({"model": "already quantised"})
    from sustainai.compression.models import build

    module = build(data["arch"])
    module.load_state_dict(data["state"])
    module.eval()
    quantised = quantise_dynamic(module)
    save_torch(target, arch=data["arch"], quantised=True, model=quantised)
    load(target)
    return target
