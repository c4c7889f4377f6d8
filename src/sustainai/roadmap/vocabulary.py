"""The roadmap's controlled vocabulary and the mapping of free text onto it.

Life-cycle phases are ISO/IEC 22989's stages of an AI system, framed by the hardware's
manufacturing before them and its end of life after them. Free text ("training", "facility
operation (use phase only)") is mapped through synonyms; what maps to nothing is reported.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

STATUSES: tuple[str, ...] = ("proposed", "in-development", "published", "revised", "withdrawn")

PHASES: tuple[str, ...] = (
    "hardware-manufacturing",
    "inception",
    "design-development",
    "verification-validation",
    "deployment",
    "operation-monitoring",
    "re-evaluation",
    "retirement",
    "end-of-life",
)
AI_STAGES: tuple[str, ...] = PHASES[1:-1]

DIMENSIONS: tuple[str, ...] = (
    "energy",
    "carbon",
    "water",
    "materials",
    "measurement",
    "reporting",
    "management-system",
    "procurement",
    "labelling",
)

RELATIONS: tuple[str, ...] = (
    "builds-on",
    "twinned-with",
    "liaises-with",
    "supersedes",
    "equivalent-to",
)
#: Relations that hold both ways (shown from either end).
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"twinned-with", "liaises-with", "equivalent-to"})

STATUS_SYNONYMS: dict[str, str] = {
    "proposed": "proposed",
    "proposal": "proposed",
    "early stage": "proposed",
    "new work item": "proposed",
    "in development": "in-development",
    "in-development": "in-development",
    "under development": "in-development",
    "draft": "in-development",
    "consultation": "in-development",
    "under consultation": "in-development",
    "published": "published",
    "in force": "published",
    "adopted": "published",
    "adopted for publication": "published",
    "approved": "published",
    "revised": "revised",
    "updated": "revised",
    "withdrawn": "withdrawn",
    "superseded": "withdrawn",
    "cancelled": "withdrawn",
}

PHASE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "all": PHASES,
    "all stages": PHASES,
    "cradle-to-grave": PHASES,
    "whole life cycle": PHASES,
    "life cycle": PHASES,
    "organisation-wide": AI_STAGES,
    "organization-wide": AI_STAGES,
    "hardware manufacturing": ("hardware-manufacturing",),
    "manufacturing": ("hardware-manufacturing",),
    "raw materials & manufacturing": ("hardware-manufacturing",),
    "raw materials": ("hardware-manufacturing",),
    "materials": ("hardware-manufacturing",),
    "embodied": ("hardware-manufacturing",),
    "inception": ("inception",),
    "procurement": ("inception",),
    "design": ("design-development",),
    "development": ("design-development",),
    "design & development": ("design-development",),
    "design and development": ("design-development",),
    "training": ("design-development",),
    "build/train": ("design-development",),
    "fine-tuning": ("design-development",),
    "data engineering": ("design-development",),
    "model management": ("design-development",),
    "verification & validation": ("verification-validation",),
    "verification and validation": ("verification-validation",),
    "testing": ("verification-validation",),
    "deployment": ("deployment",),
    "system integration": ("deployment",),
    "operation": ("operation-monitoring",),
    "operation & monitoring": ("operation-monitoring",),
    "operation and monitoring": ("operation-monitoring",),
    "use": ("operation-monitoring",),
    "use phase": ("operation-monitoring",),
    "inference": ("operation-monitoring",),
    "inference/use": ("operation-monitoring",),
    "runtime": ("operation-monitoring",),
    "facility": ("operation-monitoring",),
    "facility operation": ("operation-monitoring",),
    "facility design & operation": ("inception", "operation-monitoring"),
    "training & inference": ("design-development", "operation-monitoring"),
    "inference & training": ("design-development", "operation-monitoring"),
    "re-evaluation": ("re-evaluation",),
    "retirement": ("retirement",),
    "decommissioning": ("retirement",),
    "end-of-life": ("end-of-life",),
    "end of life": ("end-of-life",),
    "disposal": ("end-of-life",),
    "recycling": ("end-of-life",),
}

DIMENSION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "energy": ("energy",),
    "electricity": ("energy",),
    "renewables": ("energy",),
    "power": ("energy",),
    "carbon": ("carbon",),
    "ghg": ("carbon",),
    "greenhouse gases": ("carbon",),
    "emissions": ("carbon",),
    "targets": ("carbon",),
    "water": ("water",),
    "materials": ("materials",),
    "waste": ("materials",),
    "e-waste": ("materials",),
    "materials/e-waste": ("materials",),
    "hardware": ("materials",),
    "measurement": ("measurement",),
    "metrics": ("measurement",),
    "lca": ("measurement",),
    "energy efficiency": ("energy",),
    "verification": ("measurement",),
    "hardware benchmark": ("measurement",),
    "benchmark": ("measurement",),
    "reporting": ("reporting",),
    "disclosure": ("reporting",),
    "claims": ("reporting",),
    "communication/claims": ("reporting",),
    "management-system": ("management-system",),
    "management system": ("management-system",),
    "governance": ("management-system",),
    "procurement": ("procurement",),
    "labelling": ("labelling",),
    "labeling": ("labelling",),
    "label": ("labelling",),
    "eco-label": ("labelling",),
}

_PARENTHESES = re.compile(r"\([^()]*\)")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Lower case, parenthetical remarks dropped, spaces collapsed."""
    previous = None
    while previous != text:
        previous, text = text, _PARENTHESES.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .").lower()


def status_of(text: str) -> str | None:
    """The status ``text`` names ("published (in force)" -> "published"), or ``None``."""
    cleaned = _clean(text)
    if cleaned in STATUS_SYNONYMS:
        return STATUS_SYNONYMS[cleaned]
    # "published; updated": the latest word wins; "proposed / early stage": the first that maps.
    parts = [part.strip() for part in re.split(r"[;/]", cleaned) if part.strip()]
    known = [STATUS_SYNONYMS[part] for part in parts if part in STATUS_SYNONYMS]
    if not known:
        return None
    return known[-1] if ";" in cleaned else known[0]


@dataclass
class Mapped:
    """Terms of the vocabulary a free text maps to, in vocabulary order, and what did not map."""

    terms: tuple[str, ...] = ()
    unknown: tuple[str, ...] = field(default_factory=tuple)


def _map(text: str, synonyms: dict[str, tuple[str, ...]], order: tuple[str, ...]) -> Mapped:
    found: set[str] = set()
    unknown: list[str] = []
    # Parenthetical remarks go first: their commas do not separate terms.
    for raw in re.split(r"[;,+]", _PARENTHESES.sub(" ", text)):
        piece = raw.strip()
        if not piece:
            continue
        key = _clean(piece).replace("_", "-")
        if key in synonyms:
            found.update(synonyms[key])
        elif key.replace(" ", "-") in order:
            found.add(key.replace(" ", "-"))
        elif "all" in synonyms and (key == "all" or key.startswith("all ")):
            found.update(synonyms["all"])  # "all AI life-cycle stages", "all (product)"
        else:
            unknown.append(piece)
    return Mapped(tuple(term for term in order if term in found), tuple(unknown))


def map_phases(text: str) -> Mapped:
    """Life-cycle phases named in ``text`` (separated by ``;``, ``,`` or ``+``)."""
    return _map(text, PHASE_SYNONYMS, PHASES)


def map_dimensions(text: str) -> Mapped:
    """Scope dimensions named in ``text`` (separated by ``;``, ``,`` or ``+``)."""
    return _map(text, DIMENSION_SYNONYMS, DIMENSIONS)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str) -> datetime.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (the first day of a year or month);
    ``None`` for an empty text; ``ValueError`` for anything else."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    if year < 1900 or year > 2100:
        raise ValueError(f"{text!r}: the year is out of range (1900-2100)")
    return datetime.date(year, month, day)
