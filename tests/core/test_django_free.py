"""The computation packages import without Django, so that they run in a notebook, a batch job or
another project as they are. A new one (disclosure control, a scenario model, scoring) is one line
of ``DJANGO_FREE``."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")

# A package is imported with every module in it; a module on its own.
DJANGO_FREE = [
    "sustainai.compression",
    "sustainai.disclosure",
    "sustainai.footprint",
    "sustainai.linkage.engine",
    "sustainai.net_effect",
    "sustainai.linkage.semantic",
    "sustainai.foresight",
    "sustainai.roadmap",
    "sustainai.procurement_scoring",
    "sustainai.sandbox",
]

# Run in a fresh interpreter: the test process has Django loaded already.
IMPORT_AND_REPORT = """
import importlib, json, pkgutil, sys

target = importlib.import_module(sys.argv[1])
imported = [target.__name__]
for module in pkgutil.walk_packages(getattr(target, "__path__", []), target.__name__ + "."):
    importlib.import_module(module.name)
    imported.append(module.name)
django = sorted(name for name in sys.modules if name.split(".")[0] == "django")
print(json.dumps({"imported": imported, "django": django}))
"""


def modules(name: str) -> set[str]:
    """``name`` and, for a package, every module under it, from the source tree."""
    path = Path(SRC, *name.split("."))
    if not path.is_dir():
        return {name}
    found = set()
    for file in path.rglob("*.py"):
        parts = file.relative_to(SRC).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


@pytest.mark.parametrize("name", DJANGO_FREE)
def test_imports_without_django(name):
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_REPORT, name],
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert set(report["imported"]) == modules(name)
    assert report["django"] == []
