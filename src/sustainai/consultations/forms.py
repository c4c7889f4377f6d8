"""The answer form, built from the consultation's questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.consultations.models import QuestionKind
from sustainai.consultations.services import question_field
from sustainai.core import forms as platform_forms


class AnswerForm(platform_forms.Form):
    contact_name = forms.CharField(
        label=_("Who to contact about this answer"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("Their e-mail address"), required=False)
    initiative_name = forms.CharField(
        label=_("Name of an initiative to propose for the Atlas"), max_length=300, required=False
    )
    initiative_summary = forms.CharField(
        label=_("Its summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    initiative_website = forms.URLField(
        label=_("Its website"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, questions, initial_values=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        initial_values = initial_values or {}
        question_fields = {}
        for question in questions:
            name = question_field(question.pk)
            common = {
                "label": question.text,
                "help_text": question.help_text,
                "required": question.required,
                "initial": initial_values.get(question.pk),
            }
            if question.kind == QuestionKind.SINGLE and isinstance(common["initial"], list):
                common["initial"] = common["initial"][0] if common["initial"] else None
            choices = [(choice.pk, choice.label) for choice in question.choices.all()]
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
            elif question.kind == QuestionKind.SINGLE:
                field = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    empty_value=None,
                    **common,
                )
            else:
                field = forms.TypedMultipleChoiceField(
                    choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
                )
            question_fields[name] = field
        # Questions first, then the contact and the proposal.
        self.fields = {**question_fields, **self.fields}
        if disabled:
            for form_field in self.fields.values():
                form_field.disabled = True

    def clean(self):
        data = super().clean()
        if (data.get("initiative_summary") or data.get("initiative_website")) and not data.get(
            "initiative_name"
        ):
            self.add_error("initiative_name", _("Give the proposed initiative a name."))
        return data

    def question_fields(self):
        return [self[question_field(q.pk)] for q in self.questions]

    def responses(self) -> dict[int, str | list[int]]:
        out: dict[int, str | list[int]] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field(question.pk))
            if question.kind == QuestionKind.TEXT:
                out[question.pk] = value or ""
            elif question.kind == QuestionKind.SINGLE:
                out[question.pk] = [value] if value is not None else []
            else:
                out[question.pk] = list(value or [])
        return out
