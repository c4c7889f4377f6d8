"""What the transparency toolkit shows in its workstream's space."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.toolkits.transparency import selectors


def workstream_panel(request, workstream) -> str | None:
    return render_to_string(
        "transparency/_panel.html",
        {"tables": selectors.published_tables()[:5]},
        request=request,
    )


def my_figures(request, user) -> str | None:
    """In "My area": the organisation's confidential figures, for members who may report them."""
    if not request.user.has_perm("transparency.submit_figures"):
        return None
    count = selectors.own_submissions(request.user.organisation_id).count()
    return render_to_string("transparency/_my_figures.html", {"count": count}, request=request)
