from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sustainai.core import forms as platform_forms
from sustainai.members import consent, spam
from sustainai.members.models import Organisation, OrganisationKind


class SpamProtectedForm(platform_forms.Form):
    """A form anyone may send, with a honeypot field and a token signed when it is rendered.

    Both are checked in ``clean`` (``spam.check_token``); a refused form comes back with a non-field
    error, a new token and the honeypot emptied, ready to be sent again by a person. A token is good
    for one post, so every rendering of the form carries a new one (``token_field``).
    """

    SPAM_ERRORS = {
        "honeypot": _(
            "The form could not be accepted: a field that people leave empty was filled in, "
            "perhaps by your browser's autofill. Please check your answers and send it again."
        ),
        spam.TokenRefused.MISSING: _(
            "The form could not be checked, perhaps because it was sent from another page. "
            "Please check your answers and send it again."
        ),
        spam.TokenRefused.INVALID: _(
            "The form could not be checked, perhaps because it was sent from another page. "
            "Please check your answers and send it again."
        ),
        spam.TokenRefused.EXPIRED: _(
            "The form was open for too long. Please check your answers and send it again."
        ),
        spam.TokenRefused.TOO_FAST: _(
            "The form was sent very quickly after it was opened, as spam robots do. Please check "
            "your answers and send it again."
        ),
        spam.TokenRefused.USED: _(
            "This form was already sent once. Please check your answers and send it again."
        ),
    }
    SPAM_FIELDS = (spam.HONEYPOT_FIELD, spam.TOKEN_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[spam.HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty: it is a trap for spam robots."),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[spam.TOKEN_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial = {**self.initial, spam.TOKEN_FIELD: spam.new_token()}

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(spam.HONEYPOT_FIELD):
            self._refuse("honeypot")
        else:
            try:
                spam.check_token(cleaned_data.get(spam.TOKEN_FIELD))
            except spam.TokenRefused as refused:
                self._refuse(refused.reason)
        return cleaned_data

    def _refuse(self, reason: str) -> None:
        self.add_error(None, self.SPAM_ERRORS[reason])
        self._replace_data(spam.HONEYPOT_FIELD, "")

    def _replace_data(self, name: str, value: str) -> None:
        data = cast(QueryDict | dict[str, Any], self.data).copy()
        data[self.add_prefix(name)] = value
        self.data = data

    def honeypot_field(self):
        return self[spam.HONEYPOT_FIELD]

    def token_field(self):
        """The token field, with a token of this rendering: the one posted, if any, is spent."""
        if self.is_bound:
            self._replace_data(spam.TOKEN_FIELD, spam.new_token())
        return self[spam.TOKEN_FIELD]

    def data_fields(self) -> dict:
        """The cleaned data, without the spam protection's fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in self.SPAM_FIELDS}


class ApplicationForm(SpamProtectedForm):
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
            if not name.startswith("contact_")
            and name != "consent"
            and name not in self.SPAM_FIELDS
        ]

    def contact_fields(self):
        return [
            self[name] for name in self.fields if name.startswith("contact_") or name == "consent"
        ]

    def application_data(self) -> dict:
        return {k: v for k, v in self.data_fields().items() if k != "consent"}


class OrganisationProfileForm(platform_forms.Form):
    """What an organisation's users change of its public profile (kind, role and status are the
    coordinators', in the Django admin)."""

    name = forms.CharField(label=_("Organisation name"), max_length=255)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])
    description = forms.CharField(
        label=_("What the organisation does"), widget=forms.Textarea(attrs={"rows": 4})
    )
    public_profile = forms.BooleanField(
        label=_("List the organisation in the public member directory"), required=False
    )

    @staticmethod
    def initial_for(organisation: Organisation) -> dict:
        return {
            "name": organisation.name,
            "website": organisation.website,
            "country": organisation.country.code or "",
            "description": organisation.description,
            "public_profile": organisation.public_profile,
        }


class ContactForm(platform_forms.Form):
    """A contact of an organisation; a new contact comes with the person's consent."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    is_primary = forms.BooleanField(
        label=_("Primary contact"),
        required=False,
        help_text=_("An organisation has one primary contact; choosing this one replaces it."),
    )
    consent = forms.BooleanField(
        label=_("This person has read the text above and agrees to it."),
    )

    def __init__(self, *args, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not adding:
            # The consent was recorded when the contact was added.
            del self.fields["consent"]

    @staticmethod
    def initial_for(contact) -> dict:
        return {
            "full_name": contact.full_name,
            "email": contact.email,
            "position": contact.position,
            "is_primary": contact.is_primary,
        }

    def contact_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "consent"}
