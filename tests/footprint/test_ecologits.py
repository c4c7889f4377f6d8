"""Our serving estimate beside EcoLogits': the comparison runs and docs/footprint.md is current."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("ecologits") is None,
    reason="ecologits is not installed (pip install '.[footprint-crosscheck]'): the comparison "
    "with EcoLogits cannot run",
)


def _compare() -> object:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import ecologits_compare
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return ecologits_compare


def test_the_comparison_covers_both_models_and_three_output_lengths():
    compare = _compare()
    rows = compare.rows()
    assert [(row["model"], row["output_tokens"], row["gpus"]) for row in rows] == [
        ("Llama 3.1 8B", 100, 1),
        ("Llama 3.1 8B", 500, 1),
        ("Llama 3.1 8B", 2000, 1),
        ("Llama 3.1 70B", 100, 4),
        ("Llama 3.1 70B", 500, 4),
        ("Llama 3.1 70B", 2000, 4),
    ]
    for row in rows:
        assert row["ecologits_wh"] > 0
        assert row["ours_low_wh"] <= row["ours_wh"] <= row["ours_high_wh"]
    # EcoLogits is linear in output tokens; ours grows faster (the KV cache grows with context).
    assert rows[2]["ecologits_wh"] == pytest.approx(20 * rows[0]["ecologits_wh"])
    assert rows[2]["ours_wh"] > 20 * rows[0]["ours_wh"]


def test_docs_table_is_what_the_script_writes():
    doc = ROOT / "docs" / "footprint.md"
    committed = doc.read_text()
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ecologits_compare.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout in committed, (
        "docs/footprint.md is stale: run python bench/ecologits_compare.py --write docs/footprint.md"
    )
