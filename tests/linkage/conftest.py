"""The Spark test starts a JVM (tens of seconds): it runs only when asked for, ``-m spark``."""

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "spark: runs the batch job on Spark (local mode); opt in with -m spark"
    )


def pytest_collection_modifyitems(config, items):
    if "spark" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="Spark starts a JVM: run with -m spark")
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)
