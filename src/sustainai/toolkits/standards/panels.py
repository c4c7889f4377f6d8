"""What the standards roadmap shows in its workstream's space."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.toolkits.standards import selectors
from sustainai.toolkits.standards.models import Standard


def workstream_panel(request, workstream) -> str | None:
    cells = selectors.coverage()
    return render_to_string(
        "standards/_panel.html",
        {"count": Standard.objects.count(), "gaps": sum(1 for c in cells if c.count == 0)},
        request=request,
    )
