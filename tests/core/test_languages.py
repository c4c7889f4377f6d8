"""The language people read the platform in is recorded, and their e-mails are written in it."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from sustainai.atlas import services as atlas_services
from sustainai.calls import services as calls_services
from sustainai.calls.models import Expression
from sustainai.core.languages import mail_language
from sustainai.members import services as members_services
from sustainai.outbox.models import OutboxMail
from tests.factories.accounts import PASSWORD
from tests.factories.atlas import SubmittedInitiativeFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = pytest.mark.django_db


def test_mail_language_is_the_first_recorded_known_one_else_the_site_s():
    assert mail_language("", None, "fr", "en") == "fr"
    assert mail_language("xx") == "en"
    assert mail_language() == "en"


def test_signing_in_records_the_language_the_person_uses(client, member_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.post(
        "/accounts/login/", {"username": "member@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.language == "fr"


def test_switching_language_records_a_signed_in_person_s_choice(member_client, member_user):
    response = member_client.post("/i18n/setlang/", {"language": "fr", "next": "/atlas/"})
    assert (response.status_code, response.url) == (302, "/atlas/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    member_user.refresh_from_db()
    assert member_user.language == "fr"


def test_switching_language_anonymously_sets_the_cookie_only(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/i18n/setlang/").status_code == 405


def test_an_application_in_french_is_welcomed_in_french_by_an_english_coordinator(coordinator):
    with translation.override("fr"):
        application = members_services.apply_for_membership(
            members_services.ApplicationData(
                name="Calcul Sobre",
                kind="startup",
                country="FR",
                website="",
                description="",
                public_profile=True,
                motivation="",
                contact_name="Camille Martin",
                contact_email="camille@calcul-sobre.example.org",
                contact_position="",
            )
        )
    assert (application.language, application.applicant.language) == ("fr", "fr")

    with translation.override("en"):
        welcome = members_services.approve_application(
            application, by=coordinator, site_url="https://sustainai.example.org"
        )
    assert welcome.subject == "Bienvenue dans la coalition, Calcul Sobre"
    assert translation.get_language() == "en"


def test_a_decision_is_written_in_the_language_of_the_expression(coordinator):
    call = CallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    workstream = ProposedWorkstreamFactory(call=call, title="Frugal AI", confirmation_threshold=1)
    ExpressionFactory(call=call, workstreams=[workstream], language="fr")
    ExpressionFactory(call=call, workstreams=[workstream], language="")
    calls_services.tally_call(call.pk)

    mails = calls_services.decide(workstream, confirm=True, user=coordinator)

    by_language = {
        Expression.objects.get(contact_email=mail.to[0]).language: mail.subject for mail in mails
    }
    assert by_language == {
        "fr": "Axe de travail confirmé\xa0: Frugal AI",
        "": "Workstream confirmed: Frugal AI",
    }


def test_an_expression_records_the_language_it_was_submitted_in(member_user):
    call = CallFactory()
    ProposedWorkstreamFactory(call=call, slug="alpha")
    with translation.override("fr"):
        expression, _created = calls_services.submit_expression(
            call,
            member_user,
            calls_services.ExpressionInput(
                workstreams=[calls_services.ChoiceInput(slug="alpha", role="contributor")],
                contact_name="Alex",
                contact_email="alex@example.org",
                consent=True,
            ),
        )
    assert expression.language == "fr"


def test_a_moderation_decision_is_written_in_the_submitter_s_language(coordinator):
    initiative = SubmittedInitiativeFactory(name="Mesure sobre")
    initiative.submitted_by.language = "fr"
    initiative.submitted_by.save()
    with translation.override("en"):
        atlas_services.publish_initiative(initiative, by=coordinator)
    sent = OutboxMail.objects.get(to=[initiative.submitted_by.email])
    assert sent.subject == "Votre initiative «\xa0Mesure sobre\xa0» est publiée dans l'Atlas"
