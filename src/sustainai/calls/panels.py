"""What the calls app shows on other apps' pages (``core.registry``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.calls import selectors


def respondent_contacts(request, workstream) -> str | None:
    """In a workstream's space, for coordinators only: the contact each participating
    organisation gave when it expressed interest. The contact agreed that the coordination team
    writes to them (the consent of the expression form), not that other members see them."""
    if not request.user.has_perm("calls.manage_calls"):
        return None
    choices = selectors.respondents_of(workstream)
    if not choices:
        return None
    return render_to_string("calls/_space_contacts.html", {"choices": choices}, request=request)
