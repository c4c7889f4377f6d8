from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.compression import DATASETS, METRICS
from sustainai.core.forms import Form
from sustainai.toolkits.models.models import Method

DATASET_CHOICES = [(name, f"{name} — {d.title}") for name, d in DATASETS.items()]
METRIC_CHOICES = sorted({(m, m) for metrics in METRICS.values() for m in metrics})


class FilterForm(Form):
    task = forms.ChoiceField(label=_("Task"), required=False)
    method = forms.ChoiceField(
        label=_("Method"), required=False, choices=[("", _("Any method")), *Method.choices]
    )

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", _("Any task"))] + [(t, t) for t in tasks]


class ProposalForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    base_name = forms.CharField(label=_("Base model"), max_length=200, required=False)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    licence = forms.CharField(label=_("Licence"), max_length=100, required=False)
    task = forms.CharField(label=_("Task"), max_length=100, required=False)
    dataset = forms.ChoiceField(label=_("Dataset"), choices=DATASET_CHOICES)
    metric = forms.ChoiceField(label=_("Metric"), choices=METRIC_CHOICES)
    quality = forms.FloatField(label=_("Quality"), required=False, min_value=0, max_value=1e9)
    source = forms.CharField(label=_("Source (address)"), max_length=500, required=False)
    card = forms.CharField(
        label=_("Model card (YAML metadata, optional)"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(label=_("ONNX file (optional)"), required=False)


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Publish")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class BenchmarkForm(Form):
    repeat = forms.IntegerField(label=_("Repeat"), min_value=1, max_value=20, initial=1)
