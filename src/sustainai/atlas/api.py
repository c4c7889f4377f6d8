"""The Atlas's public API (mounted at /api/v1/initiatives; OpenAPI at /api/docs).

Only published initiatives; the same filters and ranking as the directory (``selectors``).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from sustainai.accounts.api_auth import PUBLIC
from sustainai.atlas import places, selectors
from sustainai.atlas.models import InitiativeStatus, InitiativeType, Topic
from sustainai.core.api import Text

router = Router(tags=["Atlas"])
MAX_OFFSET = 1_000_000


class InitiativeOut(Schema):
    id: int
    name: str
    slug: str
    type: InitiativeType
    status: InitiativeStatus
    scope: str
    countries: list[str]
    regions: list[str]
    topics: list[str]
    start_year: int | None
    summary: str
    website: str
    url: str = Field(description="The initiative's page in the Atlas.")
    score: float | None = Field(
        None, description="Relevance to q within its group (higher is better), when q is given."
    )


class InitiativeDetailOut(InitiativeOut):
    aliases: list[str]
    description: str
    lead_organisations: list[str]
    partner_organisations: list[str]
    published_at: str | None


class InitiativeList(Schema):
    count: int
    items: list[InitiativeOut]


class ListParams(Schema):
    q: Text = Field(
        "",
        max_length=200,
        description=(
            "Full-text search. Results in relevance order: initiatives whose name or aliases hold "
            "every word first, then those whose summary or organisations complete them, then the "
            "others; each group by score."
        ),
    )
    type: InitiativeType | None = None
    topic: Text | None = Field(None, max_length=100, description="A topic slug, e.g. 'energy'.")
    country: Text | None = Field(
        None,
        max_length=100,
        description=(
            "A country: its ISO 3166 alpha-2 or alpha-3 code ('FR', 'DEU') or its name in English "
            "or another language ('Germany', 'Deutschland', 'Allemagne', '中国')."
        ),
    )
    status: InitiativeStatus | None = None
    limit: int = Field(20, ge=1, le=100)
    # Bounded: an offset past what SQL's 64-bit integers hold was a 500.
    offset: int = Field(0, ge=0, le=MAX_OFFSET)

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = places.country(value)
        if code is None:
            with translation.override("en"):
                close = places.suggestions(value, countries_only=True)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise ValueError(f"unknown country {value!r} (a name or an ISO 3166 code){hint}")
        return code


def _out(request, initiative, *, detail: bool = False) -> dict:
    listing = initiative.listing  # set from selectors.listing_columns
    data = {
        "id": initiative.pk,
        "name": initiative.name,
        "slug": initiative.slug,
        "type": initiative.type,
        "status": initiative.status,
        "scope": initiative.scope,
        "countries": list(listing.countries),
        "regions": list(initiative.regions or []),
        "topics": [topic.slug for topic in listing.topics],
        "start_year": initiative.start_year,
        "summary": initiative.summary,
        "website": initiative.website,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
        "score": getattr(initiative, "search_rank", None),
    }
    if detail:
        data |= {
            "aliases": list(initiative.aliases or []),
            "description": initiative.description,
            "lead_organisations": list(listing.lead_organisations),
            "partner_organisations": [a.name for a in initiative.partner_organisations.all()],
            "published_at": initiative.published_at.isoformat()
            if initiative.published_at
            else None,
        }
    return data


@router.get(
    "",
    response=InitiativeList,
    auth=PUBLIC,
    summary="Search and filter published initiatives",
)
def list_initiatives(request, params: Query[ListParams]):
    if params.topic and not Topic.objects.filter(slug=params.topic).exists():
        raise HttpError(422, f"unknown topic {params.topic!r}")
    filters = selectors.Filters(
        q=params.q.strip(),
        types=(params.type,) if params.type else (),
        topics=(params.topic,) if params.topic else (),
        countries=(params.country,) if params.country else (),
        statuses=(params.status,) if params.status else (),
        sort="relevance" if params.q.strip() else "name",
    )
    results = selectors.directory(filters)
    page = results[params.offset : params.offset + params.limit]
    items = [_out(request, initiative) for initiative in page]
    count = results.count()
    if not filters.q:
        for item in items:
            item["score"] = None
    return {"count": count, "items": items}


@router.get(
    "/{int:initiative_id}",
    response=InitiativeDetailOut,
    auth=PUBLIC,
    summary="One published initiative",
)
def get_initiative(request, initiative_id: int):
    initiative = get_object_or_404(
        selectors.published()
        .annotate(**selectors.listing_columns())
        .prefetch_related("partner_organisations"),
        pk=initiative_id,
    )
    initiative.listing = selectors.listing_of(initiative)
    return _out(request, initiative, detail=True)
