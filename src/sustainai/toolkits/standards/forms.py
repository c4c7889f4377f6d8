from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form
from sustainai.toolkits.standards.models import Dimension, Phase, RelationType, Status


class FilterForm(Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    body = forms.ChoiceField(label=_("Body"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    phase = forms.ChoiceField(label=_("Life-cycle phase"), required=False)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["body"].choices = every + [(b, b) for b in bodies]
        self.fields["status"].choices = every + list(Status.choices)
        self.fields["phase"].choices = every + list(Phase.choices)
        self.fields["dimension"].choices = every + list(Dimension.choices)


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    date = forms.DateField(label=_("Date"), required=False, help_text=_("YYYY-MM-DD"))


class EditionForm(Form):
    name = forms.CharField(label=_("Edition name"), max_length=100, help_text=_('e.g. "2026"'))


class PrinciplesForm(Form):
    text = forms.CharField(label=_("Common principles"), max_length=20000, widget=forms.Textarea)


class CompareForm(Form):
    before = forms.ChoiceField(label=_("From edition"))
    after = forms.ChoiceField(label=_("To edition"))

    def __init__(self, *args, editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(e.name, e.name) for e in editions]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices


class ProposalForm(Form):
    """A new standard, or a correction of one (its identifier then fixed)."""

    identifier = forms.CharField(label=_("Identifier"), max_length=200)
    body = forms.CharField(label=_("Body"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=500)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    date = forms.DateField(label=_("Date"), required=False, help_text=_("YYYY-MM-DD"))
    phases = forms.MultipleChoiceField(
        label=_("Life-cycle phases"),
        choices=Phase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Dimensions"),
        choices=Dimension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    url = forms.URLField(label=_("URL"), max_length=500, required=False, assume_scheme="https")
    comment = forms.CharField(
        label=_("Comment for the moderators"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, standard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard
        if standard is not None:
            self.fields["identifier"].disabled = True
            self.fields["identifier"].initial = standard.identifier

    def clean_identifier(self):
        from sustainai.toolkits.standards.models import Standard

        identifier = self.cleaned_data["identifier"].strip()
        if self.standard is None and Standard.objects.filter(identifier=identifier).exists():
            raise forms.ValidationError(
                _("This standard is in the registry already: propose a correction on its page.")
            )
        return identifier


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class RelationForm(Form):
    type = forms.ChoiceField(label=_("Relation"), choices=RelationType.choices)
    target = forms.CharField(label=_("Other standard (identifier)"), max_length=200)

    def clean_target(self):
        from sustainai.toolkits.standards.models import Standard

        identifier = self.cleaned_data["target"].strip()
        target = Standard.objects.filter(identifier=identifier).first()
        if target is None:
            raise forms.ValidationError(_("No standard has this identifier."))
        return target
