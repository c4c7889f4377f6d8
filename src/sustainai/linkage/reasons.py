"""Translated labels of the engine's reason codes, relations and overlap areas."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas.models import Region

REASON_LABELS = {
    "same_name": _("same name after normalisation"),
    "alias": _("alias match"),
    "similar_name": _("very similar names"),
    "compact_name": _("one name begins the other, spaces aside"),
    "close_name": _("similar names"),
    "same_website": _("same website"),
    "same_domain": _("same website domain"),
    "same_standard": _("same standard number"),
    "standard_mentioned": _("standard number mentioned by both"),
    "same_description": _("very similar descriptions"),
    "similar_description": _("similar descriptions"),
    "related_description": _("descriptions share key terms"),
    "shared_organisations": _("several shared organisations"),
    "shared_organisation": _("shared organisation"),
    "same_country": _("same country"),
    "same_year": _("same start year"),
    "close_year": _("close start years"),
    "same_type": _("same type"),
}

RELATION_LABELS = {
    "version_of": _("is a version of"),
    "has_version": _("has a version"),
    "part_of": _("is part of"),
    "has_part": _("includes"),
}


def reason_labels(codes) -> list[str]:
    return [str(REASON_LABELS.get(code, code)) for code in codes]


def area_label(area: str) -> str:
    kind, _sep, code = area.partition(":")
    if kind == "region":
        return str(dict(Region.choices).get(code, code))
    if kind == "country":
        return str(countries.name(code) or code)
    return str(_("International"))
