from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form, ModelForm
from sustainai.reports import selectors
from sustainai.reports.models import Report


class ReportForm(ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    sections = forms.MultipleChoiceField(
        label=_("sections"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every section."),
    )

    class Meta:
        model = Report
        fields = [
            "event",
            "place",
            "event_date",
            "languages",
            "previous",
            "period_start",
            "as_of",
            "sections",
        ]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "as_of": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "period_start": _("Used when no previous report is named."),
            "as_of": _("Records created up to this date are counted."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = selectors.section_choices()
        previous = Report.objects.order_by("-event_date")
        if self.instance.pk:
            previous = previous.exclude(pk=self.instance.pk)
        self.fields["previous"].queryset = previous
        self.fields["period_start"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("previous") and not data.get("period_start"):
            self.add_error("period_start", _("Give the period's start or a previous report."))
        return data


class CommentForm(Form):
    text = forms.CharField(
        label=_("comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
