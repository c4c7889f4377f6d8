"""What the linkage app shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.linkage.selectors import relations_for, twins_of


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
    """On a coordinator's review of a submission: the published entries and those awaiting
    moderation most like it, each with the action to merge the submission into it."""
    if not request.user.has_perm("linkage.review") or initiative.state == "merged":
        return None
    return render_to_string(
        "linkage/_review_twins.html",
        {"initiative": initiative, "twins": twins_of(initiative)},
        request=request,
    )
