"""What an import found and did: the report shown on the coordinators' page and in the console."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_SHOWN = 200  # problems listed in full; the rest are counted


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            label = _("Item %(n)s") if self.unit == "item" else _("Row %(n)s")
            where.append(label % {"n": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    as_submitted: bool
    rows: int = 0
    to_create: int = 0
    created: int = 0
    unchanged: int = 0
    repeated: int = 0
    columns: dict[str, str | None] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0
