"""The personal data of the transparency toolkit: who submitted a figure, who read one, who was
appointed reader or defined a table. The figures themselves are organisations' data, not
personal data; they go when their organisation goes (``apps.TransparencyConfig.ready``)."""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.transparency.models import (
    AggregateTable,
    Attestation,
    AuditorGrant,
    Intensity,
    Read,
    Reader,
    Submission,
)

PERSONAL_FIELDS = (
    "transparency.Submission.submitted_by",
    "transparency.Read.reader",
    "transparency.Reader.user",
    "transparency.Reader.granted_by",
    "transparency.AggregateTable.created_by",
    "transparency.AuditorGrant.auditor",
    "transparency.AuditorGrant.granted_by",
    "transparency.Attestation.auditor",
    "transparency.Intensity.submitted_by",
)


def export_personal_data(user) -> dict:
    return {
        "figures_submitted": [
            {"metric": s.metric, "year": s.year, "organisation": s.organisation.name}
            for s in Submission.objects.filter(submitted_by=user).select_related("organisation")
        ],
        "intensities_submitted": [
            {"task": i.task, "year": i.year, "organisation": i.organisation.name}
            for i in Intensity.objects.filter(submitted_by=user).select_related("organisation")
        ],
        "confidential_figures_read": [
            {
                "organisation": read.submission.organisation.name,
                "metric": read.submission.metric,
                "year": read.submission.year,
                "purpose": read.purpose,
                "at": read.at.isoformat(),
            }
            for read in Read.objects.filter(reader=user).select_related("submission__organisation")
        ],
        "appointed_reader": Reader.objects.filter(user=user).exists(),
        "audit_access": list(
            AuditorGrant.objects.filter(auditor=user).values_list("organisation__name", flat=True)
        ),
        "attestations": [
            {"organisation": a.organisation.name, "metric": a.metric, "year": a.year}
            for a in Attestation.objects.filter(auditor=user).select_related("organisation")
        ],
        "tables_defined": list(
            AggregateTable.objects.filter(created_by=user).values_list("title", flat=True)
        ),
    }


def erase_personal_data(user) -> int:
    """Unlink the person everywhere. A read stays in the organisation's log, by "an erased
    account": the organisation keeps knowing that its figure was read."""
    with transaction.atomic():
        erased = Submission.objects.filter(submitted_by=user).update(submitted_by=None)
        erased += Intensity.objects.filter(submitted_by=user).update(submitted_by=None)
        erased += Read.objects.filter(reader=user).update(reader=None)
        erased += Reader.objects.filter(granted_by=user).update(granted_by=None)
        erased += Reader.objects.filter(user=user).delete()[0]
        erased += AggregateTable.objects.filter(created_by=user).update(created_by=None)
        erased += AuditorGrant.objects.filter(granted_by=user).update(granted_by=None)
        erased += AuditorGrant.objects.filter(auditor=user).delete()[0]
        # The attestation stays published under its verifying body's name.
        erased += Attestation.objects.filter(auditor=user).update(auditor=None)
    return erased
