"""Writes of the standards roadmap, each transactional: import, edits of a standard's status,
relations, principles and editions. Every change of a standard is logged (``Change``) and every
change of status dated (``StatusEvent``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.toolkits.standards import importing
from sustainai.toolkits.standards.models import (
    Change,
    Edition,
    Principles,
    Proposal,
    ProposalState,
    Relation,
    RelationType,
    Standard,
    StatusEvent,
)
from sustainai.workstreams.models import Workstream

WORKSTREAM_SLUG = "standardization-roadmap"
TRACKED = ("body", "title", "status", "date", "phases", "dimensions", "url")


class RoadmapError(Exception):
    pass


def roadmap_workstream() -> Workstream:
    try:
        return Workstream.objects.get(slug=WORKSTREAM_SLUG)
    except Workstream.DoesNotExist:
        raise RoadmapError(
            _("The workstream %(slug)s does not exist yet.") % {"slug": WORKSTREAM_SLUG}
        ) from None


def _value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    status_changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def save_standard(
    values: dict, *, origin: str, workstream: Workstream, is_demo: bool = False
) -> tuple[Standard, bool, dict]:
    """Create or update the standard ``values["identifier"]``; returns it, whether it was
    created, and the changed fields (``{field: [before, after]}``), logged."""
    standard = Standard.objects.filter(identifier=values["identifier"]).first()
    created = standard is None
    if standard is None:
        standard = Standard(identifier=values["identifier"], workstream=workstream, is_demo=is_demo)
    changed = {}
    for name in (*TRACKED, "source_title", "source_url"):
        if name not in values:
            continue
        new = _value(values[name])
        old = None if created else _value(getattr(standard, name))
        if created or old != new:
            if name in TRACKED:
                changed[name] = [old, new]
            setattr(standard, name, values[name] if not isinstance(new, list) else new)
    if not changed and not created:
        return standard, False, {}
    standard.full_clean(exclude=["workstream"], validate_unique=False)
    standard.save()
    if created or "status" in changed:
        StatusEvent.objects.create(standard=standard, status=standard.status, date=standard.date)
    Change.objects.create(standard=standard, origin=origin, fields=changed)
    return standard, created, changed


@transaction.atomic
def import_file(path: Path, *, origin: str = "import", is_demo: bool = False) -> ImportResult:
    """Import a CSV or XLSX file of standards, all or nothing (``importing.FileError``);
    idempotent by identifier: an existing identifier is updated, its status change recorded."""
    parsed = importing.parse(path)
    workstream = roadmap_workstream()
    result = ImportResult(warnings=list(parsed.warnings))
    for row in parsed.rows:
        values = {
            "identifier": row.identifier,
            "body": row.body,
            "title": row.title,
            "status": row.status,
            "date": row.date,
            "phases": list(row.phases),
            "dimensions": list(row.dimensions),
            "url": row.url,
        }
        if row.source_title or row.source_url:
            values |= {"source_title": row.source_title, "source_url": row.source_url}
        standard, created, changed = save_standard(
            values, origin=origin, workstream=workstream, is_demo=is_demo
        )
        if created:
            result.created += 1
        elif changed:
            result.updated += 1
            if "status" in changed:
                before, after = changed["status"]
                result.status_changes.append(f"{standard.identifier}: {before} → {after}")
        else:
            result.unchanged += 1
    return result


@transaction.atomic
def change_status(standard: Standard, status: str, date: datetime.date | None) -> Standard:
    saved, _created, _changed = save_standard(
        {"identifier": standard.identifier, "status": status, "date": date},
        origin="edit",
        workstream=standard.workstream,
    )
    return saved


@transaction.atomic
def relate(source: Standard, type: str, target: Standard, *, is_demo: bool = False) -> Relation:
    if source.pk == target.pk:
        raise RoadmapError(_("A standard cannot be related to itself."))
    if type not in RelationType.values:
        raise RoadmapError(_("Unknown relation %(type)s.") % {"type": type})
    relation, _created = Relation.objects.get_or_create(
        source=source, target=target, type=type, defaults={"is_demo": is_demo}
    )
    return relation


def snapshot() -> list[dict]:
    """The registry as an edition stores it, sorted by identifier."""
    return [
        {
            "identifier": s.identifier,
            "title": s.title,
            "body": s.body,
            "status": s.status,
            "date": s.date.isoformat() if s.date else None,
            "phases": list(s.phases),
            "dimensions": list(s.dimensions),
            "url": s.url,
        }
        for s in Standard.objects.order_by("identifier")
    ]


@transaction.atomic
def freeze_edition(name: str, *, is_demo: bool = False) -> Edition:
    """Freeze the registry and the current principles as the edition ``name``."""
    name = name.strip()
    if not name:
        raise RoadmapError(_("An edition needs a name."))
    if Edition.objects.filter(name=name).exists():
        raise RoadmapError(_("An edition named %(name)s already exists.") % {"name": name})
    principles = Principles.objects.first()
    return Edition.objects.create(
        workstream=roadmap_workstream(),
        name=name,
        standards=snapshot(),
        principles=principles.text if principles else "",
        is_demo=is_demo,
    )


@transaction.atomic
def publish_edition(edition: Edition) -> Edition:
    edition.published = True
    edition.save(update_fields=["published"])
    return edition


@transaction.atomic
def save_principles(text: str, *, is_demo: bool = False) -> Principles:
    """A new version of the principles (the earlier ones are kept)."""
    text = text.strip()
    current = Principles.objects.first()
    if current is not None and current.text == text:
        return current
    return Principles.objects.create(workstream=roadmap_workstream(), text=text, is_demo=is_demo)


@transaction.atomic
def propose(user, values: dict, *, standard: Standard | None = None, comment: str = "") -> Proposal:
    """A member's proposal (checked by ``forms.ProposalForm``), pending until a lead decides."""
    data = {
        "identifier": standard.identifier if standard else values["identifier"],
        "body": values["body"],
        "title": values["title"],
        "status": values["status"],
        "date": values["date"].isoformat() if values.get("date") else None,
        "phases": list(values.get("phases") or []),
        "dimensions": list(values.get("dimensions") or []),
        "url": values.get("url") or "",
    }
    return Proposal.objects.create(
        workstream=roadmap_workstream(),
        standard=standard,
        values=data,
        comment=comment,
        proposed_by=user,
    )


@transaction.atomic
def decide(proposal: Proposal, by, *, accept: bool, reason: str = "") -> Proposal:
    """Accept (the values are applied to the registry, logged as a proposal) or reject."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != ProposalState.PENDING:
        raise RoadmapError(_("This proposal has been decided already."))
    if accept:
        values = dict(proposal.values)
        values["date"] = datetime.date.fromisoformat(values["date"]) if values["date"] else None
        standard, _created, _changed = save_standard(
            values, origin="proposal", workstream=proposal.workstream
        )
        proposal.standard = standard
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.REJECTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.reason = reason
    proposal.save()
    return proposal
