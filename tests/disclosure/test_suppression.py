"""Secondary suppression, checked against an audit written independently of it.

For random one- and two-way tables: no published cell fails a rule, no hidden cell can be
recomputed from the published ones, published values are the true sums, and contributor counts
never give a hidden cell's count away.

The independent audit: flip the sign of the margins (the grand total keeps its sign) and every
line of the (rows + 1) × (columns + 1) array sums to zero. The values the hidden cells may take
without changing a published one are then the circulations on the bipartite graph whose edges
are the hidden cells; a hidden cell is pinned exactly when its edge lies on no cycle: a bridge.
A one-way table is a single line: a hidden cell is pinned when it is the line's only one.
"""

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from sustainai.disclosure.rules import Contribution, Parameters, Reason
from sustainai.disclosure.suppression import determined, publish
from sustainai.disclosure.tables import build_table

ROWS = ["north", "south", "east", "west"]
COLUMNS = ["health", "energy", "finance"]


def _sensitive(values, parameters):
    """The rules again, written out plainly."""
    values = sorted(values, reverse=True)
    if not values:
        return False
    # Sums without cancellation: "the total less the two largest" is the sum of the others (a
    # float subtraction can leave -2e-13 where there are no others, and flag p = 0 wrongly).
    total = math.fsum(values)
    return (
        len(values) < parameters.min_contributors
        or math.fsum(values[: parameters.dominance_n]) > parameters.dominance_k / 100 * total
        or math.fsum(values[2:]) < parameters.p_percent / 100 * values[0]
    )


contribution_rows = st.lists(
    st.tuples(
        st.sampled_from(ROWS),
        st.sampled_from(COLUMNS),
        st.integers(min_value=0, max_value=11),  # organisation number: repeats happen
        st.sampled_from(["", "", "", "holding-1", "holding-2"]),
        st.floats(min_value=0.5, max_value=1000.0, allow_nan=False),
    ),
    min_size=1,
    max_size=60,
)
parameter_sets = st.builds(
    Parameters,
    min_contributors=st.integers(min_value=1, max_value=5),
    dominance_n=st.integers(min_value=1, max_value=3),
    dominance_k=st.floats(min_value=50.0, max_value=100.0),
    p_percent=st.floats(min_value=0.0, max_value=30.0),
)


def _contributions(rows):
    # An organisation belongs to at most one group: the first one drawn for it.
    groups: dict[int, str] = {}
    return [
        ({"region": r, "sector": c}, Contribution(f"org-{o}", value, groups.setdefault(o, g)))
        for r, c, o, g, value in rows
    ]


def _pinned_two_way(table, hidden):
    graph = nx.Graph()
    for key in hidden:
        row, column = key
        graph.add_edge(("row", row), ("column", column), key=key)
    bridges = {frozenset(edge) for edge in nx.bridges(graph)}
    return {data["key"] for a, b, data in graph.edges(data=True) if frozenset((a, b)) in bridges}


@settings(max_examples=150, deadline=None)
@given(contribution_rows, parameter_sets)
def test_two_way_tables_are_safe(rows, parameters):
    data = _contributions(rows)
    table = build_table(data, ["region", "sector"])
    cells = {cell.key: cell for cell in publish(table, parameters)}
    hidden = {key for key, cell in cells.items() if cell.suppressed}

    assert _pinned_two_way(table, hidden) == set()
    assert determined(table, hidden) == []
    for key, cell in cells.items():
        truth = table.cells[key]
        if cell.suppressed:
            assert cell.value is None and cell.contributors is None
            if cell.reason is not Reason.SECONDARY:
                assert _sensitive(truth.merged, parameters)
        else:
            assert not _sensitive(truth.merged, parameters)
            expected = math.fsum(
                contribution.value
                for groups, contribution in data
                if all(
                    part is None or groups[name] == part
                    for name, part in zip(("region", "sector"), key, strict=True)
                )
            )
            assert cell.value == expected
            if cell.contributors is not None and None in key:
                covered = {
                    inner
                    for inner in table.cells
                    if None not in inner
                    and all(p is None or p == i for p, i in zip(key, inner, strict=True))
                }
                assert not covered & hidden


@settings(max_examples=150, deadline=None)
@given(contribution_rows, parameter_sets)
def test_one_way_tables_are_safe(rows, parameters):
    table = build_table(_contributions(rows), ["region"])
    cells = publish(table, parameters)
    hidden = [cell for cell in cells if cell.suppressed]
    assert len(hidden) != 1  # one hidden cell in the single line would be the total minus the rest
    assert determined(table, [cell.key for cell in hidden]) == []
    for cell in cells:
        assert cell.suppressed or not _sensitive(table.cells[cell.key].merged, parameters)


def _table(rows):
    return build_table(
        [({"region": r, "sector": s}, Contribution(o, v)) for r, s, o, v in rows],
        ["region", "sector"],
    )


def test_a_single_sensitive_cell_is_hidden_with_a_rectangle():
    # EU/finance has one contributor. Hiding it alone, the EU row total gives it back; the
    # cheapest protection is the rectangle with the smallest other row and column.
    table = _table(
        [
            ("EU", "finance", "a", 500.0),
            *[("EU", "health", o, 100.0) for o in "bcd"],
            *[("US", "finance", o, 40.0) for o in "efg"],
            *[("US", "health", o, 30.0) for o in "hij"],
            *[("AS", "finance", o, 90.0) for o in "klm"],
            *[("AS", "health", o, 95.0) for o in "nop"],
        ]
    )
    cells = {cell.key: cell for cell in publish(table, Parameters())}
    hidden = {key: cell.reason for key, cell in cells.items() if cell.suppressed}
    assert hidden == {
        ("EU", "finance"): Reason.THRESHOLD,
        ("EU", "health"): Reason.SECONDARY,
        ("US", "finance"): Reason.SECONDARY,
        ("US", "health"): Reason.SECONDARY,
    }
    # Margins stay published; the counts of the lines holding hidden cells do not.
    assert cells[("EU", None)].value == 800.0 and cells[("EU", None)].contributors is None
    assert cells[("AS", None)].value == 555.0 and cells[("AS", None)].contributors == 6
    assert cells[(None, None)].value == 1_565.0 and cells[(None, None)].contributors is None
    assert cells[("AS", "finance")].contributors == 3


def test_a_one_way_table_hides_a_second_cell_or_the_total():
    table = build_table(
        [
            ({"region": r}, Contribution(o, v))
            for r, o, v in [
                ("EU", "a", 10.0),
                ("EU", "b", 11.0),
                ("EU", "c", 12.0),
                ("US", "d", 20.0),
                ("US", "e", 21.0),
                ("US", "f", 22.0),
                ("AS", "g", 50.0),
            ]
        ],
        ["region"],
    )
    cells = {cell.key: cell for cell in publish(table, Parameters())}
    assert {key: cell.reason for key, cell in cells.items() if cell.suppressed} == {
        ("AS",): Reason.THRESHOLD,
        ("EU",): Reason.SECONDARY,  # the smallest other cell, not the total
    }
    assert cells[(None,)].value == 146.0 and cells[(None,)].contributors is None
