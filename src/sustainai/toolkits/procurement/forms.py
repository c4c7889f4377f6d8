from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form, ModelForm
from sustainai.procurement_scoring import EVIDENCE_LEVELS
from sustainai.toolkits.procurement.models import CRITERION_FIELDS, Area, Criterion, Kind, Level

EVERY = [("", _("All"))]
EVIDENCE_CHOICES = [
    ("verified", _("Verified by a third party")),
    ("measured", _("Measured, self-declared")),
    ("modelled", _("Modelled")),
    ("none", _("None")),
]
assert [c for c, _label in EVIDENCE_CHOICES] == list(EVIDENCE_LEVELS)


class FilterForm(Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EVERY + list(Kind.choices), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=EVERY + list(Level.choices), required=False)
    area = forms.ChoiceField(label=_("Area"), choices=EVERY + list(Area.choices), required=False)


class CriterionForm(ModelForm):
    source_url = forms.URLField(label=_("source URL"), max_length=500, assume_scheme="https")

    class Meta:
        model = Criterion
        fields = CRITERION_FIELDS
        widgets = {
            "wording": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("publish", _("Publish")), ("reject", _("Reject"))]
    )


class PackForm(Form):
    title = forms.CharField(label=_("Title of the purchase"), max_length=200)
    use_case = forms.CharField(
        label=_("Use case"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    functional_unit = forms.CharField(
        label=_("Functional unit"),
        max_length=100,
        help_text=_("What one unit of service is, e.g. “1,000 document summaries”."),
    )
    volume = forms.IntegerField(
        label=_("Expected volume (functional units)"), min_value=1, max_value=10**12
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.CORE)
    environmental_percent = forms.IntegerField(
        label=_("Environmental weight (%)"), min_value=10, max_value=30, initial=20
    )
    quality_percent = forms.IntegerField(
        label=_("Quality weight (%)"),
        min_value=0,
        max_value=60,
        initial=30,
        help_text=_("The price gets the rest."),
    )
    factor_verified = forms.FloatField(
        label=_("Factor for verified figures"), min_value=0, max_value=1, initial=1.0
    )
    factor_measured = forms.FloatField(
        label=_("Factor for measured, self-declared figures"), min_value=0, max_value=1, initial=0.8
    )
    factor_modelled = forms.FloatField(
        label=_("Factor for modelled figures"), min_value=0, max_value=1, initial=0.5
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas covered"),
        choices=Area.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All when none is ticked."),
    )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["environmental_weight"] = data.pop("environmental_percent") / 100
        data["quality_weight"] = data.pop("quality_percent") / 100
        return data


class BidForm(Form):
    name = forms.CharField(label=_("Supplier"), max_length=200)
    price = forms.FloatField(label=_("Price (EUR)"), required=False)
    energy_wh_per_unit = forms.FloatField(label=_("Energy per unit (Wh)"), required=False)
    evidence = forms.ChoiceField(label=_("Evidence"), choices=[("", "—"), *EVIDENCE_CHOICES])
    accelerator = forms.CharField(label=_("Accelerator"), max_length=200, required=False)
    accelerator_count = forms.IntegerField(label=_("Accelerators"), required=False)
    hours = forms.FloatField(label=_("Hours"), required=False)
    units = forms.FloatField(label=_("Units served"), required=False)
    pue = forms.FloatField(label=_("PUE"), required=False)
    quality = forms.FloatField(label=_("Quality mark (0–1)"), required=False)

    def bid(self) -> dict:
        from sustainai.toolkits.procurement.documents import footprint_spec

        data = self.cleaned_data
        bid = {
            "name": data["name"],
            "price": data["price"],
            "evidence": data["evidence"],
            "scores": {"quality": data["quality"]},
        }
        if data["energy_wh_per_unit"] is not None:
            bid["energy_wh_per_unit"] = data["energy_wh_per_unit"]
        elif data["accelerator"]:
            bid["footprint"] = footprint_spec(
                data["accelerator"], data["accelerator_count"], data["hours"], data["pue"]
            )
            bid["units"] = data["units"]
        return bid


BidFormSet = forms.formset_factory(BidForm, extra=3, max_num=20, absolute_max=20)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); at most 20."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if len(files) > 20:
            raise forms.ValidationError(_("At most 20 files."))
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(Form):
    questionnaires = MultipleFileField(label=_("Filled questionnaires (XLSX)"))
