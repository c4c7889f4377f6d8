"""Answering: one answer per organisation, editable while open, the deadline on the server."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sustainai.atlas.models import Initiative, ModerationState
from sustainai.consultations.models import Answer, AnswerItem, ProposedInitiative, QuestionKind
from sustainai.consultations.services import (
    AnswerError,
    ConsultationClosed,
    InitiativeProposal,
    save_answer,
)
from tests.factories.accounts import MemberUserFactory, UserFactory
from tests.factories.consultations import ConsultationFactory, QuestionFactory
from tests.factories.members import PendingOrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    consultation = ConsultationFactory(slug="priorities")
    QuestionFactory(consultation=consultation, position=0, kind=QuestionKind.TEXT, required=True)
    QuestionFactory(
        consultation=consultation, position=1, kind=QuestionKind.SINGLE, choices=["Lead", "Follow"]
    )
    QuestionFactory(
        consultation=consultation,
        position=2,
        kind=QuestionKind.MULTIPLE,
        choices=["Standards", "Procurement", "Hackathons"],
    )
    return consultation


def ids(consultation):
    text, single, multiple = consultation.questions.order_by("position")
    return (
        text,
        single,
        multiple,
        list(single.choices.values_list("pk", flat=True)),
        list(multiple.choices.values_list("pk", flat=True)),
    )


def responses(consultation, text="Grid data.", single_index=0, multiple_indexes=(0, 2)):
    text_q, single_q, multiple_q, single_ids, multiple_ids = ids(consultation)
    return {
        text_q.pk: text,
        single_q.pk: [single_ids[single_index]],
        multiple_q.pk: [multiple_ids[i] for i in multiple_indexes],
    }


def test_save_answer_creates_the_organisations_answer(consultation, member_user):
    answer, created = save_answer(
        consultation=consultation,
        user=member_user,
        responses=responses(consultation),
        contact_name="Morgan",
        contact_email="Morgan@Example.org",
    )
    assert created is True
    assert (answer.organisation, answer.contact_email, answer.created_by) == (
        member_user.organisation,
        "morgan@example.org",
        member_user,
    )
    items = {item.question.position: item for item in answer.items.all()}
    assert items[0].text == "Grid data."
    assert [c.label for c in items[1].choices.order_by("position")] == ["Lead"]
    assert [c.label for c in items[2].choices.order_by("position")] == ["Standards", "Hackathons"]


def test_a_second_user_of_the_organisation_edits_the_same_answer(consultation, member_user):
    colleague = MemberUserFactory(organisation=member_user.organisation)
    save_answer(consultation=consultation, user=member_user, responses=responses(consultation))
    answer, created = save_answer(
        consultation=consultation,
        user=colleague,
        responses=responses(consultation, text="Water.", single_index=1, multiple_indexes=(1,)),
    )
    assert created is False
    assert Answer.objects.count() == 1
    assert (answer.created_by, answer.updated_by) == (member_user, colleague)
    assert AnswerItem.objects.count() == 3
    assert answer.items.get(question__position=0).text == "Water."


def test_the_database_refuses_a_second_answer_for_an_organisation(consultation, member_user):
    Answer.objects.create(consultation=consultation, organisation=member_user.organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(consultation=consultation, organisation=member_user.organisation)


def test_save_answer_just_before_closing_is_accepted(consultation, member_user):
    just_before = consultation.closes_at - datetime.timedelta(seconds=1)
    answer, _ = save_answer(
        consultation=consultation,
        user=member_user,
        responses=responses(consultation),
        now=just_before,
    )
    assert answer.pk is not None


def test_save_answer_at_or_after_closing_is_refused(consultation, member_user):
    for moment in (consultation.closes_at, consultation.closes_at + datetime.timedelta(seconds=1)):
        with pytest.raises(ConsultationClosed):
            save_answer(
                consultation=consultation,
                user=member_user,
                responses=responses(consultation),
                now=moment,
            )
    assert Answer.objects.count() == 0


def test_save_answer_before_opening_is_refused(member_user):
    consultation = ConsultationFactory(opens_at=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ConsultationClosed):
        save_answer(consultation=consultation, user=member_user, responses={})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("missing_text", "“{text}” needs an answer."),
        ("two_single", "“{single}” takes one choice only."),
        ("foreign_choice", "“{multiple}”: 999999 is not one of its choices."),
    ],
)
def test_save_answer_refuses_bad_input_naming_the_question(
    consultation, member_user, change, message
):
    text_q, single_q, multiple_q, single_ids, _ = ids(consultation)
    data = responses(consultation)
    if change == "missing_text":
        data[text_q.pk] = "  "
    elif change == "two_single":
        data[single_q.pk] = single_ids
    else:
        data[multiple_q.pk] = [999999]
    with pytest.raises(AnswerError) as error:
        save_answer(consultation=consultation, user=member_user, responses=data)
    assert error.value.message == message.format(
        text=text_q.text, single=single_q.text, multiple=multiple_q.text
    )
    assert Answer.objects.count() == 0


def test_save_answer_by_a_pending_organisations_user_is_refused(consultation):
    user = MemberUserFactory(organisation=PendingOrganisationFactory())
    with pytest.raises(AnswerError):
        save_answer(consultation=consultation, user=user, responses=responses(consultation))


def test_save_answer_by_someone_of_no_organisation_is_refused(consultation):
    with pytest.raises(AnswerError):
        save_answer(consultation=consultation, user=UserFactory(), responses={})


def test_save_answer_proposes_an_initiative_for_moderation(consultation, member_user):
    answer, _ = save_answer(
        consultation=consultation,
        user=member_user,
        responses=responses(consultation),
        proposal=InitiativeProposal(
            name="Energy probe", summary="Measures GPUs.", website="https://probe.example.org"
        ),
    )
    initiative = Initiative.objects.get()
    assert (initiative.name, initiative.state, initiative.submitted_by, initiative.website) == (
        "Energy probe",
        ModerationState.SUBMITTED,
        member_user,
        "https://probe.example.org",
    )
    assert list(ProposedInitiative.objects.values_list("answer", "initiative", "name")) == [
        (answer.pk, initiative.pk, "Energy probe")
    ]


def form_data(consultation, **extra):
    text_q, single_q, multiple_q, single_ids, multiple_ids = ids(consultation)
    return {
        f"question_{text_q.pk}": "Grid data.",
        f"question_{single_q.pk}": str(single_ids[1]),
        f"question_{multiple_q.pk}": [str(multiple_ids[0]), str(multiple_ids[1])],
        "contact_name": "Morgan",
        "contact_email": "morgan@example.org",
        **extra,
    }


def test_answer_view_saves_and_redirects(member_client, consultation):
    response = member_client.post(
        reverse("consultations:answer", args=["priorities"]), form_data(consultation)
    )
    assert response.status_code == 302
    assert response.url == reverse("consultations:detail", args=["priorities"])
    assert Answer.objects.get().items.count() == 3


def test_answer_view_form_shows_the_saved_answer(member_client, member_user, consultation):
    save_answer(consultation=consultation, user=member_user, responses=responses(consultation))
    form = member_client.get(reverse("consultations:answer", args=["priorities"])).context["form"]
    text_q, single_q, multiple_q, single_ids, multiple_ids = ids(consultation)
    assert form[f"question_{text_q.pk}"].value() == "Grid data."
    assert form[f"question_{single_q.pk}"].value() == single_ids[0]
    assert form[f"question_{multiple_q.pk}"].value() == [multiple_ids[0], multiple_ids[2]]


def test_answer_view_form_opened_before_the_deadline_and_sent_after_is_refused_keeping_input(
    member_client, consultation
):
    page = member_client.get(reverse("consultations:answer", args=["priorities"]))
    assert page.status_code == 200
    # The deadline passes while the member is typing.
    consultation.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    consultation.save()
    response = member_client.post(
        reverse("consultations:answer", args=["priorities"]), form_data(consultation)
    )
    assert response.status_code == 409
    assert response.context["form"].non_field_errors()[0].startswith("This consultation closed on ")
    assert "Grid data." in response.content.decode()
    assert Answer.objects.count() == 0


def test_answer_view_on_a_closed_consultation_shows_a_read_only_form(member_client):
    closed = ConsultationFactory(
        slug="closed",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    QuestionFactory(consultation=closed)
    response = member_client.get(reverse("consultations:answer", args=["closed"]))
    assert response.status_code == 200
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert "Save the answer" not in response.content.decode()


def test_answer_view_missing_required_answer_is_400_with_the_field_error(
    member_client, consultation
):
    text_q = consultation.questions.get(position=0)
    response = member_client.post(
        reverse("consultations:answer", args=["priorities"]),
        form_data(consultation, **{f"question_{text_q.pk}": ""}),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {f"question_{text_q.pk}": ["This field is required."]}


def test_answer_view_proposal_without_name_is_refused(member_client, consultation):
    response = member_client.post(
        reverse("consultations:answer", args=["priorities"]),
        form_data(consultation, initiative_summary="Something"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "initiative_name": ["Give the proposed initiative a name."]
    }
    assert Initiative.objects.count() == 0


def test_answer_view_before_opening_says_it_is_not_open_yet(member_client):
    ConsultationFactory(slug="later", opens_at=timezone.now() + datetime.timedelta(days=1))
    response = member_client.get(reverse("consultations:answer", args=["later"]))
    assert response.status_code == 200
    assert "This consultation is not open yet." in response.content.decode()
