"""Writes to the Atlas. Every write is transactional and recorded in the initiative's history.

An initiative's editable content travels as a plain dict of "values" (see ``initiative_values``):
strings, numbers, lists of names, country codes and topic slugs. The submission form produces it,
proposed edits store it, and ``apply_values`` writes it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from sustainai.atlas.models import (
    Actor,
    EditProposal,
    Initiative,
    InitiativeCountry,
    InitiativeType,
    ModerationState,
    ProposalState,
    Topic,
)
from sustainai.atlas.normalise import normalise_actor_name
from sustainai.atlas.search import facets
from sustainai.core import languages
from sustainai.outbox.services import queue_templated_mail

# Editable fields, in the order forms and diffs show them.
SCALAR_FIELDS = [
    "name",
    "aliases",
    "summary",
    "description",
    "type",
    "scope",
    "regions",
    "start_year",
    "status",
    "website",
    "contact",
]
RELATION_FIELDS = ["topics", "lead_organisations", "partner_organisations", "countries"]
EDITABLE_FIELDS = [*SCALAR_FIELDS[:5], *RELATION_FIELDS, *SCALAR_FIELDS[5:]]

# States in which the submitter may still change their submission.
AWAITING_SUBMITTER = (ModerationState.SUBMITTED, ModerationState.CHANGES_REQUESTED)
MAIL_CATEGORY = "atlas.moderation"


class ModerationError(Exception):
    """An action that the entry's current state does not allow (e.g. publishing a rejected one)."""


class NothingChanged(Exception):
    """A proposed edit that changes nothing."""


def unique_slug(name: str, *, exclude_id: int | None = None) -> str:
    """A URL slug for ``name``, suffixed with -2, -3... when taken."""
    base = slugify(name, allow_unicode=False)[:300] or "initiative"
    slug, n = base, 1
    taken = Initiative.objects.all()
    if exclude_id is not None:
        taken = taken.exclude(pk=exclude_id)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Values ----------------------------------------------------------------------------------


def initiative_values(initiative: Initiative) -> dict:
    """The initiative's editable content as plain values (see the module's docstring)."""
    return {
        "name": initiative.name,
        "aliases": list(initiative.aliases or []),
        "summary": initiative.summary,
        "description": initiative.description,
        "type": initiative.type,
        "topics": sorted(t.slug for t in initiative.topics.all()),
        "lead_organisations": [a.name for a in initiative.lead_organisations.all()],
        "partner_organisations": [a.name for a in initiative.partner_organisations.all()],
        "countries": sorted(str(link.country) for link in initiative.country_links.all()),
        "scope": initiative.scope,
        "regions": list(initiative.regions or []),
        "start_year": initiative.start_year,
        "status": initiative.status,
        "website": initiative.website,
        "contact": initiative.contact,
    }


def _comparable(field: str, value):
    if field in ("lead_organisations", "partner_organisations"):
        return sorted(normalise_actor_name(name) for name in value or [])
    if field in ("topics", "countries", "regions"):
        return sorted(value or [])
    if value is None:
        return None if field == "start_year" else ""
    return value


def changed_values(initiative: Initiative, values: dict) -> tuple[dict, dict]:
    """The values that differ from the initiative's: (proposed, current), field by field."""
    current = initiative_values(initiative)
    proposed, original = {}, {}
    for field in EDITABLE_FIELDS:
        if field in values and _comparable(field, values[field]) != _comparable(
            field, current[field]
        ):
            proposed[field] = values[field]
            original[field] = current[field]
    return proposed, original


def actors_for(names: Iterable[str]) -> list[Actor]:
    """The Actor of each name (created when new), matched on the normalised name, in order."""
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())[:255]
        key = normalise_actor_name(name)
        if key and key not in wanted:
            wanted[key] = name
    existing = {a.normalized_name: a for a in Actor.objects.filter(normalized_name__in=wanted)}
    actors = []
    for key, name in wanted.items():
        actor = existing.get(key)
        if actor is None:
            actor = Actor.objects.create(name=name, normalized_name=key)
        actors.append(actor)
    return actors


def apply_values(initiative: Initiative, values: dict, *, by, reason: str, **state) -> Initiative:
    """Write ``values`` (and model fields in ``state``) to a saved initiative: ONE history record.

    Relations are set without history (each m2m change would record a row of its own); the final
    save records the whole new state, relations included, with ``reason``.
    """
    for field in SCALAR_FIELDS:
        if field in values:
            value = values[field]
            if field == "start_year":
                value = value or None
            elif field in ("aliases", "regions"):
                value = list(value or [])
            elif value is None:
                value = ""
            setattr(initiative, field, value)
    for field, value in state.items():
        setattr(initiative, field, value)
    if "name" in values and not initiative.slug:
        initiative.slug = unique_slug(initiative.name, exclude_id=initiative.pk)

    created = initiative.pk is None
    initiative.skip_history_when_saving = True
    try:
        if created:
            initiative.save()
        if "topics" in values:
            initiative.topics.set(Topic.objects.filter(slug__in=values["topics"] or []))
        if "lead_organisations" in values:
            initiative.lead_organisations.set(actors_for(values["lead_organisations"] or []))
        if "partner_organisations" in values:
            initiative.partner_organisations.set(actors_for(values["partner_organisations"] or []))
        if "countries" in values:
            codes = sorted({str(c) for c in values["countries"] or []})
            InitiativeCountry.objects.filter(initiative=initiative).exclude(
                country__in=codes
            ).delete()
            have = set(
                InitiativeCountry.objects.filter(initiative=initiative).values_list(
                    "country", flat=True
                )
            )
            InitiativeCountry.objects.bulk_create(
                InitiativeCountry(initiative=initiative, country=c) for c in codes if c not in have
            )
    finally:
        del initiative.skip_history_when_saving
    initiative._change_reason = reason[:100]
    initiative._history_user = by
    initiative.save()
    if created:
        # The first save skipped history (relations came after it): this record is the creation.
        initiative.history.filter(pk=initiative.history.latest().pk).update(history_type="+")
    return initiative


# --- Submission ------------------------------------------------------------------------------


@transaction.atomic
def submit_initiative(
    *,
    submitted_by,
    name: str,
    summary: str = "",
    description: str = "",
    website: str = "",
    type: str = InitiativeType.OTHER,
    **fields,
) -> Initiative:
    """A member's (or a consultation answer's) new initiative, queued for moderation.

    ``fields`` may hold any other value of ``initiative_values`` (relations included) and plain
    model fields such as ``imported_from``.
    """
    values = {k: fields.pop(k) for k in list(fields) if k in EDITABLE_FIELDS}
    values.update(
        name=name.strip(), summary=summary, description=description, website=website, type=type
    )
    initiative = Initiative(
        slug=unique_slug(name), state=ModerationState.SUBMITTED, submitted_by=submitted_by, **fields
    )
    return apply_values(initiative, values, by=submitted_by, reason="Submitted")


@transaction.atomic
def resubmit_initiative(initiative: Initiative, *, by, values: dict) -> Initiative:
    """The submitter's corrected entry, back in the moderation queue."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.state not in AWAITING_SUBMITTER:
        raise ModerationError(gettext("This entry can no longer be changed by its submitter."))
    return apply_values(
        initiative, values, by=by, reason="Resubmitted", state=ModerationState.SUBMITTED
    )


# --- Moderation of new entries ---------------------------------------------------------------


def account(user) -> str:
    """A user as history change reasons name them: by account number, never by address or name,
    which erasure would have to find in the reasons (the history user links the account)."""
    return f"user #{user.pk}" if user is not None else "a former user"


def _locked_awaiting(initiative: Initiative) -> Initiative:
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.state not in AWAITING_SUBMITTER:
        raise ModerationError(
            gettext("This entry is no longer awaiting moderation (it is %(state)s).")
            % {"state": locked.get_state_display()}
        )
    return locked


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ModerationError(message)
    return text


def _moderate(initiative: Initiative, *, by, state: str, note: str, reason: str, event: str):
    """Move an entry awaiting a decision to ``state``, record who and why, tell its submitter."""
    initiative = _locked_awaiting(initiative)
    initiative.state = state
    initiative.moderation_note = note
    initiative._change_reason = f"{reason} by {account(by)}"[:100]
    initiative._history_user = by
    if state == ModerationState.PUBLISHED:
        initiative.published_at = initiative.published_at or timezone.now()
    initiative.save()
    notify(initiative.submitted_by, event, initiative=initiative, note=note)
    return initiative


@transaction.atomic
def publish_initiative(initiative: Initiative, *, by, note: str = "") -> Initiative:
    return _moderate(
        initiative,
        by=by,
        state=ModerationState.PUBLISHED,
        note=(note or "").strip(),
        reason="Published",
        event="published",
    )


@transaction.atomic
def request_changes(initiative: Initiative, *, by, note: str) -> Initiative:
    note = _require(note, gettext("Say what to change."))
    return _moderate(
        initiative,
        by=by,
        state=ModerationState.CHANGES_REQUESTED,
        note=note,
        reason="Changes requested",
        event="changes_requested",
    )


@transaction.atomic
def reject_initiative(initiative: Initiative, *, by, reason: str) -> Initiative:
    reason = _require(reason, gettext("Give the reason for rejecting it."))
    return _moderate(
        initiative,
        by=by,
        state=ModerationState.REJECTED,
        note=reason,
        reason="Rejected",
        event="rejected",
    )


# --- Proposed edits --------------------------------------------------------------------------


@transaction.atomic
def propose_edit(initiative: Initiative, *, by, values: dict, comment: str = "") -> EditProposal:
    """A member's changes to a published initiative, kept until a coordinator decides."""
    if initiative.state != ModerationState.PUBLISHED:
        raise ModerationError(gettext("Only published initiatives take proposed edits."))
    proposed, original = changed_values(initiative, values)
    if not proposed:
        raise NothingChanged(gettext("You changed nothing."))
    return EditProposal.objects.create(
        initiative=initiative,
        proposed_by=by,
        changes=proposed,
        original=original,
        comment=(comment or "").strip(),
    )


def _locked_pending(proposal: EditProposal) -> EditProposal:
    locked = (
        EditProposal.objects.select_for_update().select_related("initiative").get(pk=proposal.pk)
    )
    if locked.state != ProposalState.PENDING:
        raise ModerationError(gettext("This proposed edit has already been decided."))
    return locked


@transaction.atomic
def accept_proposal(proposal: EditProposal, *, by, note: str = "") -> EditProposal:
    """Apply the proposed values (one history record naming the proposer) and close the proposal."""
    proposal = _locked_pending(proposal)
    proposer = proposal.proposed_by
    reason = f"Edit #{proposal.pk} proposed by {account(proposer)}, accepted by {account(by)}"
    apply_values(proposal.initiative, proposal.changes, by=by, reason=reason)
    proposal.state = ProposalState.ACCEPTED
    proposal.decision_note = (note or "").strip()
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()
    notify(proposer, "proposal_accepted", initiative=proposal.initiative, note=note)
    return proposal


@transaction.atomic
def reject_proposal(proposal: EditProposal, *, by, reason: str) -> EditProposal:
    reason = _require(reason, gettext("Give the reason for rejecting it."))
    proposal = _locked_pending(proposal)
    proposal.state = ProposalState.REJECTED
    proposal.decision_note = reason
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save()
    notify(proposal.proposed_by, "proposal_rejected", initiative=proposal.initiative, note=reason)
    return proposal


# --- Merges of duplicates -------------------------------------------------------------------

# Blank fields of the kept initiative that a merge fills from the duplicate.
MERGE_FILLED_FIELDS = ("summary", "description", "website", "contact", "start_year")


@transaction.atomic
def merge_initiative(keep: Initiative, duplicate: Initiative, *, name_key: Callable[[str], str]):
    """Merge ``duplicate`` into ``keep``; both keep their history. Returns what the merge added and
    replaced, as JSON values: ``unmerge_initiative`` undoes the merge with it.

    ``keep`` gains the duplicate's name and aliases as aliases (those whose ``name_key`` it does
    not already have), its organisations, topics, countries and regions, and any of its fields that
    ``keep`` left blank; ``duplicate`` becomes MERGED, pointing at ``keep`` (the Atlas redirects its
    URL there), and so do the initiatives merged into it before. Whether the two may be merged is
    the caller's to check.
    """
    keep = Initiative.objects.select_for_update().get(pk=keep.pk)
    duplicate = Initiative.objects.select_for_update().get(pk=duplicate.pk)

    known = {name_key(keep.name), *(name_key(a) for a in keep.aliases or [])}
    added_aliases = []
    for alias in [duplicate.name, *(duplicate.aliases or [])]:
        key = name_key(alias)
        if alias and key not in known:
            known.add(key)
            added_aliases.append(alias)
    filled = {}
    for field in MERGE_FILLED_FIELDS:
        if getattr(keep, field) in ("", None) and getattr(duplicate, field) not in ("", None):
            filled[field] = getattr(duplicate, field)

    def added(relation: str) -> list[int]:
        mine = set(getattr(keep, relation).values_list("pk", flat=True))
        return [
            pk for pk in getattr(duplicate, relation).values_list("pk", flat=True) if pk not in mine
        ]

    added_leads = added("lead_organisations")
    added_partners = [pk for pk in added("partner_organisations") if pk not in added_leads]
    added_topics = added("topics")
    mine = {str(c) for c in keep.country_links.values_list("country", flat=True)}
    added_countries = sorted(
        {str(c) for c in duplicate.country_links.values_list("country", flat=True)} - mine
    )
    changes: dict[str, Any] = {
        "aliases": added_aliases,
        "filled": filled,
        "lead_organisations": added_leads,
        "partner_organisations": added_partners,
        "topics": added_topics,
        "countries": added_countries,
        "duplicate_state": duplicate.state,
        "duplicate_merged_into": duplicate.merged_into_id,
        "regions": [r for r in duplicate.regions or [] if r not in (keep.regions or [])],
    }

    keep.aliases = [*(keep.aliases or []), *added_aliases]
    keep.regions = [*(keep.regions or []), *changes["regions"]]
    for field, value in filled.items():
        setattr(keep, field, value)
    keep._change_reason = f"Merged #{duplicate.pk} ({duplicate.name}) into this initiative"
    keep.save()
    keep.lead_organisations.add(*added_leads)
    keep.partner_organisations.add(*added_partners)
    keep.topics.add(*added_topics)
    InitiativeCountry.objects.bulk_create(
        InitiativeCountry(initiative=keep, country=code) for code in added_countries
    )
    facets.refresh(Initiative.objects.filter(pk=keep.pk))  # bulk_create sends no signal

    duplicate.state = ModerationState.MERGED
    duplicate.merged_into = keep
    duplicate._change_reason = f"Merged into #{keep.pk} ({keep.name})"
    duplicate.save()

    # Initiatives merged into the duplicate earlier now point at the kept one.
    repointed = list(Initiative.objects.filter(merged_into=duplicate).values_list("pk", flat=True))
    Initiative.objects.filter(pk__in=repointed).update(merged_into=keep)
    changes["repointed"] = repointed
    return changes


@transaction.atomic
def unmerge_initiative(keep_id: int, duplicate_id: int, changes: dict) -> None:
    """Undo the merge of ``duplicate_id`` into ``keep_id`` from the ``changes`` that
    ``merge_initiative`` returned; a field filled by the merge and edited since keeps its value."""
    keep = Initiative.objects.select_for_update().get(pk=keep_id)
    duplicate = Initiative.objects.select_for_update().get(pk=duplicate_id)
    added = set(changes.get("aliases", []))
    keep.aliases = [a for a in keep.aliases or [] if a not in added]
    regions = set(changes.get("regions", []))
    keep.regions = [r for r in keep.regions or [] if r not in regions]
    for field, value in changes.get("filled", {}).items():
        if getattr(keep, field) == value:  # unless edited since
            setattr(keep, field, "" if field != "start_year" else None)
    keep._change_reason = f"Undid the merge of #{duplicate.pk} ({duplicate.name})"
    keep.save()
    keep.lead_organisations.remove(*changes.get("lead_organisations", []))
    keep.partner_organisations.remove(*changes.get("partner_organisations", []))
    keep.topics.remove(*changes.get("topics", []))
    keep.country_links.filter(country__in=changes.get("countries", [])).delete()
    duplicate.state = changes.get("duplicate_state", ModerationState.PUBLISHED)
    duplicate.merged_into_id = changes.get("duplicate_merged_into")
    duplicate._change_reason = f"Undid its merge into #{keep.pk} ({keep.name})"
    duplicate.save()
    Initiative.objects.filter(pk__in=changes.get("repointed", []), merged_into=keep).update(
        merged_into=duplicate
    )


# --- Notices ---------------------------------------------------------------------------------


def notify(user, kind: str, *, initiative: Initiative, note: str = ""):
    """Tell the submitter or proposer of a decision (``atlas/emails/<kind>``), through the outbox."""
    if user is None or not user.email:
        return None
    links = {
        "published": reverse("atlas:detail", kwargs={"slug": initiative.slug}),
        "changes_requested": reverse("atlas:edit_submission", kwargs={"pk": initiative.pk}),
        "rejected": reverse("atlas:my_submissions"),
        "proposal_accepted": reverse("atlas:detail", kwargs={"slug": initiative.slug}),
        "proposal_rejected": reverse("atlas:my_submissions"),
    }
    # In the recipient's language, whoever decides (``core.languages``).
    return queue_templated_mail(
        f"atlas/emails/{kind}",
        {
            "user": user,
            "initiative": initiative,
            "note": (note or "").strip(),
            "link": settings.SITE_URL + links[kind],
        },
        language=languages.mail_language(user.language),
        to=[user.email],
        category=MAIL_CATEGORY,
        tags={"initiative": initiative.pk, "decision": kind},
    )
