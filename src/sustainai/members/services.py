"""Writes for members: applications, decisions, contacts. Every write is transactional."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sustainai.core import languages
from sustainai.members import consent
from sustainai.members.models import (
    Contact,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    OrganisationRole,
)
from sustainai.outbox.services import queue_templated_mail

# Governments and international organisations support the coalition; the others are members.
SUPPORTER_KINDS = {OrganisationKind.GOVERNMENT, OrganisationKind.INTERNATIONAL}


class MembersError(Exception):
    """A write that cannot be done; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ApplicationError(MembersError):
    """An application that cannot be accepted or decided."""


class ProfileError(MembersError):
    """A change of an organisation's profile or contacts that cannot be made."""


def role_for_kind(kind: str) -> str:
    return OrganisationRole.SUPPORTER if kind in SUPPORTER_KINDS else OrganisationRole.MEMBER


def _name_taken_message(name: str) -> str:
    return _("An organisation named “%(name)s” is already a member or has applied.") % {
        "name": name
    }


def _consent_given_now() -> dict:
    """The consent of a new contact, recorded as the application form records it."""
    return {
        "consent_purpose": consent.MEMBERSHIP_CONTACT,
        "consent_text_version": consent.MEMBERSHIP_CONTACT_VERSION,
        "consent_text": str(consent.MEMBERSHIP_CONTACT_TEXT),
        "consent_given_at": timezone.now(),
    }


def unique_organisation_slug(name: str) -> str:
    base = slugify(name)[:240] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class ApplicationData:
    name: str
    kind: str
    country: str
    website: str
    description: str
    public_profile: bool
    motivation: str
    contact_name: str
    contact_email: str
    contact_position: str


@transaction.atomic
def apply_for_membership(data: ApplicationData, *, user=None) -> MembershipApplication:
    """Record an application: the organisation (pending), the applicant's contact and account.

    A signed-in applicant's account is linked; an anonymous applicant gets a new account (without
    a password: the welcome e-mail lets them set one). An anonymous applicant whose e-mail already
    has an account is asked to log in, so that nobody attaches someone else's account.
    """
    name = data.name.strip()
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ApplicationError(_name_taken_message(name), field="name")
    try:
        # A savepoint: a concurrent application with the same name or e-mail, caught by the
        # database's unique constraints, becomes a clear error instead of a crash.
        with transaction.atomic():
            return _apply(data, name, user)
    except IntegrityError as error:
        raise ApplicationError(
            _(
                "An organisation named “%(name)s” or an account with this e-mail address was "
                "registered at the same moment; check and try again."
            )
            % {"name": name}
        ) from error


def _apply(data: ApplicationData, name: str, user) -> MembershipApplication:
    User = get_user_model()
    email = data.contact_email.strip().lower()
    if user is not None and user.is_authenticated:
        if user.organisation_id is not None:
            raise ApplicationError(
                _("Your account already belongs to %(organisation)s.")
                % {"organisation": user.organisation}
            )
        email = user.email
    else:
        if User.objects.filter(email__iexact=email).exists():
            raise ApplicationError(
                _("An account with this e-mail address exists: log in first, then apply."),
                field="contact_email",
            )
        user = User.objects.create_user(email=email, password=None, full_name=data.contact_name)

    organisation = Organisation.objects.create(
        name=name,
        slug=unique_organisation_slug(name),
        kind=data.kind,
        role=role_for_kind(data.kind),
        country=data.country,
        website=data.website,
        description=data.description,
        public_profile=data.public_profile,
        status=MembershipStatus.APPLIED,
    )
    Contact.objects.create(
        organisation=organisation,
        user=user,
        full_name=data.contact_name.strip(),
        email=email,
        position=data.contact_position.strip(),
        is_primary=True,
        **_consent_given_now(),
    )
    if not user.full_name:
        user.full_name = data.contact_name.strip()
    # The link gives no rights until the organisation is approved (``is_member_user``).
    user.organisation = organisation
    user.language = languages.current() or user.language
    user.save(update_fields=["full_name", "organisation", "language"])
    return MembershipApplication.objects.create(
        organisation=organisation,
        applicant=user,
        motivation=data.motivation.strip(),
        language=languages.current(),
    )


def _applicant_language(application: MembershipApplication) -> str:
    applicant = application.applicant
    return languages.mail_language(
        application.language, applicant.language if applicant is not None else ""
    )


def _check_pending(application: MembershipApplication) -> None:
    if application.organisation.status != MembershipStatus.APPLIED:
        raise ApplicationError(
            _("This application was already decided (%(status)s).")
            % {"status": application.organisation.get_status_display()}
        )


def _recipients(organisation: Organisation) -> list[str]:
    return sorted({contact.email for contact in organisation.contacts.all()})


@transaction.atomic
def approve_application(application: MembershipApplication, *, by, site_url: str):
    """Approve; returns the welcome mail queued in the outbox (``None`` without any contact)."""
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    organisation = application.organisation
    _check_pending(application)
    now = timezone.now()
    organisation.status = MembershipStatus.APPROVED
    organisation.joined_on = organisation.joined_on or timezone.localdate(now)
    organisation.save(update_fields=["status", "joined_on"])
    application.decided_at, application.decided_by = now, by
    application.save(update_fields=["decided_at", "decided_by"])
    recipients = _recipients(organisation)
    if not recipients:
        return None
    applicant = application.applicant
    password_link = ""
    if applicant is not None and not applicant.has_usable_password():
        password_link = site_url + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(applicant.pk)),
                "token": default_token_generator.make_token(applicant),
            },
        )
    # In the applicant's language, whoever approves (``core.languages``).
    return queue_templated_mail(
        "members/emails/welcome",
        {
            "organisation": organisation,
            "applicant": applicant,
            "password_link": password_link,
            "consultations_url": site_url + reverse("consultations:list"),
        },
        language=_applicant_language(application),
        to=recipients,
        category="members.welcome",
        tags={"organisation": organisation.slug},
        created_by=by,
    )


@transaction.atomic
def reject_application(application: MembershipApplication, *, by, reason: str):
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the applicant a reason for the rejection."), field="reason")
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    organisation = application.organisation
    _check_pending(application)
    organisation.status = MembershipStatus.REJECTED
    organisation.save(update_fields=["status"])
    application.decided_at, application.decided_by = timezone.now(), by
    application.rejection_reason = reason
    application.save(update_fields=["decided_at", "decided_by", "rejection_reason"])
    # Free the applicants' accounts, so that they can apply again or join another organisation.
    organisation.users.update(organisation=None)
    recipients = _recipients(organisation)
    if not recipients:
        return None
    return queue_templated_mail(
        "members/emails/rejection",
        {"organisation": organisation, "reason": reason},
        language=_applicant_language(application),
        to=recipients,
        category="members.rejection",
        tags={"organisation": organisation.slug},
        created_by=by,
    )


# --- An organisation's own profile and contacts ------------------------------------------------

# What an organisation's users change themselves; kind, role and status are the coordinators'.
PROFILE_FIELDS = ("name", "website", "country", "description", "public_profile")


@dataclass
class ProfileData:
    name: str
    website: str
    country: str
    description: str
    public_profile: bool


def _profile_value(organisation: Organisation, field: str):
    value = getattr(organisation, field)
    return (value.code or "") if field == "country" else value


@transaction.atomic
def update_profile(organisation: Organisation, data: ProfileData, *, by) -> Organisation:
    """Change the organisation's public profile; its history records who, what and why.

    The name stays unique whatever its case; the slug (and so every URL) stays as it was.
    Returns the organisation as saved (no history record when nothing changed).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    values: dict[str, Any] = {
        "name": data.name.strip(),
        "website": data.website.strip(),
        "country": data.country,
        "description": data.description.strip(),
        "public_profile": data.public_profile,
    }
    name = values["name"]
    if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
        raise ProfileError(_name_taken_message(name), field="name")
    changed = [f for f in PROFILE_FIELDS if _profile_value(organisation, f) != values[f]]
    if not changed:
        return organisation
    for field in changed:
        setattr(organisation, field, values[field])
    # History reasons are records, kept in English whatever the language of the page.
    who = "its organisation" if by.organisation_id == organisation.pk else "a coordinator"
    organisation._change_reason = f"Profile edited by {who}: {', '.join(changed)}"[:100]
    organisation._history_user = by
    try:
        with transaction.atomic():
            organisation.save(update_fields=changed)
    except IntegrityError as error:
        raise ProfileError(_name_taken_message(name), field="name") from error
    return organisation


@dataclass
class ContactData:
    full_name: str
    email: str
    position: str
    is_primary: bool


def _email_taken(organisation: Organisation, email: str, *, contact: Contact | None = None):
    others = Contact.objects.filter(organisation=organisation, email__iexact=email)
    if contact is not None:
        others = others.exclude(pk=contact.pk)
    if others.exists():
        raise ProfileError(
            _("%(organisation)s already has a contact with this e-mail address.")
            % {"organisation": organisation.name},
            field="email",
        )


def _lock(organisation: Organisation) -> Organisation:
    """Contacts of one organisation change one request at a time (one primary contact)."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


@transaction.atomic
def add_contact(
    organisation: Organisation, data: ContactData, *, by=None, site_url: str = ""
) -> Contact:
    """Add a contact, with the person's consent recorded as the application form records it.

    Someone else recorded that consent on the person's behalf: unless ``by`` added themselves,
    the person is told by e-mail what was recorded, by whom, and how to withdraw
    (``contact_notice``).
    """
    organisation = _lock(organisation)
    email = data.email.strip().lower()
    _email_taken(organisation, email)
    if data.is_primary:
        organisation.contacts.filter(is_primary=True).update(is_primary=False)
    contact = Contact.objects.create(
        organisation=organisation,
        full_name=data.full_name.strip(),
        email=email,
        position=data.position.strip(),
        is_primary=data.is_primary,
        **_consent_given_now(),
    )
    if by is None or (by.email or "").lower() != email:
        contact_notice(contact, by=by, site_url=site_url)
    return contact


WITHDRAWAL_SALT = "sustainai.members.contact.withdraw"


def withdrawal_token(contact: Contact) -> str:
    """A token for the link that lets a contact remove themselves, without an account.

    Signed with the contact's key and address: it stops working once the record is gone or its
    address changed (a new address gets a notice of its own only when added anew).
    """
    return signing.dumps({"contact": contact.pk, "email": contact.email}, salt=WITHDRAWAL_SALT)


def contact_for_withdrawal(token: str) -> Contact | None:
    """The contact a withdrawal token names, if it is still there with that address."""
    try:
        signed = signing.loads(token, salt=WITHDRAWAL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(signed, dict) or signed.get("contact") is None:
        return None
    return (
        Contact.objects.select_related("organisation")
        .filter(pk=signed["contact"], email=signed.get("email"))
        .first()
    )


def contact_notice(contact: Contact, *, by=None, site_url: str = ""):
    """Tell a person added as a contact by someone else what was recorded and how to withdraw.

    In the language of whoever added them: the one the recorded consent text was shown in.
    """
    organisation = contact.organisation
    return queue_templated_mail(
        "members/emails/contact_added",
        {
            "organisation": organisation,
            "contact": contact,
            "by": by,
            "link": site_url
            + reverse("members:withdraw_contact", args=[withdrawal_token(contact)]),
        },
        language=languages.mail_language(languages.current()),
        to=[contact.email],
        category="members.contact_added",
        tags={"organisation": organisation.slug},
        created_by=by,
    )


@transaction.atomic
def withdraw_contact(contact: Contact) -> None:
    """The person's own withdrawal: their contact record and consent are deleted.

    It overrides the rules an organisation's users follow (it keeps one contact, and a primary
    one): a person's erasure is not theirs to refuse. Another contact, the longest-standing,
    becomes primary when the primary contact leaves.
    """
    organisation = _lock(contact.organisation)
    current = Contact.objects.filter(pk=contact.pk).first()
    if current is None:
        return  # withdrawn already (a second click)
    was_primary = current.is_primary
    current.delete()
    if was_primary:
        successor = organisation.contacts.order_by("pk").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary"])


@transaction.atomic
def update_contact(contact: Contact, data: ContactData) -> Contact:
    """Change a contact's details; the consent they gave stays as it was recorded."""
    organisation = _lock(contact.organisation)
    contact = Contact.objects.get(pk=contact.pk)
    email = data.email.strip().lower()
    _email_taken(organisation, email, contact=contact)
    others = organisation.contacts.exclude(pk=contact.pk)
    if contact.is_primary and not data.is_primary and not others.filter(is_primary=True).exists():
        raise ProfileError(
            _("To change the primary contact, make another contact primary."),
            field="is_primary",
        )
    if data.is_primary and not contact.is_primary:
        others.filter(is_primary=True).update(is_primary=False)
    contact.full_name = data.full_name.strip()
    contact.email = email
    contact.position = data.position.strip()
    contact.is_primary = data.is_primary
    contact.save(update_fields=["full_name", "email", "position", "is_primary"])
    return contact


@transaction.atomic
def remove_contact(contact: Contact) -> None:
    """Remove a contact; an organisation keeps at least one, and its primary contact."""
    organisation = _lock(contact.organisation)
    contact = Contact.objects.get(pk=contact.pk)
    others = organisation.contacts.exclude(pk=contact.pk)
    if not others.exists():
        raise ProfileError(_("An organisation keeps at least one contact: add another one first."))
    if contact.is_primary and not others.filter(is_primary=True).exists():
        raise ProfileError(_("Make another contact primary before removing this one."))
    contact.delete()
