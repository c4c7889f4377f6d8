"""Primary and secondary suppression, and the audit that no hidden cell can be recomputed.

Primary suppression hides the cells that fail a rule (``rules.primary_reason``). That is not
enough: a row total minus the published cells of the row gives back a single hidden cell. So
*secondary* suppression hides more cells until no hidden cell's value follows from the published
ones through the table's additive relations.

The audit is exact linear algebra. Write every relation ``total - sum(parts) = 0`` over the hidden
cells only (published values move to the right-hand side). A hidden cell is *determined* when its
unit vector lies in the row space of that system, i.e. when every solution of the homogeneous
system is zero at that cell: the null space has a zero there.

The choice of cells to hide is greedy: while some hidden cell is determined, hide the published
cell that leaves the fewest determined cells, preferring cells beside the exposed ones, then inner
cells to margins, then the smallest figure (the least information lost), and audit again. The greedy choice does not
promise the fewest hidden cells (τ-ARGUS's optimal method solves a mixed-integer programme for
that), and the audit does not use the figures' non-negativity: docs/transparency.md says what
that leaves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import numpy as np

from sustainai.disclosure.rules import Parameters, Reason, primary_reason
from sustainai.disclosure.tables import Cell, Key, Table

_TOLERANCE = 1e-9


def determined(table: Table, hidden: Iterable[Key]) -> list[Key]:
    """The hidden cells whose value follows from the published cells, in table order."""
    hidden = set(hidden)
    unknowns = [key for key in table.cells if key in hidden]
    if not unknowns:
        return []
    index = {key: position for position, key in enumerate(unknowns)}
    rows = []
    for relation in table.relations:
        row = np.zeros(len(unknowns))
        if relation.total in index:
            row[index[relation.total]] += 1.0
        for part in relation.parts:
            if part in index:
                row[index[part]] -= 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.vstack(rows)
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > _TOLERANCE * max(matrix.shape)).sum())
    null_space = vt[rank:]
    if null_space.shape[0] == 0:
        return list(unknowns)
    weights = np.linalg.norm(null_space, axis=0)
    return [key for key, weight in zip(unknowns, weights, strict=True) if weight < 1e-7]


def _cost(cell: Cell) -> tuple[int, float, Key]:
    # Inner cells first, the grand total last; then the smallest figure; then a stable order.
    margins = sum(part is None for part in cell.key)
    return (margins, cell.value, tuple(part or "" for part in cell.key))


def _neighbours(table: Table, key: Key) -> set[Key]:
    found: set[Key] = set()
    for relation in table.relations:
        members = (relation.total, *relation.parts)
        if key in members:
            found.update(members)
    found.discard(key)
    return found


def suppress(table: Table, parameters: Parameters) -> dict[Key, Reason]:
    """Every hidden cell with its reason: the rule it fails, or ``secondary``."""
    hidden: dict[Key, Reason] = {}
    for key, cell in table.cells.items():
        reason = primary_reason(cell.merged, parameters)
        if reason is not None:
            hidden[key] = reason
    while exposed := determined(table, hidden):
        # Look where the exposure is first (the cells sharing a relation with an exposed cell),
        # everywhere else only if that cannot help.
        near = set().union(*(_neighbours(table, key) for key in exposed))
        published = [c for c in table.cells.values() if c.key not in hidden and not c.is_empty]
        if not published:  # pragma: no cover - nothing is left to hide
            break
        ranked = sorted(
            published,
            key=lambda c: (len(determined(table, [*hidden, c.key])), c.key not in near, _cost(c)),
        )
        chosen = ranked[0]
        hidden[chosen.key] = Reason.SECONDARY
    return hidden


@dataclasses.dataclass(frozen=True)
class PublishedCell:
    key: Key
    value: float | None
    contributors: int | None
    reason: Reason | None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


def _covered(table: Table, key: Key) -> set[Key]:
    """Every cell that ``key`` adds up, directly or through other margins."""
    found: set[Key] = set()
    pending = [key]
    while pending:
        current = pending.pop()
        for relation in table.relations:
            if relation.total == current:
                for part in relation.parts:
                    if part not in found:
                        found.add(part)
                        pending.append(part)
    return found


def publish(table: Table, parameters: Parameters) -> list[PublishedCell]:
    """What may be published of ``table``: each cell's value, or why it is hidden.

    A cell's number of contributors is shown only where it cannot give away a hidden cell's:
    inner cells that are published, and margins none of whose parts is hidden (otherwise the
    margin's count minus the published counts would tell how many contributed to a hidden cell).
    """
    hidden = suppress(table, parameters)
    cells = []
    for key, cell in table.cells.items():
        reason = hidden.get(key)
        if reason is not None:
            cells.append(PublishedCell(key, None, None, reason))
            continue
        count_safe = not cell.is_margin or not (_covered(table, key) & hidden.keys())
        cells.append(
            PublishedCell(key, cell.value, cell.contributors if count_safe else None, None)
        )
    return cells
