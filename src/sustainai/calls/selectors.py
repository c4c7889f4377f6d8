"""Reads of the calls app; each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sustainai.calls.models import Call, Choice, Expression, ProposalStatus, ProposedWorkstream
from sustainai.core import languages
from sustainai.core.registry import Figure, MailTopic, ReportSection, ReportTable
from sustainai.members.models import OrganisationKind


def workstreams_with_interest() -> QuerySet[ProposedWorkstream]:
    """Proposals annotated with ``interested``: organisations that chose them (live count), with
    the workstream each confirmed one opened."""
    # One expression per organisation and call, one choice per workstream and expression: counting
    # choices counts organisations.
    return ProposedWorkstream.objects.select_related("space").annotate(interested=Count("choices"))


def calls_with_workstreams() -> QuerySet[Call]:
    return Call.objects.prefetch_related(
        Prefetch("workstreams", queryset=workstreams_with_interest().order_by("position", "slug"))
    )


def expression_of(call: Call, organisation_id: int | None) -> Expression | None:
    if organisation_id is None:
        return None
    return (
        Expression.objects.filter(call=call, organisation_id=organisation_id)
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.select_related("workstream")))
        .first()
    )


def expressions_of_call(call: Call) -> QuerySet[Expression]:
    return (
        Expression.objects.filter(call=call)
        .select_related("organisation")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.select_related("workstream")))
        .order_by("organisation__name")
    )


def export_rows(call: Call) -> list[dict]:
    """One row per chosen workstream, for the coordinators' CSV/XLSX export."""
    rows = []
    choices = (
        Choice.objects.filter(expression__call=call)
        .select_related("expression__organisation", "workstream")
        .order_by("expression__organisation__name", "workstream__position")
    )
    for choice in choices:
        expression = choice.expression
        organisation = expression.organisation
        rows.append(
            {
                "organisation": organisation.name,
                "kind": organisation.get_kind_display(),
                "country": organisation.country.code or "",
                "workstream": choice.workstream.slug,
                "role": choice.role,
                "motivation": choice.motivation,
                "contact_name": expression.contact_name,
                "contact_email": expression.contact_email,
                "submitted_at": expression.created_at.isoformat(),
                "updated_at": expression.updated_at.isoformat(),
            }
        )
    return rows


def dashboard(call: Call) -> dict:
    """Interest per workstream (by role), by organisation kind and country, and over time."""
    workstreams = list(call.workstreams.order_by("position", "slug"))
    choices = list(
        Choice.objects.filter(expression__call=call).values(
            "workstream_id",
            "role",
            "expression__organisation__kind",
            "expression__organisation__country",
        )
    )
    by_workstream: dict[int, Counter] = defaultdict(Counter)
    by_kind: dict[int, Counter] = defaultdict(Counter)
    for choice in choices:
        by_workstream[choice["workstream_id"]][choice["role"]] += 1
        by_kind[choice["workstream_id"]][choice["expression__organisation__kind"]] += 1
    expressions = list(
        Expression.objects.filter(call=call).values(
            "created_at", "organisation__kind", "organisation__country"
        )
    )
    kinds = Counter(row["organisation__kind"] for row in expressions)
    countries = Counter(row["organisation__country"] or "" for row in expressions)
    per_day = Counter(row["created_at"].date() for row in expressions)
    over_time = []
    total = 0
    for day in sorted(per_day):
        total += per_day[day]
        over_time.append((day, total))
    kind_labels = dict(OrganisationKind.choices)
    return {
        "workstreams": [
            {
                "workstream": workstream,
                "roles": by_workstream[workstream.pk],
                "total": sum(by_workstream[workstream.pk].values()),
                "kinds": {kind_labels.get(k, k): n for k, n in by_kind[workstream.pk].items()},
            }
            for workstream in workstreams
        ],
        "kinds": [(kind_labels.get(kind, kind), n) for kind, n in kinds.most_common()],
        "countries": countries.most_common(),
        "over_time": over_time,
        "respondents": len(expressions),
    }


def home_figures() -> list[Figure]:
    now = timezone.now()
    open_calls = Call.objects.filter(opens_at__lte=now, closes_at__gt=now).count()
    return [Figure(open_calls, ngettext("open call", "open calls", open_calls), order=400)]


# How far ahead the coordination page looks for calls about to close.
CLOSING_SOON = datetime.timedelta(days=14)


def calls_needing_attention_count(user) -> int:
    """Calls closing within ``CLOSING_SOON`` and closed calls not tallied yet, in one query."""
    now = timezone.now()
    closing_soon = Q(closes_at__gt=now, closes_at__lte=now + CLOSING_SOON)
    awaiting_tally = Q(closes_at__lte=now, tallied_at__isnull=True)
    return Call.objects.filter(closing_soon | awaiting_tally).count()


def report_section(start: datetime.date, end: datetime.date) -> ReportSection | None:
    """The calls in an event report: those that closed from ``start`` to ``end`` (both included),
    the organisations that responded to them, and the decisions on their proposals."""
    calls = list(
        Call.objects.filter(
            closes_at__date__range=(start, end), closes_at__lte=timezone.now()
        ).order_by("closes_at", "slug")
    )
    if not calls:
        return None
    respondents = (
        Expression.objects.filter(call__in=calls).values("organisation").distinct().count()
    )
    decisions = Counter(
        ProposedWorkstream.objects.filter(call__in=calls).values_list("status", flat=True)
    )
    return ReportSection(
        _("Calls for expressions of interest"),
        figures=[
            Figure(len(calls), _("calls closed"), order=100, key="closed"),
            Figure(respondents, _("responding organisations"), order=110, key="respondents"),
            Figure(
                decisions[ProposalStatus.CONFIRMED],
                _("workstreams confirmed"),
                order=120,
                key="confirmed",
            ),
            Figure(
                decisions[ProposalStatus.NOT_CONFIRMED],
                _("workstreams not confirmed"),
                order=130,
                key="not-confirmed",
            ),
        ],
        items=[call.display_title for call in calls],
        order=400,
        tables=[
            ReportTable(
                "calls",
                _("Calls closed in the period"),
                [_("call"), _("closed on")],
                [[call.title, timezone.localdate(call.closes_at).isoformat()] for call in calls],
            )
        ],
    )


def respondents_of(workstream) -> list[Choice]:
    """The choices of the proposals that opened or joined ``workstream``, with their contacts."""
    return list(
        Choice.objects.filter(workstream__space=workstream)
        .select_related("expression__organisation", "expression__call")
        .order_by("expression__organisation__name", "expression__call__closes_at")
    )


def choices_of_proposal(workstream: ProposedWorkstream) -> list[Choice]:
    """The organisations that chose a proposal, each with ``mail_language``: the name of the
    language the decision's mail to its contact will be written in."""
    names = dict(settings.LANGUAGES)
    choices = list(
        Choice.objects.filter(workstream=workstream)
        .select_related("expression__organisation")
        .order_by("expression__organisation__name")
    )
    for choice in choices:
        choice.mail_language = names[languages.mail_language(choice.expression.language)]  # type: ignore[attr-defined]
    return choices


def mail_topics(mails) -> dict[int, MailTopic]:
    """For the outbox: the decision mails, named by their workstream and call (one query)."""
    wanted = {(m.tags.get("call"), m.tags.get("workstream")) for m in mails}
    proposals = {
        (p.call.slug, p.slug): p
        for p in ProposedWorkstream.objects.select_related("call").filter(
            call__slug__in={call for call, _ws in wanted if call},
            slug__in={ws for _call, ws in wanted if ws},
        )
    }
    decisions = {
        ProposalStatus.CONFIRMED: _("Decision: workstream confirmed"),
        ProposalStatus.NOT_CONFIRMED: _("Decision: workstream not confirmed"),
    }
    topics = {}
    for mail in mails:
        kind = decisions.get(mail.tags.get("decision"), _("Decision on a workstream"))
        proposal = proposals.get((mail.tags.get("call"), mail.tags.get("workstream")))
        if proposal is None:
            topics[mail.pk] = MailTopic(kind=kind)
            continue
        topics[mail.pk] = MailTopic(
            kind=kind,
            about=_("“%(workstream)s”, call “%(call)s”")
            % {"workstream": proposal.display_title, "call": proposal.call.display_title},
            url=reverse("calls:workstream", args=[proposal.call.slug, proposal.slug]),
        )
    return topics
