from typing import cast

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from sustainai.core import forms as platform_forms
from sustainai.outbox.models import MailState


class FilterForm(platform_forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any"))] + MailState.choices
    )
    call = forms.SlugField(label=_("Call"), required=False)
    workstream = forms.SlugField(label=_("Workstream"), required=False)
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", _("Any")),
            ("confirmed", _("Confirmed")),
            ("not_confirmed", _("Not confirmed")),
        ],
    )

    def __init__(self, *args, categories: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", _("Any"))] + [
            (c, c) for c in categories
        ]


class MailForm(platform_forms.Form):
    to = forms.CharField(
        label=_("Recipients"), help_text=_("E-mail addresses separated by commas.")
    )
    subject = forms.CharField(label=_("Subject"), max_length=255)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 14}))

    def clean_to(self):
        addresses = [a.strip() for a in self.cleaned_data["to"].split(",") if a.strip()]
        if not addresses:
            raise forms.ValidationError(_("Give at least one recipient."))
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(address)s” is not a valid e-mail address.") % {"address": address}
                ) from None
        return addresses
