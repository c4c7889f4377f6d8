from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form, ModelForm
from sustainai.toolkits.transparency.catalogue import (
    METRICS,
    Disclosure,
    Evidence,
    Method,
    ModelClass,
    Region,
    Sector,
    Task,
)
from sustainai.toolkits.transparency.models import (
    METRIC_CHOICES,
    AggregateTable,
    AssuranceStandard,
)


def _unit_choices():
    # Grouped by metric; the service checks that the unit belongs to the metric chosen.
    return [
        (str(metric.name), [(unit, unit) for unit in metric.units]) for metric in METRICS.values()
    ]


class FigureForm(Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=METRIC_CHOICES)
    year = forms.IntegerField(label=_("Year"), min_value=2015)
    value = forms.CharField(
        label=_("Value"),
        max_length=40,
        help_text=_("The figure for the whole year and scope, e.g. 1250000 or 1 250 000,5."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=_unit_choices)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    model_class = forms.ChoiceField(label=_("Model class"), choices=ModelClass.choices)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    evidence = forms.ChoiceField(label=_("Evidence"), choices=Evidence.choices)
    scope = forms.CharField(
        label=_("Scope and boundary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the figure covers: sites, services, life-cycle stages, period."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].max_value = timezone.now().year
        self.fields["year"].widget.attrs["max"] = timezone.now().year
        self.fields["year"].initial = timezone.now().year - 1


class UploadForm(Form):
    file = forms.FileField(
        label=_("File of figures (CSV or XLSX)"),
        help_text=_(
            "One figure a row, with the columns metric, year, value, unit, region, sector, "
            "model_class, method, evidence, scope. All rows are saved, or none."
        ),
    )


class GroupForm(Form):
    name = forms.CharField(
        label=_("Group of companies"),
        max_length=200,
        required=False,
        help_text=_(
            "The group your organisation belongs to, if any. Organisations of one group count as "
            "one contributor, so that together they cannot learn each other's figures."
        ),
    )


class TableForm(ModelForm):
    class Meta:
        model = AggregateTable
        fields = [
            "title",
            "metric",
            "year",
            "by_first",
            "by_second",
            "min_contributors",
            "dominance_n",
            "dominance_k",
            "p_percent",
        ]


class ReaderForm(Form):
    email = forms.EmailField(label=_("E-mail address of the reader's account"))


class AuditorForm(Form):
    email = forms.EmailField(
        label=_("E-mail address of the auditor's account"),
        help_text=_(
            "The auditor then reads your raw figures (each read is logged) and may "
            "publish an attestation instead of them."
        ),
    )


class AttestationForm(Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=METRIC_CHOICES)
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    standard = forms.ChoiceField(label=_("Standard"), choices=AssuranceStandard.choices)
    verifier = forms.CharField(label=_("Verifying body"), max_length=200)
    statement = forms.CharField(
        label=_("Statement to publish"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Published in place of the figures: say what was verified, to which "
            "level of assurance, without the figures themselves."
        ),
    )


class IntensityForm(Form):
    task = forms.ChoiceField(label=_("Task"), choices=Task.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    value = forms.CharField(label=_("Energy per 1,000 runs (Wh)"), max_length=40)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    scope = forms.CharField(
        label=_("Conditions of measurement"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hardware, batch size, dataset, what is counted (GPU only, whole server…)."),
    )
    disclosure = forms.ChoiceField(
        label=_("Publication"),
        choices=Disclosure.choices,
        widget=forms.RadioSelect,
        initial=Disclosure.NONE,
        help_text=_("A rate reveals no volume; a band reveals even less. You may change it later."),
    )


class BandScaleForm(Form):
    task = forms.ChoiceField(label=_("Task"), choices=Task.choices)
    thresholds = forms.CharField(
        label=_("Upper bounds of bands A to F (Wh per 1,000 runs)"),
        max_length=200,
        help_text=_("Six increasing numbers separated by semicolons, e.g. 1; 3; 10; 30; 100; 300."),
    )
    basis = forms.CharField(label=_("Basis of the thresholds"), max_length=500)

    def clean_thresholds(self):
        try:
            return [
                float(part.strip().replace(",", "."))
                for part in self.cleaned_data["thresholds"].split(";")
            ]
        except ValueError:
            raise forms.ValidationError(_("Six numbers separated by semicolons.")) from None
