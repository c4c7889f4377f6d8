import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sustainai.calls import services
from sustainai.calls.models import Call, Choice, Expression, ProposalStatus
from sustainai.calls.services import ChoiceInput, ExpressionInput
from sustainai.members.models import MembershipStatus
from sustainai.outbox.models import MailState, OutboxMail
from sustainai.outbox.services import send_drafts
from sustainai.workstreams.models import Workstream
from tests.factories.accounts import MemberUserFactory, UserFactory
from tests.factories.calls import CallFactory, ExpressionFactory, ProposedWorkstreamFactory

pytestmark = pytest.mark.django_db

ONE_MICROSECOND = datetime.timedelta(microseconds=1)


@pytest.fixture
def call():
    call = CallFactory(slug="c")
    ProposedWorkstreamFactory(call=call, slug="alpha", title="Alpha", position=1)
    ProposedWorkstreamFactory(call=call, slug="beta", title="Beta", position=2)
    return call


def answer(*slugs, role="contributor", consent=True, email="contact@example.org"):
    return ExpressionInput(
        workstreams=[
            ChoiceInput(slug=slug, role=role, motivation="We can help.") for slug in slugs
        ],
        contact_name="Alex Contact",
        contact_email=email,
        consent=consent,
    )


def test_submit_expression_just_before_the_deadline_is_accepted(call):
    user = MemberUserFactory()
    expression, created = services.submit_expression(
        call, user, answer("alpha"), now=call.closes_at - ONE_MICROSECOND
    )
    assert created is True
    assert expression.consent_at == call.closes_at - ONE_MICROSECOND
    assert [(c.workstream.slug, c.role) for c in expression.choices.all()] == [
        ("alpha", "contributor")
    ]


def test_submit_expression_at_the_deadline_is_refused_and_changes_nothing(call):
    user = MemberUserFactory()
    services.submit_expression(call, user, answer("alpha"), now=call.closes_at - ONE_MICROSECOND)
    with pytest.raises(services.CallClosed, match="no longer accepted and nothing was changed"):
        services.submit_expression(call, user, answer("beta"), now=call.closes_at)
    expression = Expression.objects.get()
    assert [c.workstream.slug for c in expression.choices.all()] == ["alpha"]


def test_submit_expression_before_the_opening_is_refused(call):
    with pytest.raises(services.CallNotOpenYet):
        services.submit_expression(
            call, MemberUserFactory(), answer("alpha"), now=call.opens_at - ONE_MICROSECOND
        )
    assert Expression.objects.count() == 0


def test_submit_expression_twice_updates_the_organisations_only_expression(call):
    first = MemberUserFactory()
    colleague = MemberUserFactory(organisation=first.organisation)
    services.submit_expression(call, first, answer("alpha", "beta"))
    expression, created = services.submit_expression(
        call, colleague, answer("beta", role="lead", email="Lead@Example.org")
    )
    assert created is False
    assert Expression.objects.count() == 1
    assert expression.submitted_by == colleague
    assert expression.contact_email == "lead@example.org"
    assert list(Choice.objects.values_list("workstream__slug", "role")) == [("beta", "lead")]


def test_database_refuses_a_second_expression_of_an_organisation(call):
    expression = ExpressionFactory(call=call)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpressionFactory(call=call, organisation=expression.organisation)


def test_submit_expression_reports_every_bad_field(call):
    data = ExpressionInput(
        workstreams=[
            ChoiceInput(slug="gamma", role="contributor"),
            ChoiceInput(slug="alpha", role="boss"),
            ChoiceInput(slug="alpha", role="lead", motivation="x" * 2001),
        ],
        contact_name=" ",
        contact_email="not-an-address",
        consent=False,
    )
    with pytest.raises(services.InvalidExpression) as raised:
        services.submit_expression(call, MemberUserFactory(), data)
    assert raised.value.errors == {
        "workstreams[0].slug": "Unknown workstream “gamma” in this call; expected one of: alpha, beta.",
        "workstreams[1].role": "Unknown role “boss”; expected one of: lead, contributor, observer.",
        "workstreams[2].slug": "Workstream “alpha” is chosen twice.",
        "workstreams[2].motivation": "The motivation has 2001 characters; at most 2000 are allowed.",
        "contact_name": "Give the name of the person to contact.",
        "contact_email": "“not-an-address” is not a valid e-mail address.",
        "consent": "Consent is required: the coalition needs it to contact this person about the call.",
    }
    assert Expression.objects.count() == 0


def test_submit_expression_with_no_workstream_is_invalid(call):
    with pytest.raises(services.InvalidExpression) as raised:
        services.submit_expression(call, MemberUserFactory(), answer())
    assert raised.value.errors == {"workstreams": "Choose at least one workstream."}


@pytest.mark.parametrize("status", [MembershipStatus.APPLIED, MembershipStatus.REJECTED])
def test_submit_expression_by_a_non_approved_organisation_is_refused(call, status):
    user = MemberUserFactory(organisation__status=status)
    with pytest.raises(services.NotAMember):
        services.submit_expression(call, user, answer("alpha"))


def test_submit_expression_by_a_user_without_organisation_is_refused(call):
    with pytest.raises(services.NotAMember):
        services.submit_expression(call, UserFactory(), answer("alpha"))


def closed_call_with_interest(counts: dict[str, int], threshold: int = 2) -> Call:
    call = CallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    workstreams = {
        slug: ProposedWorkstreamFactory(call=call, slug=slug, confirmation_threshold=threshold)
        for slug in counts
    }
    most = max(counts.values())
    for index in range(most):
        chosen = [workstreams[slug] for slug, n in counts.items() if index < n]
        ExpressionFactory(call=call, workstreams=chosen)
    return call


def test_tally_proposes_confirmation_against_each_threshold():
    call = closed_call_with_interest({"none": 0, "below": 1, "at": 2, "above": 3}, threshold=2)
    assert services.tally_call(call.pk) is True
    rows = list(
        call.workstreams.order_by("slug").values_list(
            "slug", "tallied_interest", "proposed_confirmation", "status"
        )
    )
    assert rows == [
        ("above", 3, True, "proposed"),
        ("at", 2, True, "proposed"),
        ("below", 1, False, "proposed"),
        ("none", 0, False, "proposed"),
    ]
    call.refresh_from_db()
    assert call.tallied_at is not None


def test_tally_does_nothing_before_the_deadline(call):
    ExpressionFactory(call=call, workstreams=list(call.workstreams.all()))
    assert services.tally_call(call.pk) is False
    assert services.tally_call(call.pk, now=call.closes_at - ONE_MICROSECOND) is False
    assert list(call.workstreams.values_list("tallied_interest", flat=True)) == [None, None]
    assert services.tally_call(call.pk, now=call.closes_at) is True


def test_tally_twice_keeps_the_first_count_unless_forced():
    call = closed_call_with_interest({"a": 1})
    assert services.tally_call(call.pk) is True
    first = Call.objects.get(pk=call.pk).tallied_at
    ExpressionFactory(call=call, workstreams=[call.workstreams.get()])
    assert services.tally_call(call.pk) is False
    assert Call.objects.get(pk=call.pk).tallied_at == first
    assert call.workstreams.get().tallied_interest == 1
    assert services.tally_call(call.pk, force=True) is True
    assert call.workstreams.get().tallied_interest == 2


def test_sweep_tallies_closed_untallied_calls_only_once(call):
    closed = closed_call_with_interest({"a": 2})
    assert [c.pk for c in services.sweep()] == [closed.pk]
    assert services.sweep() == []
    assert Call.objects.get(pk=call.pk).tallied_at is None


def test_schedule_closing_without_defer_leaves_it_to_the_sweep(call):
    assert services.schedule_closing(call) is False


def test_schedule_closing_enqueues_the_tally_at_the_deadline(
    call, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.schedule_closing(call) is True
    task = DBTaskResult.objects.get()
    assert task.task_path == "sustainai.calls.tasks.tally_call_task"
    assert task.run_after == call.closes_at
    assert task.args_kwargs == {"args": [call.pk], "kwargs": {}}


def test_decide_confirms_and_drafts_one_mail_per_respondent(coordinator):
    call = closed_call_with_interest({"a": 3, "b": 1})
    services.tally_call(call.pk)
    workstream = call.workstreams.get(slug="a")
    lead = Expression.objects.order_by("pk").first()
    lead.choices.update(role="lead")
    mails = services.decide(workstream, confirm=True, user=coordinator)
    assert workstream.status == ProposalStatus.CONFIRMED
    assert workstream.decided_by == coordinator
    space = workstream.space
    assert (space.slug, space.title, space.status) == ("a", workstream.title, "confirmed")
    assert sorted(space.participants.values_list("organisation__name", "role")) == sorted(
        (
            choice.expression.organisation.name,
            "lead" if choice.expression == lead else "contributor",
        )
        for choice in Choice.objects.filter(workstream=workstream).select_related(
            "expression__organisation"
        )
    )
    assert len(mails) == 3
    assert {m.state for m in mails} == {MailState.DRAFT}
    assert sorted(address for m in mails for address in m.to) == sorted(
        Expression.objects.filter(choices__workstream=workstream).values_list(
            "contact_email", flat=True
        )
    )
    assert mails[0].category == "calls.decision"
    assert mails[0].tags == {"call": call.slug, "workstream": "a", "decision": "confirmed"}
    assert mails[0].subject == f"Workstream confirmed: {workstream.title}"
    assert mail.outbox == []


def test_decide_not_to_confirm_drafts_the_other_mail(coordinator):
    call = closed_call_with_interest({"b": 1})
    services.tally_call(call.pk)
    workstream = call.workstreams.get()
    [draft] = services.decide(workstream, confirm=False, user=coordinator)
    assert workstream.status == ProposalStatus.NOT_CONFIRMED
    assert draft.tags["decision"] == "not_confirmed"
    assert "will not go ahead for now" in draft.body
    assert workstream.space is None
    assert Workstream.objects.count() == 0


def test_decide_before_the_tally_is_refused(call, coordinator):
    with pytest.raises(services.DecisionError, match="has not been counted yet"):
        services.decide(call.workstreams.first(), confirm=True, user=coordinator)
    assert OutboxMail.objects.count() == 0


def test_decide_twice_is_refused(coordinator):
    call = closed_call_with_interest({"a": 2})
    services.tally_call(call.pk)
    workstream = call.workstreams.get()
    services.decide(workstream, confirm=True, user=coordinator)
    with pytest.raises(services.DecisionError, match="already decided"):
        services.decide(workstream, confirm=False, user=coordinator)
    assert OutboxMail.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_decision_drafts_sent_in_bulk_filtered_by_workstream(coordinator):
    call = closed_call_with_interest({"a": 2, "b": 1})
    services.tally_call(call.pk)
    services.decide(call.workstreams.get(slug="a"), confirm=True, user=coordinator)
    services.decide(call.workstreams.get(slug="b"), confirm=False, user=coordinator)
    confirmed = OutboxMail.objects.filter(tags__workstream="a")
    assert send_drafts(confirmed) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Expression.objects.filter(choices__workstream__slug="a").values_list(
            "contact_email", flat=True
        )
    )
    assert OutboxMail.objects.get(tags__workstream="b").state == MailState.DRAFT


def test_a_proposal_confirmed_again_in_a_later_call_joins_the_same_workstream(coordinator):
    first = closed_call_with_interest({"a": 2})
    services.tally_call(first.pk)
    services.decide(first.workstreams.get(), confirm=True, user=coordinator)
    later = closed_call_with_interest({"a": 1})
    services.tally_call(later.pk)
    services.decide(later.workstreams.get(), confirm=True, user=coordinator)
    [workstream] = Workstream.objects.all()
    assert workstream.proposals.count() == 2
    assert workstream.participants.count() == 3


def test_a_confirmed_workstream_keeps_its_french_title_and_shows_it_in_french(coordinator):
    call = closed_call_with_interest({"a": 3})
    services.tally_call(call.pk)
    workstream = call.workstreams.get(slug="a")
    workstream.title, workstream.title_fr = "Data challenges", "Défis de données"
    workstream.save()
    services.decide(workstream, confirm=True, user=coordinator)
    space = workstream.space
    assert (space.title, space.title_fr) == ("Data challenges", "Défis de données")
    with translation.override("fr"):
        assert (str(space), str(workstream)) == ("Défis de données", "Défis de données")
    with translation.override("en"):
        assert (str(space), str(workstream)) == ("Data challenges", "Data challenges")
    # No French title: the English one, in French too.
    with translation.override("fr"):
        assert str(call) == call.title
