"""One- and two-way tables of contributions, with their margins and additive relations.

A cell is keyed by the values of the grouping columns, with ``None`` where a margin adds a column
up: in a two-way table by region and sector, ``("EU", "Health")`` is an inner cell,
``("EU", None)`` the EU's row total, ``(None, "Health")`` a column total and ``(None, None)`` the
grand total. Every combination of observed values is a cell, so an inner cell may be *empty* (no
contributor): it is a known zero, published as such.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence

from sustainai.disclosure.rules import Contribution, DisclosureError, merged_values

Key = tuple[str | None, ...]


@dataclasses.dataclass(frozen=True)
class Cell:
    key: Key
    value: float
    #: Contributors once merged by group of companies.
    merged: tuple[float, ...]

    @property
    def contributors(self) -> int:
        return len(self.merged)

    @property
    def is_empty(self) -> bool:
        return not self.merged

    @property
    def is_margin(self) -> bool:
        return None in self.key


@dataclasses.dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``."""

    total: Key
    parts: tuple[Key, ...]


@dataclasses.dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    cells: Mapping[Key, Cell]
    relations: tuple[Relation, ...]

    @property
    def grand_total(self) -> Key:
        return (None,) * len(self.columns)


def build_table(
    rows: Iterable[tuple[Mapping[str, str], Contribution]], columns: Sequence[str]
) -> Table:
    """The table of ``rows`` (grouping values, contribution) by one or two ``columns``."""
    columns = tuple(columns)
    if len(columns) not in (1, 2):
        raise DisclosureError("by: give one or two grouping columns")
    if len(set(columns)) != len(columns):
        raise DisclosureError("by: the two grouping columns must differ")
    by_key: dict[Key, list[Contribution]] = {}
    for number, (groups, contribution) in enumerate(rows, start=1):
        if not math.isfinite(contribution.value) or contribution.value < 0:
            raise DisclosureError(f"row {number}: value: must be a finite number, zero or more")
        key: list[str | None] = []
        for column in columns:
            value = groups.get(column)
            if value is None or not str(value).strip():
                raise DisclosureError(f"row {number}: {column}: a value is required")
            key.append(str(value).strip())
        by_key.setdefault(tuple(key), []).append(contribution)
    if not by_key:
        raise DisclosureError("no contribution to aggregate")

    levels = [sorted({key[i] or "" for key in by_key}) for i in range(len(columns))]
    inner: list[Key] = (
        [(a,) for a in levels[0]]
        if len(columns) == 1
        else [(a, b) for a in levels[0] for b in levels[1]]
    )
    members: dict[Key, list[Contribution]] = {key: by_key.get(key, []) for key in inner}
    relations: list[Relation] = []
    grand: Key = (None,) * len(columns)
    if len(columns) == 1:
        members[grand] = [c for key in inner for c in members[key]]
        relations.append(Relation(grand, tuple(inner)))
    else:
        rows_keys: list[Key] = [(a, None) for a in levels[0]]
        column_keys: list[Key] = [(None, b) for b in levels[1]]
        for row_key in rows_keys:
            parts = tuple(key for key in inner if key[0] == row_key[0])
            members[row_key] = [c for key in parts for c in members[key]]
            relations.append(Relation(row_key, parts))
        for column_key in column_keys:
            parts = tuple(key for key in inner if key[1] == column_key[1])
            members[column_key] = [c for key in parts for c in members[key]]
            relations.append(Relation(column_key, parts))
        members[grand] = [c for key in inner for c in members[key]]
        relations.append(Relation(grand, tuple(rows_keys)))
        relations.append(Relation(grand, tuple(column_keys)))
    cells = {
        key: Cell(
            key,
            math.fsum(c.value for c in contributions),
            tuple(merged_values(contributions)),
        )
        for key, contributions in members.items()
    }
    return Table(columns, cells, tuple(relations))
