"""Normalisation of messy values found in files of initiatives: countries, types, years, statuses.

Plain functions without database access (the topic vocabulary is passed in), used by the importer
and the submission form. Each parser either returns a clean value or raises ``ValueError`` with a
reason written for the person who will fix the file.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from sustainai.atlas import places
from sustainai.atlas.models import InitiativeStatus, InitiativeType, Scope

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=200_000)
def fold_case_accents_punctuation(text: str) -> str:
    """Lower case, without accents and punctuation: "Côte d'Ivoire" → "cote d ivoire".

    The key under which labels of countries, types, statuses, topics and columns are looked up;
    letters without an unaccented form (œ, ø) are dropped like punctuation.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", stripped).strip()


def normalise_actor_name(name: str) -> str:
    """The key that makes two spellings of an organisation's name the same Actor."""
    return fold_case_accents_punctuation(name)[:255]


# --- Geography -------------------------------------------------------------------------------

# "France-led", "led by France", "porté par la France": the country is what matters.
_LED = re.compile(r"^(?:led by|porte par|pilote par)\s+|\s+(?:led|based)$")
# Western, Chinese, Japanese and Arabic list punctuation.
_STRONG_SEPARATORS = re.compile(r"[;；|/\n()\[\]（）]")
_WEAK_SEPARATORS = re.compile(r"[,，、،]|\s+and\s+|\s+et\s+|\s+und\s+|&|\+")


@dataclass
class Geography:
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    international: bool = False
    unknown: list[str] = field(default_factory=list)

    def scope(self) -> str:
        """International when said so or several countries are named; regional for regions only."""
        if self.international or len(self.countries) > 1:
            return str(Scope.INTERNATIONAL)
        if self.regions and not self.countries:
            return str(Scope.REGIONAL)
        return str(Scope.NATIONAL)


def _match_place(text: str, geo: Geography, known: dict[str, places.Place]) -> bool:
    key = _LED.sub("", places.fold_place(text)).strip()
    if not key:
        return True
    place = known.get(key) or places.find(key)
    if place is None:
        return False
    if place.kind == places.INTERNATIONAL:
        geo.international = True
    else:
        named = geo.countries if place.kind == places.COUNTRY else geo.regions
        if place.code not in named:
            named.append(place.code)
    return True


def parse_geography(value, known: dict[str, places.Place] | None = None) -> Geography:
    """Countries, regions and "international" named in one cell (or a list of cells).

    Understands names in many languages ("Deutschland", "Allemagne", "中国"), codes ("FR", "FRA"),
    short forms ("USA", "UK"), regions ("EU"), "International (France-led)", "France /
    International", "France, Germany and Italy" (``places``), and the places of ``known`` (by
    folded name: a coordinator's mapping); what it cannot place is in ``unknown``.
    """
    known = known or {}
    geo = Geography()
    parts = value if isinstance(value, list | tuple) else [value]
    for cell in parts:
        if cell is None:
            continue
        text = str(cell).strip()
        if not text or _match_place(text, geo, known):
            continue
        for part in _STRONG_SEPARATORS.split(text):
            part = part.strip()
            if not part or _match_place(part, geo, known):
                continue
            pieces = [p.strip() for p in _WEAK_SEPARATORS.split(part)]
            i = 0
            while i < len(pieces):
                # "Korea, Republic of" is one country written with a comma.
                if i + 1 < len(pieces) and _match_place(
                    f"{pieces[i]}, {pieces[i + 1]}", geo, known
                ):
                    i += 2
                    continue
                if pieces[i] and not _match_place(pieces[i], geo, known):
                    geo.unknown.append(pieces[i])
                i += 1
    return geo


# --- Types -----------------------------------------------------------------------------------

# Exact folded values first, then keywords found in the value (in this order).
_TYPE_KEYWORDS: list[tuple[str, str]] = [
    ("research programme", InitiativeType.RESEARCH),
    ("research program", InitiativeType.RESEARCH),
    ("programme de recherche", InitiativeType.RESEARCH),
    ("white paper", InitiativeType.REPORT),
    ("best practice", InitiativeType.GUIDELINE),
    ("code of conduct", InitiativeType.GUIDELINE),
    ("data set", InitiativeType.DATASET),
    ("jeu de donnees", InitiativeType.DATASET),
    ("standard", InitiativeType.STANDARD),
    ("standards", InitiativeType.STANDARD),
    ("standardisation", InitiativeType.STANDARD),
    ("standardization", InitiativeType.STANDARD),
    ("norm", InitiativeType.STANDARD),
    ("norme", InitiativeType.STANDARD),
    ("specification", InitiativeType.STANDARD),
    ("spec", InitiativeType.STANDARD),
    ("certification", InitiativeType.CERTIFICATION),
    ("certificate", InitiativeType.CERTIFICATION),
    ("label", InitiativeType.CERTIFICATION),
    ("ecolabel", InitiativeType.CERTIFICATION),
    ("rating", InitiativeType.CERTIFICATION),
    ("observatory", InitiativeType.OBSERVATORY),
    ("observatoire", InitiativeType.OBSERVATORY),
    ("leaderboard", InitiativeType.OBSERVATORY),
    ("index", InitiativeType.OBSERVATORY),
    ("monitor", InitiativeType.OBSERVATORY),
    ("monitoring", InitiativeType.OBSERVATORY),
    ("ranking", InitiativeType.OBSERVATORY),
    ("coalition", InitiativeType.COALITION),
    ("alliance", InitiativeType.COALITION),
    ("network", InitiativeType.COALITION),
    ("reseau", InitiativeType.COALITION),
    ("consortium", InitiativeType.COALITION),
    ("partnership", InitiativeType.COALITION),
    ("partenariat", InitiativeType.COALITION),
    ("foundation", InitiativeType.COALITION),
    ("association", InitiativeType.COALITION),
    ("community", InitiativeType.COALITION),
    ("challenge", InitiativeType.CHALLENGE),
    ("competition", InitiativeType.CHALLENGE),
    ("hackathon", InitiativeType.CHALLENGE),
    ("prize", InitiativeType.CHALLENGE),
    ("defi", InitiativeType.CHALLENGE),
    ("concours", InitiativeType.CHALLENGE),
    ("dataset", InitiativeType.DATASET),
    ("datasets", InitiativeType.DATASET),
    ("database", InitiativeType.DATASET),
    ("guideline", InitiativeType.GUIDELINE),
    ("guidelines", InitiativeType.GUIDELINE),
    ("guidance", InitiativeType.GUIDELINE),
    ("guide", InitiativeType.GUIDELINE),
    ("recommendation", InitiativeType.GUIDELINE),
    ("recommendations", InitiativeType.GUIDELINE),
    ("framework", InitiativeType.GUIDELINE),
    ("referentiel", InitiativeType.GUIDELINE),
    ("policy", InitiativeType.POLICY),
    ("regulation", InitiativeType.POLICY),
    ("law", InitiativeType.POLICY),
    ("legislation", InitiativeType.POLICY),
    ("directive", InitiativeType.POLICY),
    ("strategy", InitiativeType.POLICY),
    ("politique", InitiativeType.POLICY),
    ("reglementation", InitiativeType.POLICY),
    ("loi", InitiativeType.POLICY),
    ("report", InitiativeType.REPORT),
    ("study", InitiativeType.REPORT),
    ("paper", InitiativeType.REPORT),
    ("publication", InitiativeType.REPORT),
    ("rapport", InitiativeType.REPORT),
    ("etude", InitiativeType.REPORT),
    ("research", InitiativeType.RESEARCH),
    ("project", InitiativeType.RESEARCH),
    ("projet", InitiativeType.RESEARCH),
    ("programme", InitiativeType.RESEARCH),
    ("program", InitiativeType.RESEARCH),
    ("lab", InitiativeType.RESEARCH),
    ("recherche", InitiativeType.RESEARCH),
    ("tool", InitiativeType.TOOL),
    ("tools", InitiativeType.TOOL),
    ("toolkit", InitiativeType.TOOL),
    ("software", InitiativeType.TOOL),
    ("library", InitiativeType.TOOL),
    ("calculator", InitiativeType.TOOL),
    ("platform", InitiativeType.TOOL),
    ("benchmark", InitiativeType.TOOL),
    ("outil", InitiativeType.TOOL),
    ("logiciel", InitiativeType.TOOL),
    ("calculateur", InitiativeType.TOOL),
    ("plateforme", InitiativeType.TOOL),
    ("event", InitiativeType.EVENT),
    ("conference", InitiativeType.EVENT),
    ("workshop", InitiativeType.EVENT),
    ("summit", InitiativeType.EVENT),
    ("webinar", InitiativeType.EVENT),
    ("evenement", InitiativeType.EVENT),
    ("sommet", InitiativeType.EVENT),
    ("atelier", InitiativeType.EVENT),
    ("other", InitiativeType.OTHER),
    ("autre", InitiativeType.OTHER),
]
_TYPE_EXACT = {
    fold_case_accents_punctuation(str(label)): value for value, label in InitiativeType.choices
} | {value: value for value in InitiativeType.values}


def parse_type(value) -> tuple[str, bool]:
    """The vocabulary's type for a free-text value, and whether it was recognised.

    An empty value is ``other`` (recognised); an unknown one is ``other`` (not recognised).
    """
    key = fold_case_accents_punctuation(value or "")
    if not key:
        return str(InitiativeType.OTHER), True
    if key in _TYPE_EXACT:
        return str(_TYPE_EXACT[key]), True
    words = f" {key} "
    for keyword, kind in _TYPE_KEYWORDS:
        if f" {keyword} " in words:
            return str(kind), True
    return str(InitiativeType.OTHER), False


# --- Years, statuses, topics, web addresses, lists --------------------------------------------

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_year(value) -> int | None:
    """2023, 2023.0, "2023", "2023-05", "05/2023", "May 2023", a date → 2023; empty → None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, bool):
        raise ValueError(_("%(value)r is not a year") % {"value": value})
    if isinstance(value, int | float):
        if value != int(value) or not MIN_YEAR <= int(value) <= MAX_YEAR:
            raise ValueError(
                _("%(value)r is not a year between %(min)s and %(max)s")
                % {"value": value, "min": MIN_YEAR, "max": MAX_YEAR}
            )
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}\.0+", text):
        text = text.split(".")[0]
    match = _YEAR.search(text)
    if not match:
        raise ValueError(
            _("%(value)r is not a year (write it as 2023, 2023-05 or 2023-05-01)") % {"value": text}
        )
    return int(match.group(1))


_STATUSES = {
    "planned": InitiativeStatus.PLANNED,
    "planning": InitiativeStatus.PLANNED,
    "upcoming": InitiativeStatus.PLANNED,
    "proposed": InitiativeStatus.PLANNED,
    "in preparation": InitiativeStatus.PLANNED,
    "in development": InitiativeStatus.PLANNED,
    "draft": InitiativeStatus.PLANNED,
    "prevu": InitiativeStatus.PLANNED,
    "en preparation": InitiativeStatus.PLANNED,
    "a venir": InitiativeStatus.PLANNED,
    "active": InitiativeStatus.ACTIVE,
    "actif": InitiativeStatus.ACTIVE,
    "active ongoing": InitiativeStatus.ACTIVE,
    "ongoing": InitiativeStatus.ACTIVE,
    "on going": InitiativeStatus.ACTIVE,
    "running": InitiativeStatus.ACTIVE,
    "live": InitiativeStatus.ACTIVE,
    "open": InitiativeStatus.ACTIVE,
    "current": InitiativeStatus.ACTIVE,
    "in progress": InitiativeStatus.ACTIVE,
    "en cours": InitiativeStatus.ACTIVE,
    "completed": InitiativeStatus.COMPLETED,
    "complete": InitiativeStatus.COMPLETED,
    "finished": InitiativeStatus.COMPLETED,
    "ended": InitiativeStatus.COMPLETED,
    "closed": InitiativeStatus.COMPLETED,
    "done": InitiativeStatus.COMPLETED,
    "archived": InitiativeStatus.COMPLETED,
    "published": InitiativeStatus.COMPLETED,
    "inactive": InitiativeStatus.COMPLETED,
    "termine": InitiativeStatus.COMPLETED,
    "acheve": InitiativeStatus.COMPLETED,
    "clos": InitiativeStatus.COMPLETED,
}


def parse_status(value) -> str:
    """planned / active / completed from English or French wording; empty → active."""
    key = fold_case_accents_punctuation(value or "")
    if not key:
        return str(InitiativeStatus.ACTIVE)
    if key in _STATUSES:
        return str(_STATUSES[key])
    raise ValueError(
        _("%(value)r is not a status (use planned, active or completed)") % {"value": value}
    )


# Folded wordings → topic slugs of the seeded vocabulary (migration 0002), besides slug and name.
TOPIC_SYNONYMS = {
    "energy": "energy",
    "energie": "energy",
    "power": "energy",
    "electricity": "energy",
    "carbon": "carbon",
    "co2": "carbon",
    "emissions": "carbon",
    "ghg": "carbon",
    "climate": "carbon",
    "carbone": "carbon",
    "water": "water",
    "eau": "water",
    "hardware": "hardware-e-waste",
    "e waste": "hardware-e-waste",
    "ewaste": "hardware-e-waste",
    "materiel": "hardware-e-waste",
    "measurement": "measurement",
    "metrics": "measurement",
    "reporting": "measurement",
    "mesure": "measurement",
    "frugal": "frugal-ai",
    "frugal ai": "frugal-ai",
    "ia frugale": "frugal-ai",
    "frugalite": "frugal-ai",
    "data centres": "data-centres",
    "data centers": "data-centres",
    "data centre": "data-centres",
    "data center": "data-centres",
    "datacenter": "data-centres",
    "datacentre": "data-centres",
    "centres de donnees": "data-centres",
    "ai for environment": "ai-for-environment",
    "ai for the environment": "ai-for-environment",
    "ai for climate": "ai-for-environment",
    "efficiency": "model-efficiency",
    "model efficiency": "model-efficiency",
    "compression": "model-efficiency",
    "transparency": "transparency",
    "disclosure": "transparency",
    "procurement": "procurement",
    "achats publics": "procurement",
    "skills": "skills-awareness",
    "awareness": "skills-awareness",
    "education": "skills-awareness",
    "training": "skills-awareness",
}

_LIST_SEPARATORS = re.compile(r"[;|\n]")
_LIST_SEPARATORS_WITH_COMMA = re.compile(r"[;|\n,]")
_ANY_SEPARATOR = _LIST_SEPARATORS_WITH_COMMA


def split_list(value, *, commas: bool = False) -> list[str]:
    """Items of a list cell ("a; b | c", one per line; with ``commas``, "a, b" too), deduplicated."""
    if value is None:
        return []
    cells = value if isinstance(value, list | tuple) else [value]
    if len(cells) == 1 and isinstance(cells[0], str):
        # The common single item, without separators: no splitting needed.
        only = cells[0]
        if not _ANY_SEPARATOR.search(only):
            only = " ".join(only.split())
            return [only] if only else []
    pattern = _LIST_SEPARATORS_WITH_COMMA if commas else _LIST_SEPARATORS
    items: list[str] = []
    seen: set[str] = set()
    for cell in cells:
        if cell is None:
            continue
        for item in pattern.split(str(cell)):
            item = " ".join(item.split())
            key = fold_case_accents_punctuation(item)
            if item and key not in seen:
                seen.add(key)
                items.append(item)
    return items


def parse_topics(value, known: dict[str, str]) -> tuple[list[str], list[str]]:
    """Topic slugs for a cell ("energy; CO2, water"), and the items that matched no topic.

    ``known`` maps folded slugs and names of the vocabulary to slugs.
    """
    slugs: list[str] = []
    unknown: list[str] = []
    for item in split_list(value, commas=True):
        key = fold_case_accents_punctuation(item)
        slug = known.get(key) or known.get(key.replace(" ", "-")) or TOPIC_SYNONYMS.get(key)
        if slug is None:
            unknown.append(item)
        elif slug not in slugs:
            slugs.append(slug)
    return slugs, unknown


_validate_url = URLValidator(schemes=["http", "https"])
# The common case, checked cheaply (Django's validator costs ~0.1 ms): http(s), a dotted host
# name of letters, digits and hyphens, an optional port and a path without spaces. Anything else
# goes through the full validator.
_PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?(?::\d{1,5})?"
    r"(?:[/?#][^\s]*)?",
    re.IGNORECASE,
)


def parse_website(value) -> str:
    """A web address; "example.org/x" gets https://. Empty stays empty."""
    text = str(value or "").strip()
    if not text:
        return ""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = f"https://{text}"
    if len(text) > 500:
        raise ValueError(_("the web address is longer than 500 characters"))
    if _PLAIN_URL.fullmatch(text):
        return text
    try:
        _validate_url(text)
    except ValidationError:
        raise ValueError(_("%(value)r is not a web address") % {"value": value}) from None
    return text


def website_key(url: str) -> str:
    """The part of a web address that identifies a site page: no scheme, www. or trailing slash."""
    text = (url or "").strip().lower()
    scheme, sep, rest = text.partition("://")
    if sep and scheme.isalpha():
        text = rest
    if text.startswith("www."):
        text = text[4:]
    return text.rstrip("/")
