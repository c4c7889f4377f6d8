"""What the Atlas shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

import rules
from django.template.loader import render_to_string

from sustainai.atlas import moderation

# How many of a person's latest submissions their area lists (the rest: "Your submissions").
LATEST_SUBMISSIONS = 5


def my_submissions(request, user) -> str | None:
    """In a person's area: their latest submissions to the Atlas and the way to submit one."""
    if not rules.has_perm("atlas.view_own_submissions", user):
        return None
    return render_to_string(
        "atlas/contribute/_my_submissions.html",
        {"initiatives": list(moderation.submissions_of(user)[:LATEST_SUBMISSIONS])},
        request=request,
    )
