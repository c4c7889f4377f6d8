import numpy as np
import pytest

from sustainai.compression import CompressionError, compress
from sustainai.compression.datasets import split
from sustainai.compression.models import load


@pytest.mark.parametrize("method", ["dynamic-int8", "static-int8", "fp16"])
def test_each_onnx_method_gives_a_loadable_model_that_agrees_with_the_base(tiny, tmp_path, method):
    pytest.importorskip("onnxconverter_common")
    x_train, x_test, _, _ = split("iris")
    target = compress(tiny, tmp_path / f"tiny-{method}.onnx", method, calibration=x_train)
    assert target.is_file()
    assert not list(tmp_path.glob("*.partial*"))
    base, small = load(tiny).predict(x_test), load(target).predict(x_test)
    assert small.shape == base.shape == (45,)
    assert np.mean(small == base) >= 0.9


def test_int8_weights_make_the_file_smaller(tmp_path):
    pytest.importorskip("onnxruntime")
    from tests.compression.conftest import tiny_onnx

    # 4×512 and 512×3 float weights: a byte each once quantised, plus the scales and graph.
    base = tiny_onnx(tmp_path / "wide.onnx", hidden=512)
    target = compress(base, tmp_path / "q.onnx", "dynamic-int8")
    assert target.stat().st_size < base.stat().st_size / 2


def test_static_int8_without_calibration_is_refused(tiny, tmp_path):
    with pytest.raises(CompressionError) as caught:
        compress(tiny, tmp_path / "q.onnx", "static-int8")
    assert caught.value.errors == {"calibration": "static int8 needs calibration inputs"}
    assert not (tmp_path / "q.onnx").exists()


def test_unknown_method_is_refused(tiny, tmp_path):
    with pytest.raises(CompressionError) as caught:
        compress(tiny, tmp_path / "q.onnx", "int4")
    assert caught.value.errors == {"method": "one of dynamic-int8, static-int8, fp16"}


def test_a_file_that_is_not_onnx_gives_a_clear_error_and_no_output(tmp_path):
    pytest.importorskip("onnxruntime")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not a protobuf")
    with pytest.raises(CompressionError) as caught:
        compress(broken, tmp_path / "out.onnx", "dynamic-int8")
    assert caught.value.errors["model"].startswith("not a loadable ONNX model: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.onnx"]
    with pytest.raises(CompressionError):
        load(broken)


def test_pytorch_dynamic_quantisation(tmp_path):
    torch = pytest.importorskip("torch", reason="PyTorch is in the models-heavy extra")
    from sustainai.compression.models import build, save_torch

    torch.manual_seed(0)
    arch = {"kind": "mlp", "layers": [4, 16, 3]}
    net = build(arch)
    base = save_torch(tmp_path / "net.pt", arch=arch, quantised=False, model=net)
    small = compress(base, tmp_path / "net-int8.pt", "dynamic-int8")
    _, x_test, _, _ = split("iris")
    a, b = load(base), load(small)
    assert b.framework == "pytorch"
    assert a.params == b.params == 4 * 16 + 16 + 16 * 3 + 3
    assert np.mean(a.predict(x_test) == b.predict(x_test)) >= 0.9
    with pytest.raises(CompressionError) as caught:
        compress(base, tmp_path / "x.pt", "fp16")
    assert caught.value.errors == {"method": "a PyTorch model takes dynamic-int8 only"}
