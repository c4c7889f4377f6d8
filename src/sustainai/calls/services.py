"""Writes of the calls app: expressions of interest, the tally at closing, decisions.

Every write is one transaction. The deadline is checked on the server after the call's row is
locked, so a submission and the closing tally never interleave: a submission accepted before the
deadline is always counted, and none is accepted once it has passed (whenever its form was opened).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sustainai.accounts.rules import is_member_user
from sustainai.calls.models import Call, Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.core import languages
from sustainai.outbox.services import draft_mail, render_mail
from sustainai.workstreams import services as workstreams
from sustainai.workstreams.models import ParticipantRole

DECISION_CATEGORY = "calls.decision"
MOTIVATION_MAX = 2000


class CallsError(Exception):
    """A refusal with a message meant for the person who asked."""


class CallClosed(CallsError):
    pass


class CallNotOpenYet(CallsError):
    pass


class NotAMember(CallsError):
    pass


class InvalidExpression(CallsError):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


class DecisionError(CallsError):
    pass


@dataclasses.dataclass(frozen=True)
class ChoiceInput:
    slug: str
    role: str
    motivation: str = ""


@dataclasses.dataclass(frozen=True)
class ExpressionInput:
    workstreams: list[ChoiceInput]
    contact_name: str
    contact_email: str
    consent: bool


def _format_deadline(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({local.tzname()})"


def validate_expression(call: Call, data: ExpressionInput) -> dict[str, str]:
    """Field errors of ``data`` for ``call`` (empty when it is valid); field names as in the API."""
    errors: dict[str, str] = {}
    known = set(call.workstreams.values_list("slug", flat=True))
    roles = set(ParticipantRole.values)
    if not data.workstreams:
        errors["workstreams"] = _("Choose at least one workstream.")
    seen: set[str] = set()
    for index, choice in enumerate(data.workstreams):
        where = f"workstreams[{index}]"
        if choice.slug not in known:
            errors[f"{where}.slug"] = _(
                "Unknown workstream “%(slug)s” in this call; expected one of: %(known)s."
            ) % {"slug": choice.slug, "known": ", ".join(sorted(known))}
        elif choice.slug in seen:
            errors[f"{where}.slug"] = _("Workstream “%(slug)s” is chosen twice.") % {
                "slug": choice.slug
            }
        seen.add(choice.slug)
        if choice.role not in roles:
            errors[f"{where}.role"] = _("Unknown role “%(role)s”; expected one of: %(roles)s.") % {
                "role": choice.role,
                "roles": ", ".join(ParticipantRole.values),
            }
        if len(choice.motivation) > MOTIVATION_MAX:
            errors[f"{where}.motivation"] = _(
                "The motivation has %(length)d characters; at most %(max)d are allowed."
            ) % {"length": len(choice.motivation), "max": MOTIVATION_MAX}
    if not data.contact_name.strip():
        errors["contact_name"] = _("Give the name of the person to contact.")
    elif len(data.contact_name) > 200:
        errors["contact_name"] = _("The contact name is longer than 200 characters.")
    try:
        validate_email(data.contact_email.strip())
    except ValidationError:
        errors["contact_email"] = _("“%(email)s” is not a valid e-mail address.") % {
            "email": data.contact_email
        }
    if data.consent is not True:
        errors["consent"] = _(
            "Consent is required: the coalition needs it to contact this person about the call."
        )
    return errors


def submit_expression(
    call: Call, user, data: ExpressionInput, *, now: datetime.datetime | None = None
) -> tuple[Expression, bool]:
    """Create or update the user's organisation's expression of interest in ``call``.

    Returns ``(expression, created)``. Raises ``NotAMember``, ``InvalidExpression``,
    ``CallNotOpenYet`` or ``CallClosed``; nothing is written then. ``now`` is for tests; by
    default the clock is read after the call's row is locked.
    """
    if not is_member_user(user):
        raise NotAMember(_("Only users of approved member organisations may express interest."))
    errors = validate_expression(call, data)
    if errors:
        raise InvalidExpression(errors)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        moment = now or timezone.now()
        if moment < locked.opens_at:
            raise CallNotOpenYet(
                _("This call opens on %(date)s.") % {"date": _format_deadline(locked.opens_at)}
            )
        if moment >= locked.closes_at:
            raise CallClosed(
                _(
                    "This call closed on %(date)s; expressions of interest are no longer "
                    "accepted and nothing was changed."
                )
                % {"date": _format_deadline(locked.closes_at)}
            )
        expression = Expression.objects.filter(
            call=locked, organisation_id=user.organisation_id
        ).first()
        created = expression is None
        if expression is None:
            expression = Expression(call=locked, organisation_id=user.organisation_id)
            expression.created_at = moment
        expression.submitted_by = user
        expression.contact_name = data.contact_name.strip()
        expression.contact_email = data.contact_email.strip().lower()
        expression.language = languages.current() or expression.language
        expression.consent_at = moment
        expression.updated_at = moment
        expression.save()
        if not created:
            expression.choices.all().delete()
        workstreams = dict(locked.workstreams.values_list("slug", "pk"))
        Choice.objects.bulk_create(
            Choice(
                expression=expression,
                workstream_id=workstreams[choice.slug],
                role=choice.role,
                motivation=choice.motivation.strip(),
            )
            for choice in data.workstreams
        )
    return expression, created


def tally_call(call_id: int, *, now: datetime.datetime | None = None, force: bool = False) -> bool:
    """Count interested organisations per workstream and propose confirmations.

    Does nothing (returns False) before the deadline, or when the call was already tallied unless
    ``force``; so the scheduled task and the sweep may both run it.
    """
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call_id)
        moment = now or timezone.now()
        if moment < call.closes_at or (call.tallied_at is not None and not force):
            return False
        counts = dict(
            Choice.objects.filter(workstream__call=call)
            .values("workstream")
            .annotate(n=Count("expression__organisation", distinct=True))
            .values_list("workstream", "n")
        )
        workstreams = list(call.workstreams.all())
        for workstream in workstreams:
            workstream.tallied_interest = counts.get(workstream.pk, 0)
            workstream.proposed_confirmation = (
                workstream.tallied_interest >= workstream.confirmation_threshold
            )
        ProposedWorkstream.objects.bulk_update(
            workstreams, ["tallied_interest", "proposed_confirmation"]
        )
        call.tallied_at = moment
        call.save(update_fields=["tallied_at"])
    return True


def schedule_closing(call: Call) -> bool:
    """Enqueue the tally for the call's deadline (once the transaction commits).

    A backend that cannot defer (the immediate one of the tests) would run it at once, before the
    deadline, where it does nothing; then the periodic sweep (``sustainai calls-sweep``) tallies.
    """
    from sustainai.calls.tasks import tally_call_task

    if not tally_call_task.get_backend().supports_defer:
        return False
    call_id, closes_at = call.pk, call.closes_at
    transaction.on_commit(lambda: tally_call_task.using(run_after=closes_at).enqueue(call_id))
    return True


def sweep(*, now: datetime.datetime | None = None) -> list[Call]:
    """Tally every call past its deadline not tallied yet (a lost or late task, say)."""
    moment = now or timezone.now()
    tallied = []
    for call in Call.objects.filter(closes_at__lte=moment, tallied_at__isnull=True):
        if tally_call(call.pk, now=moment):
            tallied.append(call)
    return tallied


def _decision_mail(
    workstream: ProposedWorkstream, expression: Expression, confirmed: bool
) -> tuple:
    """The subject and body telling ``expression``'s contact the decision, in its language."""
    template = "workstream_confirmed" if confirmed else "workstream_not_confirmed"
    return render_mail(
        f"calls/emails/{template}",
        {"workstream": workstream, "expression": expression},
        language=languages.mail_language(expression.language),
    )


def decide(
    workstream: ProposedWorkstream, *, confirm: bool, user, now: datetime.datetime | None = None
) -> list:
    """Confirm or not a tallied proposal; drafts one mail per respondent for review.

    On confirmation the proposal opens its workstream (``workstreams.services.open_workstream``):
    every organisation that chose it takes part in the role it offered (lead, contributor,
    observer), and the proposal links to the workstream's space.
    """
    with transaction.atomic():
        locked = (
            ProposedWorkstream.objects.select_for_update()
            .select_related("call")
            .get(pk=workstream.pk)
        )
        if locked.call.tallied_at is None:
            raise DecisionError(
                _("Interest in “%(call)s” has not been counted yet; it is counted at closing.")
                % {"call": locked.call.display_title}
            )
        if locked.status != ProposalStatus.PROPOSED:
            raise DecisionError(
                _("“%(workstream)s” was already decided (%(status)s).")
                % {"workstream": locked.title, "status": locked.get_status_display()}
            )
        locked.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.NOT_CONFIRMED
        locked.decided_at = now or timezone.now()
        locked.decided_by = user
        choices = list(
            Choice.objects.filter(workstream=locked)
            .select_related("expression__organisation")
            .order_by("expression__organisation__name")
        )
        if confirm:
            locked.space = workstreams.open_workstream(
                slug=locked.slug,
                title=locked.title,
                title_fr=locked.title_fr,
                context=locked.context,
                implementation=locked.implementation,
                participants=[
                    workstreams.ParticipantInput(
                        organisation_id=choice.expression.organisation_id,
                        role=choice.role,
                        motivation=choice.motivation,
                    )
                    for choice in choices
                ],
                is_demo=locked.call.is_demo,
            )
        locked.save(update_fields=["status", "decided_at", "decided_by", "space"])
        decision = locked.status
        mails = []
        for choice in choices:
            # In the language the expression was written in, whoever decides.
            subject, body = _decision_mail(locked, choice.expression, confirm)
            mails.append(
                draft_mail(
                    language=languages.mail_language(choice.expression.language),
                    to=[choice.expression.contact_email],
                    subject=subject,
                    body=body,
                    category=DECISION_CATEGORY,
                    tags={
                        "call": locked.call.slug,
                        "workstream": locked.slug,
                        "decision": decision,
                    },
                    created_by=user,
                )
            )
    workstream.refresh_from_db()
    return mails
