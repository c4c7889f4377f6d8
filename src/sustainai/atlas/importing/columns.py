"""The columns of a file of initiatives: which field each feeds, and the parsing and checking of
their values, row by row, into the values an initiative is written with."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import gettext as _

from sustainai.atlas import places
from sustainai.atlas.importing.report import ImportReport, Problem
from sustainai.atlas.models import Scope
from sustainai.atlas.normalise import (
    fold_case_accents_punctuation,
    parse_geography,
    parse_status,
    parse_topics,
    parse_type,
    parse_website,
    parse_year,
    split_list,
)
from sustainai.core.text import control_character, shorten

# Fields a column may feed, with the column names recognised for each (folded, "_" for spaces).
COLUMN_SYNONYMS: dict[str, list[str]] = {
    "name": ["name", "title", "initiative", "initiative_name", "project", "project_name", "nom",
             "titre", "intitule", "nom_de_l_initiative"],
    "aliases": ["aliases", "alias", "acronym", "acronyms", "other_names", "also_known_as", "aka",
                "sigle", "autres_noms"],
    "summary": ["summary", "short_description", "tagline", "abstract", "resume", "summary_en"],
    "description": ["description", "details", "desc", "about", "long_description",
                    "description_en"],
    "type": ["type", "kind", "category", "initiative_type", "type_of_initiative", "categorie",
             "nature"],
    "topics": ["topics", "topic", "themes", "theme", "tags", "keywords", "thematiques",
               "thematique", "sujets"],
    "lead_organisations": ["lead_orgs", "lead_organisations", "lead_organizations", "lead",
                           "leads", "lead_org", "led_by", "organisations", "organizations",
                           "organisation", "organization", "org", "orgs", "owner", "owners",
                           "porteur", "porteurs", "organisme", "organismes", "institution"],
    "partner_organisations": ["partners", "partner", "partner_organisations",
                              "partner_organizations", "partner_orgs", "partenaires",
                              "members", "co_leads"],
    "countries": ["country", "countries", "country_or_region", "countries_or_regions", "region",
                  "regions", "geography", "location", "pays", "zone", "geographie"],
    "scope": ["scope", "portee", "reach"],
    "start_year": ["start_year", "year", "start", "started", "launched", "launch_year",
                   "launch_date", "start_date", "date", "annee", "year_started",
                   "annee_de_lancement"],
    "status": ["status", "state", "statut", "etat", "stage"],
    "website": ["website", "url", "link", "homepage", "home_page", "site", "web", "web_site",
                "site_web", "site_internet", "lien", "webpage"],
    "contact": ["contact", "email", "e_mail", "contact_email", "courriel", "contact_point"],
}  # fmt: skip
IMPORT_FIELDS = list(COLUMN_SYNONYMS)
IGNORE = "ignore"
_SYNONYM_INDEX = {name: f for f, names in COLUMN_SYNONYMS.items() for name in names}
_SCOPES = {
    "national": Scope.NATIONAL,
    "nationale": Scope.NATIONAL,
    "regional": Scope.REGIONAL,
    "regionale": Scope.REGIONAL,
    "international": Scope.INTERNATIONAL,
    "internationale": Scope.INTERNATIONAL,
    "global": Scope.INTERNATIONAL,
    "worldwide": Scope.INTERNATIONAL,
}


def header_key(header) -> str:
    return fold_case_accents_punctuation(header if header is not None else "").replace(" ", "_")


# Mapping keys of places (``--map 'Bavaria=DE'``): a header key never holds a colon.
PLACE_KEY = "place:"


def parse_mapping(items) -> dict[str, str]:
    """``["Projet=name", "Pays=countries", "Bavaria=DE"]`` → ``{"projet": "name", "pays":
    "countries", "place:bavaria": "country:DE"}``: columns read as fields, and places that no list
    knows read as a country, a region or international (``place_mapping``)."""
    mapping = {}
    for item in items:
        column, sep, target = str(item).partition("=")
        field_name = target.strip().lower().replace("-", "_")
        if not sep or not column.strip() or not field_name:
            raise ValueError(_("“%(item)s” is not COLUMN=FIELD") % {"item": item})
        if field_name in IMPORT_FIELDS or field_name == IGNORE:
            mapping[header_key(column)] = field_name
            continue
        place = places.find(target)
        if place is None:
            raise ValueError(
                _(
                    "“%(target)s” is not a field, a country or a region; use one of %(fields)s "
                    "or %(ignore)s"
                )
                % {"target": field_name, "fields": ", ".join(IMPORT_FIELDS), "ignore": IGNORE}
            )
        mapping[PLACE_KEY + places.fold_place(column)] = f"{place.kind}:{place.code}"
    return mapping


def place_mapping(mapping: dict[str, str]) -> dict[str, places.Place]:
    """The places of a mapping (``parse_mapping``), by folded name."""
    found = {}
    for key, target in mapping.items():
        if key.startswith(PLACE_KEY):
            kind, _sep, code = target.partition(":")
            found[key.removeprefix(PLACE_KEY)] = places.Place(kind, code)
    return found


def resolve_columns(headers: list, mapping: dict[str, str], report: ImportReport) -> list:
    columns: list[str | None] = []
    keys = [header_key(h) for h in headers]
    for column in mapping:
        if column not in keys and not column.startswith(PLACE_KEY):
            report.errors.append(
                Problem(None, column, _("the mapping names a column that the file does not have"))
            )
    for header, key in zip(headers, keys, strict=True):
        target = mapping.get(key) or _SYNONYM_INDEX.get(key)
        if target == IGNORE:
            target = None
        elif target is None and key:
            report.warnings.append(
                Problem(
                    None,
                    str(header),
                    _("not recognised, ignored (map it: --map '%(column)s=FIELD')")
                    % {"column": header},
                )
            )
        columns.append(target)
        report.columns[str(header)] = target
    if "name" not in columns:
        expected = ", ".join(COLUMN_SYNONYMS["name"][:4])
        report.errors.append(
            Problem(
                None,
                None,
                _(
                    "No column gives the initiatives' names (expected one of %(expected)s…; "
                    "or map one with --map COLUMN=name)."
                )
                % {"expected": expected},
            )
        )
    return columns


def gather_cells(columns: list, headers: list, cells: list) -> dict[str, list[tuple[str, object]]]:
    gathered: dict[str, list[tuple[str, object]]] = {}
    for target, header, value in zip(columns, headers, cells, strict=False):
        if target is not None:
            gathered.setdefault(target, []).append((header, value))
    return gathered


def _strings(value):
    """Every text in a cell (a JSON cell may hold lists and objects)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def control_character_errors(headers: list, cells: list) -> list[tuple[str, str]]:
    """(column, message) for each cell holding a control character other than a tab or a line
    break; one of them refuses the whole file, like any error."""
    errors = []
    for header, value in zip(headers, cells, strict=False):
        for text in _strings(value):
            character = control_character(text, multiline=True)
            if character:
                errors.append(
                    (
                        shorten(str(header)),
                        _("holds the control character %(character)s, which cannot be stored")
                        % {"character": character},
                    )
                )
                break
    return errors


def header_errors(headers: list) -> list[str]:
    """A message for each column name holding a control character."""
    errors = []
    for number, header in enumerate(headers, start=1):
        character = control_character(str(header if header is not None else ""))
        if character:
            errors.append(
                _("the name of column %(number)s holds the control character %(character)s")
                % {"number": number, "character": character}
            )
    return errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value if v not in (None, ""))
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


class Row:
    """One row's cells by field (several columns may feed one field)."""

    def __init__(self, cells: dict[str, list[tuple[str, object]]]):
        self.cells = cells

    def column(self, field_name: str) -> str:
        return " + ".join(str(h) for h, _value in self.cells.get(field_name, [])) or field_name

    def first(self, field_name: str):
        for _header, value in self.cells.get(field_name, []):
            if value not in (None, ""):
                return value
        return None

    def all(self, field_name: str) -> list:
        return [v for _header, v in self.cells.get(field_name, []) if v not in (None, "")]


def _memo(memo: dict, kind: str, key, compute):
    """``compute()``, remembered per ``(kind, key)``: cells repeat a lot in real files."""
    try:
        return memo[kind, key]
    except TypeError:  # an unhashable cell (a JSON object): nothing to remember
        memo = {}
        return _memo(memo, kind, None, compute)
    except KeyError:
        try:
            result: tuple[Any, str | None] = (compute(), None)
        except ValueError as error:
            result = (None, str(error))
        memo[kind, key] = result
        return result


def unknown_place(value: str) -> str:
    """The error for a place no list knows, with the closest known names."""
    close = places.suggestions(value)
    if not close:
        return _("“%(value)s” is not a country or region") % {"value": value}
    return _("“%(value)s” is not a country or region (did you mean %(names)s?)") % {
        "value": value,
        "names": _(" or ").join(close),
    }


def normalise_row(
    row: Row,
    known_topics: dict[str, str],
    memo: dict | None = None,
    known_places: dict[str, places.Place] | None = None,
):
    """(values, errors, warnings) for one row; errors and warnings are (column, message).

    ``memo`` (a dict kept across the rows of a file) remembers the parse of repeated cells;
    ``known_places`` are the places of the mapping (``place_mapping``).
    """
    memo = {} if memo is None else memo
    errors: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []

    name = " ".join(_text(row.first("name")).split())
    if not name:
        errors.append((row.column("name"), _("the name is empty")))
    elif len(name) > 300:
        errors.append((row.column("name"), _("the name is longer than 300 characters")))

    summary = _text(row.first("summary"))
    description = _text(row.first("description"))
    if len(summary) > 500:
        if description:
            errors.append((row.column("summary"), _("the summary is longer than 500 characters")))
        else:
            description, summary = summary, _shorten(summary, 500)
            warnings.append(
                (row.column("summary"), _("summary over 500 characters: kept as the description"))
            )

    raw_type = _text(row.first("type"))
    (kind, recognised), _error = _memo(memo, "type", raw_type, lambda: parse_type(raw_type))
    if not recognised:
        warnings.append(
            (
                row.column("type"),
                _("type “%(value)s” is unknown: recorded as other") % {"value": raw_type},
            )
        )

    cells = tuple(_text(v) for v in row.all("topics"))
    (topics, unknown_topics), _error = _memo(
        memo, "topics", cells, lambda: parse_topics(list(cells), known_topics)
    )
    for item in unknown_topics:
        warnings.append(
            (row.column("topics"), _("topic “%(value)s” is unknown: left out") % {"value": item})
        )

    organisations = {}
    for field_name in ("lead_organisations", "partner_organisations"):
        cells = tuple(_text(v) for v in row.all(field_name))
        names, _error = _memo(
            memo, "list", cells, lambda cells=cells: split_list(cells, commas=True)
        )
        for org in names:
            if len(org) > 255:
                errors.append(
                    (
                        row.column(field_name),
                        _("“%(value)s…” is over 255 characters") % {"value": org[:40]},
                    )
                )
        organisations[field_name] = list(names)

    cells = tuple(_text(v) for v in row.all("countries"))
    geography, _error = _memo(
        memo, "geography", cells, lambda: parse_geography(list(cells), known_places)
    )
    for place in geography.unknown:
        errors.append(
            (
                row.column("countries"),
                _memo(memo, "place", place, lambda place=place: unknown_place(place))[0],
            )
        )
    raw_scope = _text(row.first("scope"))
    if raw_scope:
        scope: str | None = _SCOPES.get(fold_case_accents_punctuation(raw_scope))
        if scope is None:
            errors.append(
                (
                    row.column("scope"),
                    _("“%(value)s” is not national, regional or international")
                    % {"value": raw_scope},
                )
            )
            scope = geography.scope()
        scope = str(scope)
    else:
        scope = geography.scope()

    raw_year = row.first("start_year")
    start_year, error = _memo(memo, "year", raw_year, lambda: parse_year(raw_year))
    if error:
        errors.append((row.column("start_year"), error))
    raw_status = _text(row.first("status"))
    status, error = _memo(memo, "status", raw_status, lambda: parse_status(raw_status))
    if error:
        errors.append((row.column("status"), error))
    try:
        website = parse_website(_text(row.first("website")))
    except ValueError as error:
        errors.append((row.column("website"), str(error)))
        website = ""
    contact = _text(row.first("contact"))
    if len(contact) > 255:
        errors.append((row.column("contact"), _("the contact is longer than 255 characters")))

    values = {
        "name": name,
        "aliases": split_list([_text(v) for v in row.all("aliases")]),
        "summary": summary,
        "description": description,
        "type": kind,
        "topics": sorted(topics),
        "lead_organisations": organisations["lead_organisations"],
        "partner_organisations": organisations["partner_organisations"],
        "countries": sorted(geography.countries),
        "scope": scope,
        "regions": list(geography.regions),
        "start_year": start_year,
        "status": status or "",
        "website": website,
        "contact": contact,
    }
    return values, errors, warnings


def fingerprint(values: dict) -> str:
    """A stable digest of a normalised row (``values`` always lists its fields in one order)."""
    return hashlib.sha256(repr(tuple(values.items())).encode()).hexdigest()
