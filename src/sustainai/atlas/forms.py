"""Forms of the Atlas's write side: submission, proposed edits, moderation decisions, import."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas import places
from sustainai.atlas.importing import parse_mapping
from sustainai.atlas.models import (
    InitiativeStatus,
    InitiativeType,
    Region,
    Scope,
    Topic,
)
from sustainai.atlas.normalise import normalise_actor_name, split_list
from sustainai.core import forms as platform_forms
from sustainai.core.widgets import CountryPicker

ONE_PER_LINE = _("One per line.")


def _lines(text: str) -> list[str]:
    return split_list(text)


class CountriesField(forms.MultipleChoiceField):
    """Countries chosen from the list, or written: a submitted value may be an ISO code or a
    country's name in any language ``places`` knows ("Deutschland", "中国"); each is read as its
    alpha-2 code, and an unknown one is refused with the closest names."""

    def to_python(self, value):
        values = super().to_python(value)
        codes = []
        for item in values:
            code = item if item in countries else places.country(item)
            if code is None:
                close = places.suggestions(item, countries_only=True)
                if close:
                    raise forms.ValidationError(
                        _("“%(value)s” is not a country (did you mean %(names)s?)"),
                        code="invalid_choice",
                        params={"value": item, "names": _(" or ").join(close)},
                    )
                raise forms.ValidationError(
                    _("“%(value)s” is not a country."),
                    code="invalid_choice",
                    params={"value": item},
                )
            if code not in codes:
                codes.append(code)
        return codes


class InitiativeForm(platform_forms.Form):
    """Every editable field of an initiative; ``values()`` gives them as the services take them.

    Only the name is required: a member's submission is never blocked by what they do not know.
    """

    name = forms.CharField(label=_("Name"), max_length=300)
    aliases = forms.CharField(
        label=_("Other names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Acronyms, translations, former or provisional names. One per line."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        required=False,
        help_text=_("One or two sentences (500 characters at most)."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=InitiativeType.choices, initial=InitiativeType.OTHER
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_organisations = forms.CharField(
        label=_("Lead organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=ONE_PER_LINE,
    )
    partner_organisations = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=ONE_PER_LINE,
    )
    countries = CountriesField(
        label=_("Countries"),
        required=False,
        choices=[],
        widget=CountryPicker,
        help_text=_("The countries it is run from or covers."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.NATIONAL)
    regions = forms.MultipleChoiceField(
        label=_("Regions"),
        required=False,
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    start_year = forms.IntegerField(label=_("Start year"), required=False, min_value=1950)
    status = forms.ChoiceField(
        label=_("Status"), choices=InitiativeStatus.choices, initial=InitiativeStatus.ACTIVE
    )
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=255,
        required=False,
        help_text=_("An e-mail address or a page where to reach the people behind it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = list(countries)
        # The bound moves with the calendar, so it is set here rather than on the field.
        latest = datetime.date.today().year + 10
        self.fields["start_year"].validators.append(MaxValueValidator(latest))
        self.fields["start_year"].widget.attrs["max"] = latest

    @classmethod
    def initial_from(cls, values: dict) -> dict:
        """Form initial data from plain values (``services.initiative_values``)."""
        initial = dict(values)
        for field in ("aliases", "lead_organisations", "partner_organisations"):
            initial[field] = "\n".join(values.get(field) or [])
        return initial

    def clean_lead_organisations(self):
        return _unique_names(self.cleaned_data["lead_organisations"])

    def clean_partner_organisations(self):
        return _unique_names(self.cleaned_data["partner_organisations"])

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": " ".join(data["name"].split()),
            "aliases": _lines(data["aliases"]),
            "summary": data["summary"].strip(),
            "description": data["description"].strip(),
            "type": data["type"],
            "topics": sorted(topic.slug for topic in data["topics"]),
            "lead_organisations": data["lead_organisations"],
            "partner_organisations": data["partner_organisations"],
            "countries": sorted(data["countries"]),
            "scope": data["scope"],
            "regions": [code for code in Region.values if code in data["regions"]],
            "start_year": data["start_year"],
            "status": data["status"],
            "website": data["website"],
            "contact": data["contact"].strip(),
        }


def _unique_names(text: str) -> list[str]:
    names, seen = [], set()
    for name in _lines(text):
        if len(name) > 255:
            raise forms.ValidationError(
                _("“%(name)s…” is longer than 255 characters."), params={"name": name[:40]}
            )
        key = normalise_actor_name(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


class ProposeEditForm(InitiativeForm):
    comment = forms.CharField(
        label=_("Why these changes?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your sources help the coordinators decide."),
    )

    def __init__(self, *args, may_see_contact: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The contact is private (``atlas.read_initiative_contact``): who may not read it gets an
        # empty field, and leaving it empty keeps the contact as it is.
        self.may_see_contact = may_see_contact
        if not may_see_contact:
            self.initial.pop("contact", None)
            self.fields["contact"].help_text = _(
                "The current contact is not shown. Give a new one to propose a change, or leave "
                "the field empty to keep it."
            )

    def values(self) -> dict:
        values = super().values()
        if not self.may_see_contact and not values["contact"]:
            del values["contact"]
        return values


class DecisionForm(platform_forms.Form):
    """A coordinator's decision; a note is required to ask for changes or to reject."""

    PUBLISH, CHANGES, REJECT = "publish", "changes", "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (PUBLISH, _("Publish")),
            (CHANGES, _("Ask for changes")),
            (REJECT, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to ask for changes or to reject: say what to change, or why."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in (self.CHANGES, self.REJECT) and not data.get("note", "").strip():
            self.add_error(
                "note",
                _("Say what to change.")
                if data["decision"] == self.CHANGES
                else _("Give the reason for rejecting it."),
            )
        return data


class ProposalDecisionForm(platform_forms.Form):
    ACCEPT, REJECT = "accept", "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept and apply")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject: give the reason."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not data.get("note", "").strip():
            self.add_error("note", _("Give the reason for rejecting it."))
        return data


class ImportForm(platform_forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV, XLSX or JSON; the first row names the columns.")
    )
    mapping = forms.CharField(
        label=_("Column mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For columns with unusual names: one COLUMN=FIELD per line, e.g. Projet=name; for "
            "places no list knows, PLACE=COUNTRY, e.g. Bavaria=DE."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=255,
        required=False,
        help_text=_("Where the file comes from (recorded on each entry); the file name if empty."),
    )
    as_submitted = forms.BooleanField(
        label=_("Queue the entries for moderation instead of publishing them"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".tsv", ".txt", ".xlsx", ".json")):
            raise forms.ValidationError(_("Upload a CSV, XLSX or JSON file."))
        limit = settings.ATLAS_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; an import takes at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload

    def clean_mapping(self):
        try:
            return parse_mapping(_lines(self.cleaned_data["mapping"]))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
