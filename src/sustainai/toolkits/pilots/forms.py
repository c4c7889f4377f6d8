"""Forms of the pilots showcase: a pilot with its KPIs (a formset), moderation, collections.

Validation is the services' (``services.validate``); a form turns its errors into field errors,
so that a refused footprint spec or a KPI without a unit is shown beside its field."""

from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.atlas.forms import CountriesField
from sustainai.core import forms as platform_forms
from sustainai.core.widgets import CountryPicker
from sustainai.members.models import MembershipStatus, Organisation
from sustainai.toolkits.pilots.models import (
    DISCLOSABLE,
    SDG_MAX,
    SDG_MIN,
    TRL_MAX,
    TRL_MIN,
    Domain,
    Method,
    Openness,
    Pilot,
    PilotStatus,
    Sector,
)

SDG_CHOICES = [(str(n), _("SDG %(n)d") % {"n": n}) for n in range(SDG_MIN, SDG_MAX + 1)]
MAX_SPEC = 4000
SPEC_HELP = _(
    'Fields of the footprint calculator as JSON, e.g. {"accelerator": "A100 SXM4 40GB", '
    '"accelerator_hours": 1200, "location": "FR"}. Leave empty if not known.'
)


class SpecField(forms.CharField):
    """A footprint-engine spec as a JSON object (the engine itself checks its fields)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, max_length=MAX_SPEC, help_text=SPEC_HELP, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value) if value else ""
        return value

    def clean(self, value: Any) -> dict[str, Any]:
        text = super().clean(value).strip()
        if not text:
            return {}
        try:
            spec = json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("Enter a JSON object of fields.")) from None
        if not isinstance(spec, dict):
            raise forms.ValidationError(_("Enter a JSON object of fields."))
        return spec


class PilotForm(platform_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation (a member)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    lead_organisation_label = forms.CharField(
        label=_("Lead organisation (not a member)"), max_length=200, required=False
    )
    partners = forms.CharField(
        label=_("Partners"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    countries = CountriesField(
        label=_("Countries"), required=False, choices=[], widget=CountryPicker
    )
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    problem = forms.CharField(
        label=_("Problem"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    sdgs = forms.TypedMultipleChoiceField(
        label=_("SDGs"),
        choices=SDG_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    domain = forms.ChoiceField(label=_("Environmental domain"), choices=Domain.choices)
    technique = forms.CharField(
        label=_("Technique"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    data_sources = forms.CharField(
        label=_("Data sources"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    openness = forms.ChoiceField(
        label=_("Openness"), choices=Openness.choices, initial=Openness.CLOSED
    )
    licence = forms.CharField(label=_("Licences"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PilotStatus.choices)
    # An integer field without bounds of its own: the services say what the range is, by field.
    trl = forms.IntegerField(
        label=_("Technology readiness level (1–9)"),
        widget=forms.NumberInput(attrs={"min": TRL_MIN, "max": TRL_MAX}),
    )
    training_spec = SpecField(label=_("Training footprint"))
    inference_spec = SpecField(label=_("Inference footprint"))
    inference_months = forms.IntegerField(
        label=_("Months of use the inference figures cover"),
        min_value=1,
        max_value=1200,
        initial=12,
    )
    service_years = forms.FloatField(
        label=_("Years in service (training is spread over them)"),
        min_value=0.1,
        max_value=50,
        initial=1,
    )
    measured_kgco2e = forms.FloatField(
        label=_("Measured footprint (kg CO2e)"), required=False, min_value=0
    )
    measured_low = forms.FloatField(label=_("Measured footprint, low"), required=False, min_value=0)
    measured_high = forms.FloatField(
        label=_("Measured footprint, high"), required=False, min_value=0
    )
    measured_months = forms.IntegerField(
        label=_("Months the measured footprint covers"), min_value=1, max_value=1200, initial=12
    )
    rebound_note = forms.CharField(
        label=_("Rebound effects"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Higher-order effects (ITU-T L.1480): does the saving invite more use elsewhere?"
        ),
    )
    assumptions = forms.CharField(
        label=_("Assumptions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label=_("Evidence links"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a title, a vertical bar, the address."),
    )
    coalition_only = forms.MultipleChoiceField(
        label=_("Show to the coalition only"),
        choices=list(DISCLOSABLE.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    last_verified = forms.DateField(
        label=_("Last verified"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["countries"]).choices = list(countries)
        cast(
            forms.ModelChoiceField, self.fields["lead_organisation"]
        ).queryset = Organisation.objects.filter(status=MembershipStatus.APPROVED).order_by("name")

    def clean_evidence(self) -> list[tuple[str, str]]:
        links = []
        check = URLValidator(schemes=["http", "https"])
        for line in self.cleaned_data["evidence"].splitlines():
            if not line.strip():
                continue
            title, _bar, url = line.rpartition("|")
            title, url = title.strip(), url.strip()
            try:
                check(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a title and an address."), params={"line": line[:80]}
                ) from None
            links.append((title[:300] or url[:300], url[:500]))
        return links

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("countries", "evidence"):
            data.pop(name, None)
        return data


class KPIForm(platform_forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    baseline = forms.FloatField(label=_("Baseline"), required=False)
    result = forms.FloatField(label=_("Result"), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    period_months = forms.IntegerField(label=_("Period (months)"), required=False)
    method = forms.ChoiceField(
        label=_("Method"), choices=[("", "—"), *Method.choices], required=False
    )
    avoided_kgco2e = forms.FloatField(label=_("Avoided emissions (kg CO2e)"), required=False)
    avoided_low = forms.FloatField(label=_("Avoided, low"), required=False)
    avoided_high = forms.FloatField(label=_("Avoided, high"), required=False)
    avoided_assumed = forms.BooleanField(
        label=_("Avoided emissions rest on assumptions (say which under Assumptions)"),
        required=False,
    )
    verified = forms.BooleanField(label=_("Verified"), required=False)
    verifier = forms.CharField(
        label=_("Verified by (organisation)"), max_length=200, required=False
    )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(v not in (None, "", False) for v in data.values())


KPIFormSet = forms.formset_factory(KPIForm, extra=2, max_num=20, absolute_max=20, validate_max=True)


def initial_of(pilot: Pilot) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A saved pilot as the initial data of ``PilotForm`` and of ``KPIFormSet``."""
    initial: dict[str, Any] = {
        name: getattr(pilot, name) for name in PilotForm.base_fields if hasattr(pilot, name)
    }
    initial["lead_organisation"] = pilot.lead_organisation_id
    initial["sdgs"] = [str(n) for n in pilot.sdgs or []]
    initial["countries"] = [str(link.country) for link in pilot.country_links.all()]
    initial["evidence"] = "\n".join(f"{link.title} | {link.url}" for link in pilot.evidence.all())
    kpis = [{name: getattr(kpi, name) for name in KPIForm.base_fields} for kpi in pilot.kpis.all()]
    return initial, kpis


def kpi_rows(formset: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """The filled KPI rows and the forms they came from (blank rows are skipped)."""
    rows, forms_ = [], []
    for form in formset.forms:
        if form.cleaned_data and not form.is_blank():
            rows.append(dict(form.cleaned_data))
            forms_.append(form)
    return rows, forms_


def apply_errors(form: PilotForm, kpi_forms: list[Any], errors: dict[str, str]) -> None:
    """Put the services' errors beside their fields."""
    for key, message in errors.items():
        if key.startswith("kpis."):
            _k, index, field = key.split(".", 2)
            kpi_form = kpi_forms[int(index)]
            kpi_form.add_error(field if field in kpi_form.fields else None, message)
        else:
            form.add_error(key if key in form.fields else None, message)


class ModerationForm(platform_forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FilterForm(platform_forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All")), *Sector.choices], required=False
    )
    country = forms.ChoiceField(label=_("Country"), choices=[], required=False)
    trl_min = forms.TypedChoiceField(
        label=_("TRL at least"),
        choices=[("", _("Any"))] + [(str(n), str(n)) for n in range(TRL_MIN, TRL_MAX + 1)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sdg = forms.TypedChoiceField(
        label=_("SDG"),
        choices=[("", _("Any")), *SDG_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sign = forms.ChoiceField(
        label=_("Net effect"),
        choices=[
            ("", _("Any")),
            ("positive", _("Positive")),
            ("uncertain", _("Uncertain (range spans zero)")),
            ("negative", _("Negative")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("All")), *countries]


class CollectionForm(platform_forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    event = forms.CharField(label=_("Event"), max_length=200)
    event_date = forms.DateField(
        label=_("Event date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pilots = forms.ModelMultipleChoiceField(
        label=_("Pilots"), queryset=Pilot.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sustainai.toolkits.pilots.selectors import published

        cast(forms.ModelMultipleChoiceField, self.fields["pilots"]).queryset = published().order_by(
            "title"
        )
