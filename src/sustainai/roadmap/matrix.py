"""The coverage matrix (life-cycle phases x scope dimensions) and the comparison of editions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sustainai.roadmap.vocabulary import DIMENSIONS, PHASES


@dataclass(frozen=True)
class Entry:
    """What the matrix and the editions need of a standard."""

    identifier: str
    status: str
    phases: tuple[str, ...]
    dimensions: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class Cell:
    phase: str
    dimension: str
    identifiers: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.identifiers)


#: Statuses that count in the matrix: a withdrawn standard covers nothing any more.
COVERING = frozenset({"proposed", "in-development", "published", "revised"})


def coverage(
    entries: Iterable[Entry],
    phases: Sequence[str] = PHASES,
    dimensions: Sequence[str] = DIMENSIONS,
) -> list[Cell]:
    """Every phase x dimension pair (phases outer, dimensions inner), each with the identifiers
    of the standards covering both, sorted; empty cells are the gaps."""
    cells: dict[tuple[str, str], list[str]] = {(p, d): [] for p in phases for d in dimensions}
    for entry in entries:
        if entry.status not in COVERING:
            continue
        for phase in entry.phases:
            for dimension in entry.dimensions:
                if (phase, dimension) in cells:
                    cells[(phase, dimension)].append(entry.identifier)
    return [Cell(p, d, tuple(sorted(set(cells[(p, d)])))) for p in phases for d in dimensions]


def crowded_threshold(cells: Sequence[Cell]) -> int:
    """The count from which a cell reads as an overlap: the upper quartile of the non-empty
    cells' counts, and at least 3 (two standards on one cell are a pair, not a crowd)."""
    counts = sorted(cell.count for cell in cells if cell.count)
    if not counts:
        return 3
    return max(3, counts[(3 * len(counts)) // 4 if len(counts) > 1 else 0])


@dataclass(frozen=True)
class StatusChange:
    identifier: str
    before: str
    after: str


@dataclass(frozen=True)
class Diff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    status_changed: tuple[StatusChange, ...]
    #: Identifiers whose phases, dimensions or title changed (their status aside).
    changed: tuple[str, ...]


def compare(before: Mapping[str, Entry], after: Mapping[str, Entry]) -> Diff:
    """What changed from edition ``before`` to edition ``after`` (both keyed by identifier)."""
    common = sorted(before.keys() & after.keys())
    return Diff(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=tuple(sorted(before.keys() - after.keys())),
        status_changed=tuple(
            StatusChange(key, before[key].status, after[key].status)
            for key in common
            if before[key].status != after[key].status
        ),
        changed=tuple(
            key
            for key in common
            if (before[key].phases, before[key].dimensions, before[key].title)
            != (after[key].phases, after[key].dimensions, after[key].title)
        ),
    )
