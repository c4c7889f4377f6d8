"""Writes to the Atlas. Every write is transactional and recorded in the initiative's history."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from sustainai.atlas.models import Initiative, InitiativeType, ModerationState


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
    """A member's (or a consultation answer's) new initiative, queued for moderation."""
    return Initiative.objects.create(
        name=name.strip(),
        slug=unique_slug(name),
        summary=summary,
        description=description,
        website=website,
        type=type,
        state=ModerationState.SUBMITTED,
        submitted_by=submitted_by,
        **fields,
    )
