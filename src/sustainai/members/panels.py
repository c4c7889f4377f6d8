"""What the members app shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

from django.template.loader import render_to_string


def my_organisation(request, user) -> str | None:
    """In a person's area: their organisation, its membership and the way to its profile, or the
    way to apply."""
    return render_to_string(
        "members/_my_organisation.html", {"organisation": user.organisation}, request=request
    )
