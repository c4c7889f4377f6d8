from django import forms
from django.utils.translation import gettext_lazy as _

from sustainai.core.forms import Form


class TeamForm(Form):
    name = forms.CharField(label=_("Team name"), max_length=100)


class InviteForm(Form):
    email = forms.EmailField(label=_("E-mail address to invite"))


class SubmissionForm(Form):
    file = forms.FileField(
        label=_("Python file or zip"),
        help_text=_("A .py file defining predict(X_train, y_train, X_test), or a zip holding one."),
    )
    label = forms.CharField(label=_("Label (optional)"), max_length=100, required=False)
