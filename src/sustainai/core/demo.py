"""``sustainai demo``: realistic demo data, clearly marked as demo.

Each app contributes a ``demo.load(out)`` function; they run in this order, in one transaction, and
are idempotent (running the command twice changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

DEMO_LOADERS = [
    "sustainai.members.demo",
    "sustainai.accounts.demo",
    "sustainai.atlas.demo",
    "sustainai.linkage.demo",
    "sustainai.consultations.demo",
    "sustainai.calls.demo",
]


def loaders() -> list[tuple[str, Callable]]:
    found = []
    for module_name in DEMO_LOADERS:
        module = import_module(module_name)
        found.append((module_name.rsplit(".", 2)[-2], module.load))
    return found
