import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from sustainai.consultations.models import Answer
from sustainai.core import personal_data, registry
from sustainai.members.models import Contact, MembershipApplication
from sustainai.members.services import approve_application
from sustainai.outbox.models import MailState, OutboxMail
from sustainai.outbox.services import draft_mail
from tests.erasure import PERSON
from tests.factories.calls import ExpressionFactory
from tests.factories.members import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def values_naming_the_person(path: str) -> list[str]:
    """The values of the field ``"app_label.Model.field"`` that name the person; a link to an
    account is read as the account's address and names."""
    app_label, model_name, field_name = path.split(".")
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    values = []
    for row in model.objects.all():
        value = getattr(row, field_name)
        if field.is_relation and value is not None:
            value = " ".join([value.email, value.full_name, value.first_name, value.last_name])
        elif not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        values.append(value)
    return [value for value in values if PERSON.search(value)]


@pytest.mark.parametrize("path", sorted(personal_data.declared_fields()))
def test_erasure_leaves_the_person_in_none_of_the_covered_fields(person_everywhere, path):
    assert values_naming_the_person(path), "the fixture fills every covered field"
    personal_data.erase_all(person_everywhere)
    assert values_naming_the_person(path) == []


def test_registry_names_every_source_in_app_order():
    assert registry.personal_data_sources() == [
        "sustainai.accounts.personal_data",
        "sustainai.members.personal_data",
        "sustainai.atlas.personal_data",
        "sustainai.outbox.personal_data",
        "sustainai.consultations.personal_data",
        "sustainai.calls.personal_data",
        "sustainai.toolkits.transparency.personal_data",
        "sustainai.toolkits.foresight.personal_data",
        "sustainai.toolkits.standards.personal_data",
        "sustainai.toolkits.procurement.personal_data",
        "sustainai.toolkits.pilots.personal_data",
        "sustainai.toolkits.challenges.personal_data",
        "sustainai.toolkits.models.personal_data",
        "sustainai.reports.personal_data",
    ]
    assert [personal_data.source_name(module) for module in personal_data.sources()] == [
        "accounts",
        "members",
        "atlas",
        "outbox",
        "consultations",
        "calls",
        "transparency",
        "foresight",
        "standards",
        "procurement",
        "pilots",
        "challenges",
        "model_library",
        "reports",
    ]


def test_export_gives_every_source_with_exact_keys_and_values(person):
    exported = personal_data.export_all(person)
    assert sorted(exported) == ["exported_at", "sources"]
    assert sorted(exported["sources"]) == [
        "accounts",
        "atlas",
        "calls",
        "challenges",
        "consultations",
        "foresight",
        "members",
        "model_library",
        "outbox",
        "pilots",
        "procurement",
        "reports",
        "standards",
        "transparency",
    ]
    assert exported["sources"]["outbox"] == {"mails": []}
    assert exported["sources"]["transparency"] == {
        "figures_submitted": [],
        "intensities_submitted": [],
        "confidential_figures_read": [],
        "appointed_reader": False,
        "audit_access": [],
        "attestations": [],
        "tables_defined": [],
    }
    assert exported["sources"]["foresight"] == {"saved_scenarios": []}
    assert exported["sources"]["challenges"] == {"teams": [], "teams_formed": [], "submissions": []}
    assert exported["sources"]["standards"] == {"standard_proposals": []}
    assert exported["sources"]["procurement"] == {
        "criteria_proposed": [],
        "criteria_decided": [],
        "tender_packs": [],
        "bid_evaluations": [],
    }
    assert exported["sources"]["pilots"] == {
        "pilots": [],
        "pilot_collections": [],
        "pilot_edits": [],
    }
    assert exported["sources"]["model_library"] == {
        "proposed_entries": [],
        "decided_entries": [],
        "benchmark_runs": [],
    }
    assert exported["sources"]["reports"] == {
        "reports_created": [],
        "sections_approved": [],
        "comments": [],
    }
    assert exported["sources"]["calls"] == {"expressions_of_interest": []}
    members = exported["sources"]["members"]
    assert members["account"] == {
        "email": "rita@helios.example.org",
        "full_name": "Rita Sousa",
        "first_name": "",
        "last_name": "",
        "language": "en",
        "organisation": "Helios Compute",
        "is_coordinator": False,
        "date_joined": person.date_joined.isoformat(),
        "last_login": None,
    }
    contact = Contact.objects.get()
    assert members["contacts"] == [
        {
            "organisation": "Helios Compute",
            "full_name": "Rita Sousa",
            "email": "rita@helios.example.org",
            "position": "CEO",
            "is_primary": True,
            "consent": {
                "purpose": "membership_contact",
                "text_version": "2025-01",
                "text": contact.consent_text,
                "given_at": contact.consent_given_at.isoformat(),
            },
        }
    ]
    application = MembershipApplication.objects.get()
    assert members["membership_applications"] == [
        {
            "organisation": "Helios Compute",
            "motivation": "Procurement.",
            "submitted_at": application.submitted_at.isoformat(),
        }
    ]
    answer = Answer.objects.get()
    assert exported["sources"]["consultations"] == {
        "answers": [
            {
                "consultation": "Priorities 2025",
                "organisation": "Helios Compute",
                "contact_name": "Rita Sousa",
                "contact_email": "rita@helios.example.org",
                "created_by_you": True,
                "last_updated_by_you": True,
                "updated_at": answer.updated_at.isoformat(),
            }
        ]
    }


def test_export_finds_contact_records_by_email_without_an_account_link(plain_user):
    ContactFactory(email="Someone@Example.org", user=None, organisation=OrganisationFactory())
    contacts = personal_data.export_all(plain_user)["sources"]["members"]["contacts"]
    assert [c["email"] for c in contacts] == ["Someone@Example.org"]


def test_erase_leaves_no_trace_of_the_name_or_email(person):
    counts = personal_data.erase_all(person)
    assert counts == {
        "accounts": 0,
        "members": 2,
        "outbox": 0,
        "consultations": 1,
        "calls": 0,
        "atlas": 0,
        "transparency": 0,
        "foresight": 0,
        "standards": 0,
        "procurement": 0,
        "pilots": 0,
        "challenges": 0,
        "model_library": 0,
        "reports": 0,
        "account": 1,
    }
    assert Contact.objects.count() == 0
    answer = Answer.objects.get()  # the organisation's answer stays, without the person
    assert (answer.contact_name, answer.contact_email, answer.created_by, answer.updated_by) == (
        "",
        "",
        None,
        None,
    )
    user = get_user_model().objects.get(pk=person.pk)
    assert (user.email, user.full_name, user.language, user.is_active, user.organisation) == (
        f"erased-{person.pk}@erased.invalid",
        "",
        "",
        False,
        None,
    )
    assert user.has_usable_password() is False
    assert MembershipApplication.objects.get().applicant is None


def test_erase_keeps_other_peoples_contact_details_on_an_answer_the_person_edited(person):
    Answer.objects.update(contact_name="Other Person", contact_email="other@example.org")
    personal_data.erase_all(person)
    answer = Answer.objects.get()
    assert (answer.contact_name, answer.updated_by) == ("Other Person", None)


def test_erase_is_all_or_nothing(person, monkeypatch):
    # A source registered last fails after the others erased their part: nothing must remain erased.
    sources = [*registry.personal_data_sources(), "tests.members.failing_source"]
    monkeypatch.setattr(personal_data, "personal_data_sources", lambda: sources)
    with pytest.raises(RuntimeError, match="disk full"):
        personal_data.erase_all(person)
    assert Contact.objects.get().email == "rita@helios.example.org"
    assert get_user_model().objects.get(pk=person.pk).email == "rita@helios.example.org"


def test_export_view_downloads_json(client, person):
    client.force_login(person)
    response = client.get(reverse("members:export_my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="sustainai-personal-data-'
    )
    assert json.loads(response.content)["sources"]["members"]["account"]["email"] == (
        "rita@helios.example.org"
    )


def test_erase_view_get_only_asks_for_confirmation(client, person):
    client.force_login(person)
    assert client.get(reverse("members:erase_my_data")).status_code == 200
    assert Contact.objects.count() == 1


def test_erase_view_post_without_confirmation_erases_nothing(client, person):
    client.force_login(person)
    assert client.post(reverse("members:erase_my_data")).status_code == 400
    assert Contact.objects.count() == 1


def test_erase_view_post_confirmed_erases_and_logs_out(client, person):
    client.force_login(person)
    response = client.post(reverse("members:erase_my_data"), {"confirm": "erase"})
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert Contact.objects.count() == 0
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out


def test_outbox_mails_are_exported_then_stripped_of_the_person(
    person, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        welcome = approve_application(
            MembershipApplication.objects.get(), by=coordinator, site_url="https://s.example"
        )
    shared = draft_mail(
        to=["rita@helios.example.org", "team@helios.example.org"],
        subject="Workstream kick-off",
        body="Dear all",
        category="calls.decision",
    )
    welcome.refresh_from_db()
    assert personal_data.export_all(person)["sources"]["outbox"] == {
        "mails": [
            {
                "subject": "Welcome to the coalition, Helios Compute",
                "category": "members.welcome",
                "state": "sent",
                "created_at": welcome.created_at.isoformat(),
                "sent_at": welcome.sent_at.isoformat(),
            },
            {
                "subject": "Workstream kick-off",
                "category": "calls.decision",
                "state": "draft",
                "created_at": shared.created_at.isoformat(),
                "sent_at": None,
            },
        ]
    }
    assert personal_data.erase_all(person)["outbox"] == 2
    welcome.refresh_from_db()
    shared.refresh_from_db()
    assert (welcome.to, welcome.body, welcome.state) == (
        [],
        "(Erased at the recipient's request.)",
        MailState.SENT,
    )
    assert (shared.to, shared.body, shared.state) == (
        ["team@helios.example.org"],
        "Dear all",
        MailState.DRAFT,
    )
    assert not [m for m in OutboxMail.objects.all() if "rita@helios.example.org" in m.to]


def test_other_mails_lose_the_persons_address_and_name_only(person):
    mail = draft_mail(
        to=["team@helios.example.org"],
        reply_to=["Rita@Helios.example.org", "office@helios.example.org"],
        subject="Rita Sousa added you",
        body="RITA SOUSA (rita@helios.example.org) added you; Ritas and Sousaville stay.",
        category="members.contact_added",
    )
    untouched = draft_mail(to=["x@example.org"], subject="Rita Sousan", body="-", category="x")
    assert personal_data.erase_all(person)["outbox"] == 1
    mail.refresh_from_db()
    assert (mail.to, mail.reply_to, mail.subject, mail.body, mail.state) == (
        ["team@helios.example.org"],
        ["office@helios.example.org"],
        "(erased) added you",
        "(erased) ((erased)) added you; Ritas and Sousaville stay.",
        MailState.DRAFT,
    )
    untouched.refresh_from_db()
    assert untouched.subject == "Rita Sousan"


def test_a_waiting_mail_for_the_person_alone_is_marked_failed_not_sent(person):
    mail = draft_mail(to=["rita@helios.example.org"], subject="Hi", body="Rita", category="x")
    personal_data.erase_all(person)
    mail.refresh_from_db()
    assert (mail.to, mail.state, mail.last_error) == (
        [],
        MailState.FAILED,
        "The recipient erased their personal data.",
    )


def test_erase_all_reaches_expressions_of_interest_in_calls(person):
    from sustainai.calls.models import Expression

    expression = ExpressionFactory(
        organisation=person.organisation,
        contact_name="Rita Sousa",
        contact_email="rita@helios.example.org",
    )
    exported = personal_data.export_all(person)["sources"]["calls"]
    assert [e["contact_email"] for e in exported["expressions_of_interest"]] == [
        "rita@helios.example.org"
    ]
    counts = personal_data.erase_all(person)
    assert counts["calls"] == 1
    expression = Expression.objects.get(pk=expression.pk)
    assert "rita" not in (expression.contact_name + expression.contact_email).lower()
