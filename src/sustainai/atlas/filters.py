"""The directory's query string, validated: the same parameters serve the directory, the map, the
charts and the exports, so that any view of the Atlas is a shareable URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas.forms import CountriesField
from sustainai.atlas.models import InitiativeStatus, InitiativeType, Region
from sustainai.atlas.selectors import INTERNATIONAL, Filters
from sustainai.core import forms as platform_forms

SORT_CHOICES = [
    ("", _("Default")),
    ("relevance", _("Relevance")),
    ("name", _("Name")),
    ("newest", _("Newest")),
    ("year", _("Start year")),
]
REGION_CHOICES = [(INTERNATIONAL, _("International")), *Region.choices]
# Fields whose values a visitor toggles on and off (the facets), in the order they are shown.
FACET_PARAMETERS = ("type", "topic", "country", "region", "status", "year")


class DirectoryForm(platform_forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.MultipleChoiceField(
        label=_("Type"), required=False, choices=InitiativeType.choices
    )
    topic = forms.MultipleChoiceField(label=_("Topic"), required=False)
    # A code, or a country's name in any language (``?country=Deutschland``).
    country = CountriesField(label=_("Country"), required=False, choices=[])
    region = forms.MultipleChoiceField(label=_("Region"), required=False, choices=REGION_CHOICES)
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, choices=InitiativeStatus.choices
    )
    year = forms.TypedMultipleChoiceField(
        label=_("Start year"),
        required=False,
        coerce=int,
        choices=[(str(y), str(y)) for y in range(1950, 2101)],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, *, topic_choices=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["topic"].choices = list(topic_choices)
        self.fields["country"].choices = list(countries)

    def filters(self) -> Filters:
        """The valid part of the query (an invalid parameter is left out and reported)."""
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            q=data.get("q") or "",
            types=tuple(data.get("type") or ()),
            topics=tuple(data.get("topic") or ()),
            countries=tuple(data.get("country") or ()),
            regions=tuple(data.get("region") or ()),
            statuses=tuple(data.get("status") or ()),
            years=tuple(data.get("year") or ()),
            sort=data.get("sort") or "",
        )


def parse(query_dict, topic_choices) -> tuple[DirectoryForm, Filters]:
    form = DirectoryForm(query_dict, topic_choices=topic_choices)
    return form, form.filters()
