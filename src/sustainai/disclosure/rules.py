"""Primary disclosure rules for tabular magnitude data (energy, water, emissions totals).

A cell of a published table is the sum of the figures its contributors reported. It is
*sensitive* (never published) when one of these rules says that publishing its total would let
someone learn too much about one contributor:

- **threshold**: fewer than ``min_contributors`` contributors;
- **dominance** ``(n, k)``: the ``n`` largest contributors make more than ``k`` % of the total;
- **p-percent**: the second-largest contributor, subtracting its own figure from the total, would
  learn the largest one to within ``p`` %: ``total - x1 - x2 < p/100 * x1``.

Contributors that belong to the same group of companies are merged first and count as one: two
subsidiaries of one holding could otherwise pool their knowledge. The rules follow the ESSnet
handbook on statistical disclosure control (docs/transparency.md gives the references).
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Iterable, Sequence


class Reason(enum.StrEnum):
    """Why a cell is not published. The order is the order in which the rules are applied."""

    THRESHOLD = "threshold"
    DOMINANCE = "dominance"
    P_PERCENT = "p-percent"
    SECONDARY = "secondary"


class DisclosureError(ValueError):
    """Bad parameters or figures; the message names the field."""


@dataclasses.dataclass(frozen=True)
class Parameters:
    """A table's disclosure parameters (set per table; offices usually keep them confidential)."""

    min_contributors: int = 3
    dominance_n: int = 2
    dominance_k: float = 85.0
    p_percent: float = 10.0

    def __post_init__(self) -> None:
        if not 1 <= self.min_contributors <= 100:
            raise DisclosureError("min_contributors: must be between 1 and 100")
        if not 1 <= self.dominance_n <= 10:
            raise DisclosureError("dominance: n must be between 1 and 10")
        if not (math.isfinite(self.dominance_k) and 0 < self.dominance_k <= 100):
            raise DisclosureError("dominance: k must be a percentage above 0 and at most 100")
        if not (math.isfinite(self.p_percent) and 0 <= self.p_percent <= 100):
            raise DisclosureError("p_percent: must be a percentage between 0 and 100")

    @classmethod
    def parse_dominance(cls, text: str) -> tuple[int, float]:
        """``"2,85"`` → ``(2, 85.0)``."""
        parts = [part.strip() for part in text.split(",")]
        try:
            if len(parts) != 2:
                raise ValueError
            n, k = int(parts[0]), float(parts[1])
        except ValueError:
            raise DisclosureError(
                f"dominance: expected 'n,k' such as '2,85', got {text!r}"
            ) from None
        return n, k


@dataclasses.dataclass(frozen=True)
class Contribution:
    """One organisation's figure for one cell."""

    organisation: str
    value: float
    #: The group of companies the organisation belongs to (empty: the organisation alone).
    group_of_companies: str = ""

    @property
    def owner(self) -> str:
        return self.group_of_companies or self.organisation


def merged_values(contributions: Iterable[Contribution]) -> list[float]:
    """One figure per owner (organisation or its group of companies), largest first."""
    totals: dict[str, float] = {}
    for contribution in contributions:
        totals[contribution.owner] = totals.get(contribution.owner, 0.0) + contribution.value
    return sorted(totals.values(), reverse=True)


def primary_reason(values: Sequence[float], parameters: Parameters) -> Reason | None:
    """The first rule that makes a cell with these merged contributions (largest first) sensitive.

    A cell with no contributor at all is an empty cell, known to be zero by everyone: not
    sensitive.
    """
    if not values:
        return None
    if len(values) < parameters.min_contributors:
        return Reason.THRESHOLD
    total = math.fsum(values)
    if math.fsum(values[: parameters.dominance_n]) > parameters.dominance_k / 100 * total:
        return Reason.DOMINANCE
    # What the second-largest contributor does not know: everyone else's share.
    if math.fsum(values[2:]) < parameters.p_percent / 100 * values[0]:
        return Reason.P_PERCENT
    return None
