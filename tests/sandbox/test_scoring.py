import pytest

from sustainai.sandbox.scoring import (
    Entry,
    best_within_budget,
    least_energy_above,
    pareto_front,
    score,
    spread,
)


def test_metrics():
    assert score("accuracy", [0, 1, 1, 2], [0, 1, 2, 2]) == 0.75
    # Per class F1: 0 → 1.0, 1 → 2/3, 2 → 2/3.
    assert score("macro_f1", [0, 1, 1, 2], [0, 1, 2, 2]) == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert score("mae", [1.0, 2.0, 4.0], [1.5, 2.0, 3.0]) == 0.5
    with pytest.raises(ValueError, match="unknown metric"):
        score("auc", [1], [1])


ENTRIES = [
    Entry("small", 0.90, 0.010),
    Entry("medium", 0.96, 0.020),
    Entry("large", 0.97, 0.200),
    Entry("wasteful", 0.93, 0.050),  # dominated by medium
]


def test_pareto_front():
    assert pareto_front(ENTRIES, "accuracy") == {"small", "medium", "large"}
    errors = [Entry("a", 0.5, 1.0), Entry("b", 0.4, 2.0), Entry("c", 0.6, 1.5)]
    assert pareto_front(errors, "mae") == {"a", "b"}


def test_rankings():
    assert best_within_budget(ENTRIES, "accuracy", 0.05) == ["medium", "wasteful", "small"]
    assert least_energy_above(ENTRIES, "accuracy", 0.95) == ["medium", "large"]
    assert least_energy_above([Entry("a", 0.5, 1.0), Entry("b", 0.3, 2.0)], "mae", 0.4) == ["b"]


def test_spread():
    assert spread([1.0, 2.0, 3.0]) == {"mean": 2.0, "min": 1.0, "max": 3.0, "relative_spread": 1.0}
    assert spread([]) == {}
