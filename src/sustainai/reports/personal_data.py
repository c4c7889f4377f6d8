"""The people behind reports: who created one, approved or commented on a section. Exported; on
erasure the links to them are removed and the reports, approvals and comments stay the
coalition's record."""

from __future__ import annotations

from django.db import transaction

from sustainai.reports.models import Report, SectionApproval, SectionComment

SOURCE_NAME = "reports"
PERSONAL_FIELDS = (
    "reports.Report.created_by",
    "reports.SectionApproval.approved_by",
    "reports.SectionComment.author",
)


def export_personal_data(user) -> dict:
    return {
        "reports_created": [
            report.slug for report in Report.objects.filter(created_by=user).order_by("pk")
        ],
        "sections_approved": [
            {"report": a.report.slug, "section": a.key, "approved_at": a.approved_at.isoformat()}
            for a in SectionApproval.objects.filter(approved_by=user)
            .select_related("report")
            .order_by("pk")
        ],
        "comments": [
            {
                "report": c.report.slug,
                "section": c.key,
                "text": c.text,
                "written_at": c.created_at.isoformat(),
            }
            for c in SectionComment.objects.filter(author=user)
            .select_related("report")
            .order_by("pk")
        ],
    }


def erase_personal_data(user) -> int:
    with transaction.atomic():
        return (
            Report.objects.filter(created_by=user).update(created_by=None)
            + SectionApproval.objects.filter(approved_by=user).update(approved_by=None)
            + SectionComment.objects.filter(author=user).update(author=None)
        )
