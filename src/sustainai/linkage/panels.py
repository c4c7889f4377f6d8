"""What the linkage app shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.linkage.selectors import relations_for


def initiative_relations(request, initiative) -> str | None:
    """On an initiative's page: the versions and parts coordinators recorded in the review."""
    relations = relations_for(initiative)
    if not relations:
        return None
    return render_to_string(
        "linkage/_initiative_relations.html", {"relations": relations}, request=request
    )


def submission_hint(request, initiative) -> str | None:
    """On the submission form, under the name: similar entries as the member types (htmx)."""
    if not request.user.has_perm("linkage.use_hint"):
        return None
    return render_to_string(
        "linkage/_submission_hint.html", {"initiative": initiative}, request=request
    )


def review_hint(request, initiative) -> str | None:
    """On a coordinator's review of a submission: the similar published entries."""
    if not request.user.has_perm("linkage.use_hint"):
        return None
    return render_to_string(
        "linkage/_review_hint.html", {"initiative": initiative}, request=request
    )
