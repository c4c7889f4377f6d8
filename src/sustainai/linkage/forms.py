from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core import forms as platform_forms

ACTIONS = [
    ("merge_into_a", _("Merge: keep the first, the second becomes an alias")),
    ("merge_into_b", _("Merge: keep the second, the first becomes an alias")),
    ("a_version_of_b", _("The first is a version of the second")),
    ("b_version_of_a", _("The second is a version of the first")),
    ("a_part_of_b", _("The first is part of the second")),
    ("b_part_of_a", _("The second is part of the first")),
    ("distinct", _("Distinct initiatives (never propose this pair again)")),
]


class DecisionForm(platform_forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class HintForm(platform_forms.Form):
    """The submission form's fields the hint reads (GET); every one optional."""

    name = forms.CharField(required=False, max_length=300)
    website = forms.CharField(required=False, max_length=500)
    # Textareas of the submission form: tabs and line breaks allowed (``core.forms``).
    aliases = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)
    description = forms.CharField(required=False, max_length=20000, widget=forms.Textarea)
    exclude = forms.IntegerField(required=False, min_value=1)
