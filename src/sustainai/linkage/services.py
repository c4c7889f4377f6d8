"""Writes: the batch run into the review queue, and the coordinators' decisions (reversible)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.atlas import facets
from sustainai.atlas.models import Initiative, InitiativeCountry, ModerationState
from sustainai.linkage import engine
from sustainai.linkage.models import (
    CandidatePair,
    Decision,
    InitiativeRelation,
    PairDecision,
    RelationKind,
)
from sustainai.linkage.normalise import name_key
from sustainai.linkage.selectors import decided_pairs, initiative_records

# Blank fields of the kept record that a merge fills from the duplicate.
FILLED_FIELDS = ("summary", "description", "website", "contact", "start_year")


def find_candidates(
    *,
    min_score: float = engine.QUEUE_THRESHOLD,
    engine_name: str = "duckdb",
    on_step: Callable[[str], None] | None = None,
) -> list[engine.Candidate]:
    """Candidate pairs among linked initiatives, best first; decided pairs never come back."""
    return engine.find_duplicates(
        initiative_records(),
        threshold=min_score,
        engine=engine_name,
        exclude=decided_pairs(),
        on_step=on_step,
    )


def refresh_candidates(
    *, engine_name: str = "duckdb", on_step: Callable[[str], None] | None = None
) -> int:
    """Recompute the review queue (the batch run); returns the number of pairs in it."""
    candidates = find_candidates(engine_name=engine_name, on_step=on_step)
    store_candidates(candidates)
    return len(candidates)


@transaction.atomic
def store_candidates(candidates: list[engine.Candidate]) -> None:
    """Replace the review queue with ``candidates`` (pairs decided meanwhile stay out)."""
    decided = decided_pairs()
    CandidatePair.objects.all().delete()
    CandidatePair.objects.bulk_create(
        CandidatePair(a_id=c.a, b_id=c.b, score=c.score, reasons=list(c.reasons))
        for c in candidates
        if (c.a, c.b) not in decided
    )


def _ordered(a: Initiative, b: Initiative) -> Q:
    low, high = sorted((a.pk, b.pk))
    return Q(a_id=low, b_id=high)


def _pending(a: Initiative, b: Initiative) -> CandidatePair | None:
    return CandidatePair.objects.filter(_ordered(a, b)).first()


def _check_pair(a: Initiative, b: Initiative) -> None:
    if a.pk == b.pk:
        raise ValidationError(_("An initiative cannot be paired with itself."))
    for initiative in (a, b):
        if initiative.state == ModerationState.MERGED:
            raise ValidationError(
                _("“%(name)s” has already been merged into another initiative.")
                % {"name": initiative.name}
            )
    if PairDecision.objects.filter(Q(a=a, b=b) | Q(a=b, b=a), undone_at__isnull=True).exists():
        raise ValidationError(_("This pair has already been decided; undo that decision first."))


@transaction.atomic
def merge_initiatives(
    keep: Initiative, duplicate: Initiative, by, *, note: str = ""
) -> PairDecision:
    """Merge ``duplicate`` into ``keep``; both keep their history and the merge can be undone.

    ``keep`` gains the duplicate's name and aliases (as aliases), its organisations, topics and
    countries, and any of its fields that ``keep`` left blank; ``duplicate`` becomes MERGED, pointing
    at ``keep`` (the Atlas redirects its URL there). What changed is stored on the decision.
    """
    keep = Initiative.objects.select_for_update().get(pk=keep.pk)
    duplicate = Initiative.objects.select_for_update().get(pk=duplicate.pk)
    _check_pair(keep, duplicate)
    pending = _pending(keep, duplicate)

    known = {name_key(keep.name), *(name_key(a) for a in keep.aliases or [])}
    added_aliases = []
    for alias in [duplicate.name, *(duplicate.aliases or [])]:
        key = name_key(alias)
        if alias and key not in known:
            known.add(key)
            added_aliases.append(alias)
    filled = {}
    for field in FILLED_FIELDS:
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
    snapshot: dict[str, Any] = {
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
    keep.regions = [*(keep.regions or []), *snapshot["regions"]]
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
    snapshot["repointed"] = repointed

    decision = PairDecision.objects.create(
        a=keep,
        b=duplicate,
        decision=Decision.MERGED,
        score=pending.score if pending else None,
        reasons=pending.reasons if pending else [],
        note=note,
        decided_by=by,
        snapshot=snapshot,
    )
    # The duplicate is no record of its own any more: its pairs go (the next run pairs ``keep``).
    CandidatePair.objects.filter(Q(a=duplicate) | Q(b=duplicate)).delete()
    return decision


@transaction.atomic
def decide(a: Initiative, b: Initiative, decision: str, by, *, note: str = "") -> PairDecision:
    """Record a decision on a pair. ``merged`` keeps ``a``; relations read "a is a version/part
    of b"; ``distinct`` keeps the pair out of every later run."""
    if decision == Decision.MERGED:
        return merge_initiatives(a, b, by, note=note)
    if decision not in (Decision.DISTINCT, Decision.VERSION_OF, Decision.PART_OF):
        raise ValidationError(_("Unknown decision “%(decision)s”.") % {"decision": decision})
    _check_pair(a, b)
    pending = _pending(a, b)
    record = PairDecision.objects.create(
        a=a,
        b=b,
        decision=decision,
        score=pending.score if pending else None,
        reasons=pending.reasons if pending else [],
        note=note,
        decided_by=by,
    )
    if decision in (Decision.VERSION_OF, Decision.PART_OF):
        InitiativeRelation.objects.create(
            source=a, target=b, kind=RelationKind(decision), decision=record
        )
    CandidatePair.objects.filter(_ordered(a, b)).delete()
    return record


@transaction.atomic
def undo_decision(decision: PairDecision, by) -> PairDecision:
    """Reverse a decision: a merge restores both records as they were; the pair may come back."""
    decision = PairDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.undone_at is not None:
        raise ValidationError(_("This decision has already been undone."))
    if decision.decision == Decision.MERGED:
        _unmerge(decision)
    else:
        InitiativeRelation.objects.filter(decision=decision).delete()
    decision.undone_at = timezone.now()
    decision.undone_by = by
    decision.save(update_fields=["undone_at", "undone_by"])
    if decision.score is not None:
        low, high = sorted((decision.a_id, decision.b_id))
        CandidatePair.objects.update_or_create(
            a_id=low, b_id=high, defaults={"score": decision.score, "reasons": decision.reasons}
        )
    return decision


def _unmerge(decision: PairDecision) -> None:
    snapshot = decision.snapshot
    keep = Initiative.objects.select_for_update().get(pk=decision.a_id)
    duplicate = Initiative.objects.select_for_update().get(pk=decision.b_id)
    added = set(snapshot.get("aliases", []))
    keep.aliases = [a for a in keep.aliases or [] if a not in added]
    regions = set(snapshot.get("regions", []))
    keep.regions = [r for r in keep.regions or [] if r not in regions]
    for field, value in snapshot.get("filled", {}).items():
        if getattr(keep, field) == value:  # unless edited since
            setattr(keep, field, "" if field != "start_year" else None)
    keep._change_reason = f"Undid the merge of #{duplicate.pk} ({duplicate.name})"
    keep.save()
    keep.lead_organisations.remove(*snapshot.get("lead_organisations", []))
    keep.partner_organisations.remove(*snapshot.get("partner_organisations", []))
    keep.topics.remove(*snapshot.get("topics", []))
    keep.country_links.filter(country__in=snapshot.get("countries", [])).delete()
    duplicate.state = snapshot.get("duplicate_state", ModerationState.PUBLISHED)
    duplicate.merged_into_id = snapshot.get("duplicate_merged_into")
    duplicate._change_reason = f"Undid its merge into #{keep.pk} ({keep.name})"
    duplicate.save()
    Initiative.objects.filter(pk__in=snapshot.get("repointed", []), merged_into=keep).update(
        merged_into=duplicate
    )
