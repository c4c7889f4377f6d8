"""Writes of event reports, each in one transaction."""

from __future__ import annotations

import contextlib
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sustainai.core.demo import demo_records_counted
from sustainai.reports import selectors
from sustainai.reports.models import Report, ReportState, SectionApproval, SectionComment
from sustainai.reports.rules import may_approve


def _check_dates(report: Report) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if not report.languages or not set(report.languages) <= known:
        raise ValidationError({"languages": _("Choose the report's languages.")})
    if report.previous is not None:
        report.period_start = report.previous.as_of + datetime.timedelta(days=1)
    if report.period_start > report.as_of:
        raise ValidationError({"as_of": _("The figures' date comes before the period's start.")})


def _unique_slug(event: str, event_date: datetime.date) -> str:
    base = slugify(f"{event} {event_date.year}")[:100] or "report"
    slug, number = base, 2
    while slug in ("new", "diff") or Report.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create_report(user, **fields) -> Report:
    """A draft report; its period starts the day after the previous report's date, if one is
    named."""
    report = Report(created_by=user, **fields)
    _check_dates(report)
    report.slug = _unique_slug(report.event, report.event_date)
    report.save()
    return report


@transaction.atomic
def update_report(report: Report, **fields) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state == ReportState.PUBLISHED:
        raise ValidationError(_("A published report no longer changes."))
    for name, value in fields.items():
        setattr(report, name, value)
    _check_dates(report)
    report.save()
    return report


@transaction.atomic
def freeze(report: Report, now: datetime.datetime | None = None) -> Report:
    """Compute every chosen section as of the report's date and store it with the data version;
    a report frozen again starts its review again (its approvals are withdrawn)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state == ReportState.PUBLISHED:
        raise ValidationError(_("A published report no longer changes."))
    now = now or timezone.now()
    # A demo report counts the demo records; a real one never does (``core.demo``).
    with demo_records_counted() if report.is_demo else contextlib.nullcontext():
        report.snapshot = selectors.compute_snapshot(report)
    report.frozen_at = now
    report.data_version = {
        "frozen_at": now.isoformat(),
        "as_of": report.as_of.isoformat(),
        "migrations": selectors.migrations_hash(),
        "snapshot": selectors.canonical_hash(report.snapshot),
    }
    report.state = ReportState.FROZEN
    report.save()
    report.approvals.all().delete()
    return report


def _frozen_section(report: Report, key: str) -> str | None:
    if report.state != ReportState.FROZEN:
        raise ValidationError(_("Only a frozen report is reviewed."))
    workstreams = selectors.section_workstreams(report)
    if key not in workstreams:
        raise ValidationError(_("This report has no such section."))
    return workstreams[key]


@transaction.atomic
def comment(report: Report, key: str, user, text: str) -> SectionComment:
    _frozen_section(report, key)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    return SectionComment.objects.create(report=report, key=key, author=user, text=text)


@transaction.atomic
def approve(report: Report, key: str, user) -> SectionApproval:
    """Approve a section: only its workstream's leads may (the coordinators for a platform
    section)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    workstream = _frozen_section(report, key)
    if not may_approve(user, workstream):
        raise PermissionDenied
    approval, _created = SectionApproval.objects.get_or_create(
        report=report, key=key, defaults={"approved_by": user}
    )
    return approval


def pending_sections(report: Report) -> list[str]:
    approved = set(report.approvals.values_list("key", flat=True))
    return [key for key in selectors.section_keys(report) if key not in approved]


@transaction.atomic
def publish(report: Report, now: datetime.datetime | None = None) -> Report:
    """Publish a frozen report whose every section is approved."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.FROZEN:
        raise ValidationError(_("Only a frozen report is published."))
    if pending_sections(report):
        raise ValidationError(_("Every section must be approved first."))
    report.state = ReportState.PUBLISHED
    report.published_at = now or timezone.now()
    report.save()
    return report
