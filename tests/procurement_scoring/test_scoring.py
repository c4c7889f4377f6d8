"""The default scoring rules, each against hand-computed figures."""

import pytest

from sustainai.procurement_scoring import ScoringInputError, evaluate, read, sensitivity
from sustainai.procurement_scoring.scoring import shifted_weights

A = {"name": "A", "price": 100, "energy_wh_per_unit": 2, "evidence": "verified"}
B = {"name": "B", "price": 80, "energy_wh_per_unit": 4, "evidence": "measured"}
C = {"name": "C", "price": 90, "energy_wh_per_unit": 1, "evidence": "none"}
D = {"name": "D", "price": 120, "energy_wh_per_unit": 2, "evidence": "modelled"}
WEIGHTS = {"price": 0.7, "energy": 0.3}


def ranking(payload):
    return {row["name"]: row for row in evaluate(payload)["ranking"]}


def test_price_and_energy_points_by_hand():
    rows = ranking({"weights": WEIGHTS, "bids": [A, B, C, D]})
    # Lowest price 80; lowest credible energy 2 Wh (C's 1 Wh has no evidence).
    assert rows["A"]["points"] == {"price": 0.56, "energy": 0.3}  # 0.7×80/100; 0.3×2/2×1.0
    assert rows["B"]["points"] == {"price": 0.7, "energy": 0.12}  # 0.7×80/80; 0.3×2/4×0.8
    assert rows["C"]["points"] == {"price": 0.622222, "energy": 0.0}  # 0.7×80/90; none → 0
    assert rows["D"]["points"] == {"price": 0.466667, "energy": 0.15}  # 0.7×80/120; ×0.5
    assert [r["name"] for r in evaluate({"weights": WEIGHTS, "bids": [A, B, C, D]})["ranking"]] == [
        "A",
        "B",
        "C",
        "D",
    ]
    assert rows["A"]["score"] == 0.86
    assert rows["B"]["score"] == 0.82
    assert rows["A"]["rank"] == 1 and rows["D"]["rank"] == 4


def test_explanation_states_each_rule():
    rows = ranking({"weights": WEIGHTS, "bids": [A, B, C]})
    assert rows["B"]["explanation"] == [
        "Price: 0.7 × lowest price 80 / 80 = 0.7 points.",
        "Energy: 0.3 × lowest credible energy 2 Wh / 4 Wh per unit × evidence factor 0.8 "
        "(measured) = 0.12 points.",
        "Total 0.82: ranked 2, 0.04 points behind A.",
    ]
    assert rows["C"]["explanation"][1].startswith("Energy: no evidence given")
    assert rows["A"]["explanation"][-1] == "Total 0.86: ranked first."


def test_factors_per_tender():
    rows = ranking({"weights": WEIGHTS, "factors": {"measured": 0.5}, "bids": [A, B]})
    assert rows["B"]["points"]["energy"] == 0.075  # 0.3 × 2/4 × 0.5


def test_other_criteria_are_marked_by_the_buyer():
    weights = {"price": 0.5, "energy": 0.2, "quality": 0.3}
    bids = [{**A, "scores": {"quality": 0.5}}, {**B, "scores": {"quality": 1}}]
    rows = ranking({"weights": weights, "bids": bids})
    assert rows["A"]["points"] == {"price": 0.4, "energy": 0.2, "quality": 0.15}
    assert rows["B"]["points"] == {"price": 0.5, "energy": 0.08, "quality": 0.3}


def test_only_bids_without_evidence_get_no_energy_points():
    rows = ranking({"weights": WEIGHTS, "bids": [C, {**C, "name": "E", "price": 80}]})
    assert rows["C"]["points"]["energy"] == 0
    assert rows["E"]["points"]["energy"] == 0
    assert rows["E"]["score"] == 0.7


def test_footprint_spec_is_converted_per_functional_unit():
    # 1 accelerator × 2 h × 500 W = 1 kWh of IT energy, × PUE 1.2 = 1.2 kWh for 1,000 units:
    # 1.2 Wh per unit.
    spec = {
        "phase": "inference",
        "accelerator": "H100 SXM",
        "accelerator_count": 1,
        "hours": 2,
        "power_w": 500,
        "pue": 1.2,
    }
    bid = {"name": "F", "price": 100, "footprint": spec, "units": 1000, "evidence": "modelled"}
    rows = ranking({"weights": WEIGHTS, "bids": [A, bid]})
    assert rows["F"]["energy_wh_per_unit"] == 1.2
    # Lowest credible energy 1.2: F gets 0.3 × 1.2/1.2 × 0.5; A gets 0.3 × 1.2/2 × 1.0.
    assert rows["F"]["points"]["energy"] == 0.15
    assert rows["A"]["points"]["energy"] == 0.18
    assert "footprint engine" in rows["F"]["explanation"][1]


def test_sensitivity_shows_the_winner_changing():
    result = sensitivity({"weights": {"price": 0.8, "energy": 0.2}, "bids": [A, B]})
    # At 0.2: A 0.8×0.8+0.2 = 0.84, B 0.8+0.2×0.5×0.8 = 0.88. At 0.1: A 0.82, B 0.94.
    # At 0.3: A 0.7×0.8+0.3 = 0.86, B 0.7+0.3×0.4 = 0.82.
    assert [(c["energy_weight"], c["winner"]) for c in result["cases"]] == [
        (0.1, "B"),
        (0.2, "B"),
        (0.3, "A"),
    ]
    assert result["cases"][0]["ranking"] == [
        {"name": "B", "score": 0.94},
        {"name": "A", "score": 0.82},
    ]
    assert result["winner_changes"] is True


def test_sensitivity_stable_winner_and_bounds():
    result = sensitivity({"weights": {"price": 0.95, "energy": 0.05}, "bids": [B, D]})
    assert [c["energy_weight"] for c in result["cases"]] == [0.0, 0.05, 0.15]
    assert result["winner_changes"] is False


def test_shifted_weights_keep_proportions():
    assert shifted_weights({"price": 0.6, "quality": 0.2, "energy": 0.2}, 0.3) == pytest.approx(
        {"price": 0.525, "quality": 0.175, "energy": 0.3}
    )


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {"weights": {"price": 0.7, "energy": 0.2}, "bids": [A]},
            [{"bid": None, "field": "weights", "message": "must sum to 1 (they sum to 0.9)"}],
        ),
        (
            {"weights": WEIGHTS, "bids": [{**A, "price": -5}]},
            [{"bid": "A", "field": "price", "message": "must be greater than 0"}],
        ),
        (
            {"weights": WEIGHTS, "bids": [A, {**B, "energy_wh_per_unit": -1}]},
            [{"bid": "B", "field": "energy_wh_per_unit", "message": "must be greater than 0"}],
        ),
        (
            {"weights": WEIGHTS, "bids": [{**A, "evidence": "promised"}]},
            [
                {
                    "bid": "A",
                    "field": "evidence",
                    "message": "must be one of verified, measured, modelled, none",
                }
            ],
        ),
        (
            {"weights": WEIGHTS, "bids": [A, {**A}]},
            [{"bid": "A", "field": "name", "message": "another bid has this name"}],
        ),
        (
            {"weights": WEIGHTS, "bids": [{"name": "G", "price": 1, "evidence": "verified"}]},
            [
                {
                    "bid": "G",
                    "field": "energy_wh_per_unit",
                    "message": "required with evidence verified (or footprint and units)",
                }
            ],
        ),
        (
            {"weights": WEIGHTS, "factors": {"audited": 1}, "bids": [A]},
            [
                {
                    "bid": None,
                    "field": "factors.audited",
                    "message": "unknown evidence level; known: verified, measured, modelled",
                }
            ],
        ),
    ],
)
def test_bad_input_names_bid_and_field(payload, expected):
    with pytest.raises(ScoringInputError) as caught:
        evaluate(payload)
    assert caught.value.errors == expected


def test_footprint_errors_name_the_field():
    bid = {"name": "F", "price": 1, "footprint": {"hours": -1}, "units": 0, "evidence": "modelled"}
    with pytest.raises(ScoringInputError) as caught:
        read({"weights": WEIGHTS, "bids": [bid]})
    fields = [(e["bid"], e["field"]) for e in caught.value.errors]
    assert fields == [("F", "units"), ("F", "footprint.hours")]
    assert str(caught.value).startswith('bid "F", units: must be greater than 0')
