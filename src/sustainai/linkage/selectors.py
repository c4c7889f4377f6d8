"""Reads: records for the engine, the hint, the review queue, relations and the overlap report."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q

from sustainai.atlas.models import Initiative, InitiativeCountry, ModerationState
from sustainai.core import registry
from sustainai.linkage import normalise
from sustainai.linkage.engine import Index, InitiativeRecord
from sustainai.linkage.models import CandidatePair, InitiativeRelation, PairDecision, RelationKind
from sustainai.linkage.reasons import reason_labels

# Initiatives the batch run compares: the published ones and those awaiting moderation.
LINKED_STATES = (
    ModerationState.PUBLISHED,
    ModerationState.SUBMITTED,
    ModerationState.CHANGES_REQUESTED,
)
# The hint shows entries at least this likely to be the same initiative.
HINT_MIN_SCORE = 0.05


def use_known_equivalences() -> None:
    """Give the engine the identifiers known to name one thing: the package's sourced list and
    those the platform's apps offer (``SustainAIApp.identifier_equivalences``, e.g. a standard
    recorded as "equivalent to" another)."""
    normalise.set_identifier_equivalences(
        [*normalise.default_equivalences(), *registry.identifier_equivalences()]
    )


def initiative_records(queryset=None) -> list[InitiativeRecord]:
    """Engine records for ``queryset`` (default: every linked initiative), in four queries (and
    whatever the apps' known identifier equivalences need)."""
    use_known_equivalences()
    if queryset is None:
        queryset = Initiative.objects.filter(state__in=LINKED_STATES)
    rows = list(
        queryset.order_by("id").values_list(
            "id", "name", "aliases", "summary", "description", "website", "start_year", "type"
        )
    )
    ids = [row[0] for row in rows]
    organisations: dict[int, list[str]] = defaultdict(list)
    for through in (
        Initiative.lead_organisations.through,
        Initiative.partner_organisations.through,
    ):
        for initiative_id, name in through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "actor__name"
        ):
            organisations[initiative_id].append(name)
    countries: dict[int, list[str]] = defaultdict(list)
    for initiative_id, code in InitiativeCountry.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "country"
    ):
        countries[initiative_id].append(str(code))
    return [
        InitiativeRecord(
            id=pk,
            name=name,
            aliases=tuple(a for a in (aliases or []) if isinstance(a, str)),
            description="\n".join(t for t in (summary, description) if t),
            website=website or "",
            organisations=tuple(organisations[pk]),
            countries=tuple(countries[pk]),
            start_year=start_year,
            type=kind or "",
        )
        for pk, name, aliases, summary, description, website, start_year, kind in rows
    ]


def decided_pairs() -> set[tuple[int, int]]:
    """Pairs with a decision in force: no later run proposes them again."""
    return {
        (min(a, b), max(a, b))
        for a, b in PairDecision.objects.filter(undone_at__isnull=True).values_list("a_id", "b_id")
    }


# --- The hint: an in-process index of published initiatives ---------------------------------------


class _HintIndex:
    """The published initiatives' index, kept in step with the database.

    One aggregate query per request tells whether published initiatives changed; if so, only those
    changed since (``updated_at``) are re-indexed and those gone are dropped, which costs
    milliseconds. The whole index is rebuilt (seconds on 10k) when a fifth of it has changed, to
    refresh the description vocabulary, and every ``REBUILD_AFTER`` seconds, to catch changes that do
    not touch ``updated_at`` (an organisation renamed).
    """

    REBUILD_AFTER = 15 * 60

    def __init__(self):
        self._lock = threading.Lock()
        self._stamp = None
        self._synced_to = None
        self._index: Index | None = None
        self._built_at = 0.0

    def get(self) -> Index:
        published = Initiative.objects.filter(state=ModerationState.PUBLISHED)
        summary = published.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
        stamp = (summary["n"], summary["last"], summary["top"])
        with self._lock:
            index = self._index
            stale = time.monotonic() - self._built_at > self.REBUILD_AFTER
            if index is None or stale or index.changes > max(50, len(index.position_of) // 5):
                index = self._index = Index(initiative_records(published))
                self._built_at = time.monotonic()
            elif stamp != self._stamp:
                current = set(published.values_list("id", flat=True))
                index.remove(index.ids - current)
                changed = published.filter(
                    Q(pk__in=current - index.ids) | Q(updated_at__gt=self._synced_to)
                    if self._synced_to
                    else Q(pk__in=current - index.ids)
                )
                index.upsert(initiative_records(changed))
            self._stamp = stamp
            self._synced_to = summary["last"]
            return index

    def clear(self) -> None:
        with self._lock:
            self._index = None


hint_index = _HintIndex()


@dataclass(frozen=True)
class Similar:
    initiative: Initiative
    score: float
    reasons: tuple[str, ...]

    @property
    def reason_labels(self) -> list[str]:
        return reason_labels(self.reasons)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_initiatives(
    *,
    name: str,
    website: str = "",
    aliases: Iterable[str] = (),
    description: str = "",
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Similar]:
    """Published initiatives most like the one described, best first, with a score and reasons.

    For the submission form's hint: the same model as the batch run, scored in Python against an
    index kept in memory (a new entry has no organisations nor countries yet, so names, website,
    aliases and description carry the evidence).
    """
    if not (name or "").strip() and not (website or "").strip():
        return []
    record = InitiativeRecord(
        id=0,
        name=(name or "").strip(),
        aliases=tuple(a.strip() for a in aliases if a and a.strip()),
        description=description or "",
        website=(website or "").strip(),
    )
    found = hint_index.get().search(
        record, limit=limit, min_score=HINT_MIN_SCORE, exclude_id=exclude_id
    )
    initiatives = Initiative.objects.in_bulk([pk for pk, _, _ in found])
    return [
        Similar(initiatives[pk], score, reasons)
        for pk, score, reasons in found
        if pk in initiatives and initiatives[pk].state == ModerationState.PUBLISHED
    ]


# Entries awaiting moderation: not in the published index, compared on demand (they are few).
PENDING_STATES = (ModerationState.SUBMITTED, ModerationState.CHANGES_REQUESTED)


def _pending_similar(
    record: InitiativeRecord, *, exclude_id: int | None, limit: int
) -> list[Similar]:
    pending = Initiative.objects.filter(state__in=PENDING_STATES)
    if exclude_id is not None:
        pending = pending.exclude(pk=exclude_id)
    records = initiative_records(pending)
    if not records:
        return []
    found = Index(records).search(record, limit=limit, min_score=HINT_MIN_SCORE)
    initiatives = Initiative.objects.select_related("submitted_by").in_bulk(
        [pk for pk, _, _ in found]
    )
    return [Similar(initiatives[pk], score, reasons) for pk, score, reasons in found]


def similar_pending(
    *,
    name: str,
    website: str = "",
    aliases: Iterable[str] = (),
    description: str = "",
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Similar]:
    """Entries awaiting moderation most like the one described (the submission form's hint says
    that they exist; who submitted them and what they hold stays with the coordinators)."""
    if not (name or "").strip() and not (website or "").strip():
        return []
    record = InitiativeRecord(
        id=0,
        name=(name or "").strip(),
        aliases=tuple(a.strip() for a in aliases if a and a.strip()),
        description=description or "",
        website=(website or "").strip(),
    )
    return _pending_similar(record, exclude_id=exclude_id, limit=limit)


@dataclass(frozen=True)
class Twins:
    """For a coordinator reviewing an entry: the published and pending entries most like it."""

    published: list[Similar]
    pending: list[Similar]


def twins_of(initiative: Initiative, limit: int = 5) -> Twins:
    """Published and pending entries most like ``initiative``, with everything it holds
    (organisations and countries too) as evidence."""
    [record] = initiative_records(Initiative.objects.filter(pk=initiative.pk))
    found = hint_index.get().search(
        record, limit=limit, min_score=HINT_MIN_SCORE, exclude_id=initiative.pk
    )
    initiatives = Initiative.objects.in_bulk([pk for pk, _, _ in found])
    published = [
        Similar(initiatives[pk], score, reasons)
        for pk, score, reasons in found
        if pk in initiatives and initiatives[pk].state == ModerationState.PUBLISHED
    ]
    return Twins(published, _pending_similar(record, exclude_id=initiative.pk, limit=limit))


# --- Review queue, decisions, relations -------------------------------------------------------


def review_queue():
    """Candidate pairs, best first, with both initiatives and their lead organisations."""
    organisations = Prefetch("lead_organisations")
    return CandidatePair.objects.select_related("a", "b").prefetch_related(
        Prefetch("a__lead_organisations", queryset=organisations.queryset),
        Prefetch("b__lead_organisations", queryset=organisations.queryset),
    )


def recent_decisions(limit: int = 20):
    return PairDecision.objects.select_related("a", "b", "decided_by", "undone_by")[:limit]


@dataclass(frozen=True)
class Relation:
    kind: str  # RelationKind value
    label: str  # "is a version of", "has a version"...
    other: Initiative


def relations_for(initiative: Initiative) -> list[Relation]:
    """The "version of" and "part of" relations of an initiative, both directions, published only."""
    inverse: dict[str, str] = {
        RelationKind.VERSION_OF: "has_version",
        RelationKind.PART_OF: "has_part",
    }
    from sustainai.linkage.reasons import RELATION_LABELS

    relations = InitiativeRelation.objects.filter(
        Q(source=initiative) | Q(target=initiative)
    ).select_related("source", "target")
    found = []
    for rel in relations:
        outgoing = rel.source_id == initiative.pk
        other = rel.target if outgoing else rel.source
        if other.state != ModerationState.PUBLISHED:
            continue
        kind = rel.kind if outgoing else inverse[rel.kind]
        found.append(Relation(kind=kind, label=str(RELATION_LABELS[kind]), other=other))
    return found


# --- Overlap report ----------------------------------------------------------------------------


@dataclass
class Overlap:
    """Initiatives on the same problem (topic, type, area) run by different organisations."""

    topic: str
    type: str
    area: str
    initiatives: list[Initiative]
    organisations: list[str]

    @property
    def size(self) -> int:
        return len(self.initiatives)


def _areas(initiative: Initiative) -> list[str]:
    """Where an initiative works: its regions, else its countries, else "international"."""
    if initiative.regions:
        return [f"region:{code}" for code in initiative.regions]
    countries = [str(link.country) for link in initiative.country_links.all()]
    if countries and initiative.scope != "international":
        return [f"country:{code}" for code in countries]
    return ["international"]


def overlap_clusters(*, min_size: int = 2) -> list[Overlap]:
    """Groups of published initiatives sharing a topic, a type and an area, led by different
    organisations (initiatives with no lead organisation count as their own)."""
    initiatives = (
        Initiative.objects.filter(state=ModerationState.PUBLISHED)
        .prefetch_related("topics", "lead_organisations", "country_links")
        .order_by("name")
    )
    groups: dict[tuple[str, str, str], list[Initiative]] = defaultdict(list)
    topic_names: dict[str, str] = {}
    for initiative in initiatives:
        for topic in initiative.topics.all():
            topic_names[topic.slug] = str(topic)
            for area in _areas(initiative):
                groups[(topic.slug, initiative.type, area)].append(initiative)
    clusters = []
    for (topic_slug, kind, area), members in groups.items():
        leads: set[frozenset[int | str]] = {
            frozenset(o.pk for o in m.lead_organisations.all()) or frozenset({f"self:{m.pk}"})
            for m in members
        }
        if len(members) < min_size or len(leads) < 2:
            continue
        names = sorted({o.name for m in members for o in m.lead_organisations.all()})
        clusters.append(Overlap(topic_names[topic_slug], kind, area, members, names))
    clusters.sort(key=lambda c: (-c.size, c.topic, c.type, c.area))
    return clusters


def candidate_pair_count(user) -> int:
    """Candidate pairs waiting for a decision (the review queue's length)."""
    return CandidatePair.objects.count()
