"""The primary rules, on hand-computed cells."""

import pytest

from sustainai.disclosure.rules import (
    Contribution,
    DisclosureError,
    Parameters,
    Reason,
    merged_values,
    primary_reason,
)

DEFAULT = Parameters()  # 3 contributors, (2, 85) dominance, p = 10 %


def test_an_empty_cell_is_a_known_zero_not_sensitive():
    assert primary_reason([], DEFAULT) is None


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ([50.0, 40.0], Reason.THRESHOLD),  # two contributors < 3
        ([50.0, 40.0, 30.0], None),  # top two 90 of 120 = 75 % ≤ 85 %; rest 30 ≥ 5
        ([80.0, 10.0, 5.0, 5.0], Reason.DOMINANCE),  # top two 90 of 100 = 90 % > 85 %
        ([60.0, 25.0, 15.0], None),  # top two exactly 85 %: not above; rest 15 ≥ 6
        ([80.0, 10.0, 2.0, 2.0, 1.0], Reason.DOMINANCE),  # 90 of 95 = 94.7 %
        # With the defaults p % never speaks alone: passing (2, 85) leaves the others at least
        # 15 % of the total, more than 10 % of the largest. (2, 85) matches p = 17.6 %.
    ],
)
def test_rules_in_order(values, reason):
    assert primary_reason(values, DEFAULT) is reason


def test_p_percent_alone():
    # Dominance off (the top two may make up everything): only the p % rule speaks.
    only_p = Parameters(dominance_n=2, dominance_k=100.0, p_percent=10.0)
    # The second-largest knows the total minus its own: 100 - 30 = 70, against 60 + 10 = 70 +
    # what the others add (5): it learns the largest to within 5 / 60 = 8.3 % < 10 %.
    assert primary_reason([60.0, 30.0, 5.0], only_p) is Reason.P_PERCENT
    # With 7 from the others: 7 / 60 = 11.7 % ≥ 10 %: publishable.
    assert primary_reason([60.0, 30.0, 7.0], only_p) is None


def test_a_group_of_companies_counts_once():
    contributions = [
        Contribution("Sub A", 40.0, "Holding"),
        Contribution("Sub B", 30.0, "Holding"),
        Contribution("Other", 20.0),
        Contribution("Third", 10.0),
    ]
    assert merged_values(contributions) == [70.0, 20.0, 10.0]
    # Four organisations, three owners: passes the threshold; the holding and "Other" make 90 %.
    assert primary_reason(merged_values(contributions), DEFAULT) is Reason.DOMINANCE


def test_all_zero_figures_pass():
    assert primary_reason([0.0, 0.0, 0.0], DEFAULT) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_contributors": 0}, "min_contributors"),
        ({"dominance_n": 0}, "dominance"),
        ({"dominance_k": 0.0}, "dominance"),
        ({"dominance_k": float("nan")}, "dominance"),
        ({"p_percent": -1.0}, "p_percent"),
        ({"p_percent": 101.0}, "p_percent"),
    ],
)
def test_parameters_refuse_absurd_values(kwargs, message):
    with pytest.raises(DisclosureError, match=message):
        Parameters(**kwargs)


def test_parse_dominance():
    assert Parameters.parse_dominance(" 2, 85 ") == (2, 85.0)
    with pytest.raises(DisclosureError, match="dominance: expected 'n,k'"):
        Parameters.parse_dominance("85")
