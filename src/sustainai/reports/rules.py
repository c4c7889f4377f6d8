"""Coordinators build, freeze and publish reports; the leads of a section's workstream review it
(the coordinators review the platform's own sections); a published report is public."""

from __future__ import annotations

import rules

from sustainai.accounts.rules import is_coordinator, is_member_user
from sustainai.workstreams.models import ParticipantRole, Workstream


@rules.predicate
def is_published(user, report) -> bool:
    return report is not None and report.is_published


@rules.predicate
def leads_a_workstream(user) -> bool:
    if user.organisation_id is None:
        return False
    return Workstream.objects.filter(
        participants__organisation_id=user.organisation_id,
        participants__role=ParticipantRole.LEAD,
    ).exists()


def may_approve(user, workstream_slug: str | None) -> bool:
    """Whether ``user`` may approve (and is asked to review) a section of ``workstream_slug``:
    that workstream's leads; the coordinators for a platform section (no workstream) or one whose
    workstream does not exist."""
    if workstream_slug is None or not Workstream.objects.filter(slug=workstream_slug).exists():
        return bool(is_coordinator(user))
    if not is_member_user(user) or user.organisation_id is None:
        return False
    return Workstream.objects.filter(
        slug=workstream_slug,
        participants__organisation_id=user.organisation_id,
        participants__role=ParticipantRole.LEAD,
    ).exists()


rules.add_perm("reports.manage_reports", is_coordinator)
rules.add_perm("reports.view_report", is_published | is_coordinator)
rules.add_perm("reports.review_report", is_coordinator | (is_member_user & leads_a_workstream))
