"""What the foresight toolkit shows elsewhere: its workstream's space."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.foresight import PRESETS


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "foresight/_panel.html", {"presets": PRESETS.values(), "workstream": workstream}, request
    )
