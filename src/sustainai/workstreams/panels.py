"""What the workstreams app shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

import rules
from django.template.loader import render_to_string

from sustainai.workstreams import selectors


def my_workstreams(request, user) -> str | None:
    """In a person's area: the workstreams whose space they may use."""
    if not rules.has_perm("workstreams.view_spaces", user):
        return None
    return render_to_string(
        "workstreams/_my_workstreams.html",
        {"workstreams": list(selectors.spaces_of(user).order_by("title"))},
        request=request,
    )
