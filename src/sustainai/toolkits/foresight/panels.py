"""What the foresight toolkit shows elsewhere: its workstream's space."""

from __future__ import annotations

from django.template.loader import render_to_string

from sustainai.toolkits.foresight import selectors
from sustainai.toolkits.foresight.labels import PRESET_TITLES


def workstream_panel(request, workstream) -> str:
    return render_to_string(
        "foresight/_panel.html",
        {
            "presets": PRESET_TITLES.items(),
            "workstream": workstream,
            "saved": selectors.saved_scenarios(workstream),
        },
        request,
    )
