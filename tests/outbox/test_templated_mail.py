"""Mails written as templates: rendered as plain text, in the recipient's language, one-line subject."""

import datetime

import pytest
from django.utils import timezone, translation

from sustainai.atlas import services as atlas_services
from sustainai.calls import services as calls_services
from sustainai.members import services as members_services
from sustainai.members.models import Organisation
from sustainai.outbox.models import MailState
from sustainai.outbox.services import draft_templated_mail, render_mail
from tests.factories.accounts import UserFactory
from tests.factories.atlas import SubmittedInitiativeFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory
from tests.factories.members import ApplicationFactory

pytestmark = pytest.mark.django_db


def rejection(language: str) -> tuple[str, str]:
    return render_mail(
        "members/emails/rejection",
        {"organisation": Organisation(name="R&D <Lab>"), "reason": 'Not <AI> & "green".'},
        language=language,
    )


def test_a_mail_is_plain_text_without_html_escaping():
    assert rejection("en") == (
        "Your application to the coalition",
        "Thank you for applying to the coalition for environmentally sustainable AI on behalf of "
        'R&D <Lab>. We cannot accept the application:\n\nNot <AI> & "green".',
    )


def test_a_mail_is_rendered_in_the_language_given_and_leaves_the_active_one_alone():
    with translation.override("en"):
        subject, body = rejection("fr")
        assert translation.get_language() == "en"
    assert subject == "Votre candidature à la coalition"
    assert body == (
        "Nous vous remercions pour la candidature déposée au nom de R&D <Lab> auprès de la "
        "coalition pour une IA durable sur le plan environnemental. Nous ne sommes pas en mesure "
        'de l\'accepter\xa0:\n\nNot <AI> & "green".'
    )


def test_the_subject_is_one_line():
    subject, _body = render_mail(
        "members/emails/welcome",
        {"organisation": Organisation(name="Green\nCompute \r\n Lab"), "consultations_url": ""},
        language="en",
    )
    assert subject == "Welcome to the coalition, Green Compute Lab"


def test_a_templated_draft_is_stored_as_rendered():
    draft = draft_templated_mail(
        "members/emails/rejection",
        {"organisation": Organisation(name="Helios"), "reason": "Off topic."},
        language="fr",
        to=["A@Example.org"],
        category="test",
    )
    assert (draft.to, draft.subject, draft.state) == (
        ["a@example.org"],
        "Votre candidature à la coalition",
        MailState.DRAFT,
    )
    assert draft.body.endswith("Nous ne sommes pas en mesure de l'accepter\xa0:\n\nOff topic.")


def test_a_members_mail_in_french(coordinator):
    application = ApplicationFactory(language="fr", organisation__name="Calcul Sobre")
    welcome = members_services.approve_application(
        application, by=coordinator, site_url="https://s.example"
    )
    assert welcome.subject == "Bienvenue dans la coalition, Calcul Sobre"
    assert welcome.body == (
        "Bienvenue dans la coalition pour une IA durable sur le plan environnemental\xa0!\n\n"
        "Calcul Sobre est désormais membre de la coalition.\n\n"
        "Les membres répondent aux consultations et aux appels de la coalition\xa0: "
        "https://s.example/consultations/"
    )


def test_a_calls_mail_in_french(coordinator):
    call = CallFactory(
        title="Appel 2026",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    workstream = ProposedWorkstreamFactory(call=call, title="IA frugale", confirmation_threshold=3)
    ExpressionFactory(
        call=call,
        workstreams=[workstream],
        language="fr",
        contact_name="Camille Martin",
        organisation__name="Calcul Sobre",
    )
    calls_services.tally_call(call.pk)

    [draft] = calls_services.decide(workstream, confirm=False, user=coordinator)

    assert draft.subject == "Axe de travail non confirmé\xa0: IA frugale"
    assert draft.body == (
        "Bonjour Camille Martin,\n\n"
        "Nous vous remercions pour la manifestation d'intérêt de Calcul Sobre dans le cadre de "
        "l'appel «\xa0Appel 2026\xa0».\n\n"
        "L'axe de travail «\xa0IA frugale\xa0» ne sera pas lancé pour le moment\xa0: le nombre "
        "d'organisations ayant manifesté leur intérêt est insuffisant (1). Nous tiendrons compte "
        "de votre intérêt pour de futurs travaux sur ce sujet.\n\n"
        "L'équipe de coordination de la coalition pour une IA durable sur le plan environnemental"
    )


def test_an_atlas_mail_in_french(coordinator):
    submitter = UserFactory(full_name="Camille Martin", language="fr")
    initiative = SubmittedInitiativeFactory(name="Compteur de watts", submitted_by=submitter)

    notice = atlas_services.notify(submitter, "rejected", initiative=initiative, note="Hors sujet.")

    assert (
        notice.subject
        == "Votre initiative «\xa0Compteur de watts\xa0» n'a pas été retenue dans l'Atlas"
    )
    assert notice.body == (
        "Bonjour Camille,\n\n"
        "Merci d'avoir soumis «\xa0Compteur de watts\xa0» à l'Atlas SustainAI. L'équipe de "
        "coordination a décidé de ne pas la publier, pour le motif suivant\xa0:\n\n"
        "Hors sujet.\n\n"
        "Vos soumissions\xa0:\n"
        "http://127.0.0.1:8000/atlas/mine/\n\n"
        "L'équipe de coordination de SustainAI"
    )
