from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.members import consent
from sustainai.members.models import OrganisationKind


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", "—"), *OrganisationKind.choices]
    )
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("What the organisation does"), widget=forms.Textarea(attrs={"rows": 3})
    )
    motivation = forms.CharField(
        label=_("Why it wants to join the coalition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    public_profile = forms.BooleanField(
        label=_("List the organisation in the public member directory"), required=False
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_email = forms.EmailField(label=_("Your e-mail address"))
    contact_position = forms.CharField(label=_("Your position"), max_length=200, required=False)
    consent = forms.BooleanField(label=consent.MEMBERSHIP_CONTACT_TEXT)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            # A signed-in applicant applies with their account's address.
            self.fields["contact_email"].initial = user.email
            self.fields["contact_email"].disabled = True
            self.fields["contact_name"].initial = user.full_name

    def organisation_fields(self):
        return [
            self[name]
            for name in self.fields
            if not name.startswith("contact_") and name != "consent"
        ]

    def contact_fields(self):
        return [
            self[name] for name in self.fields if name.startswith("contact_") or name == "consent"
        ]
