"""Translated labels of the engine's reason codes, relations and overlap areas."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas.models import Region

REASON_LABELS = {
    "new_version": _(
        "the same name with a version or edition added: probably a version of the other"
    ),
    "same_name": _("the same name (ignoring capitals, accents and small words)"),
    "translated_name": _("the same name in French and in English"),
    "alias": _("one is known by the other's name or short name"),
    "acronym": _("one name is the other's initials"),
    "similar_name": _("the names differ only by a typing slip"),
    "name_within": _("every word of one name is in the other"),
    "compact_name": _("one name begins the other, spaces aside"),
    "same_home_page": _("the same home page"),
    "abbreviation": _("one name abbreviates the other (initials of some of its words)"),
    "semantic_close": _("their names and descriptions say almost the same thing"),
    "semantic_near": _("their names and descriptions are on the same subject"),
    "close_name": _("the names look alike"),
    "succession": _("one says it became, replaced or carries on the other"),
    "mentioned": _("one mentions the other by name in its description or other names"),
    "same_page": _("the same web page"),
    "same_website": _("the same section of a website"),
    "same_domain": _("the same website"),
    "same_site_name": _("websites of the same name under another domain"),
    "same_standard": _("the same standard number, or one known to be the same standard"),
    "standard_named": _("one is about the standard the other names"),
    "standard_mentioned": _("both mention the same standard"),
    "extends_standard": _("one says it extends or builds on the other's standard"),
    "different_standards": _("their names carry different standard numbers"),
    "listing_page": _("one page listing both, with different standard numbers"),
    "same_description": _("almost the same description"),
    "similar_description": _("similar descriptions"),
    "related_description": _("descriptions on the same subject"),
    "shared_organisations": _("two or more organisations in common"),
    "shared_organisation": _("an organisation in common"),
    "same_country": _("the same country"),
    "same_year": _("started the same year"),
    "close_year": _("started within two years of each other"),
    "same_type": _("the same kind of initiative"),
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
