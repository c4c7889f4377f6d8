"""Demo scenarios of the agentic AI foresight workstream, when the calls demo has opened it.

Each is a preset of the model (its figures sourced in ``sustainai.foresight``: the IEA's Energy and
AI cases, Anthropic's token multipliers) with at most one override, named after its source. They are
marked as demo and saved by nobody; loading twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from sustainai.toolkits.foresight.apps import WORKSTREAM_SLUG
from sustainai.toolkits.foresight.models import SavedScenario
from sustainai.workstreams.models import Workstream

SCENARIOS = (
    (
        "Multi-agent systems (Anthropic, 15× the tokens of a chat) against IEA Lift-Off",
        "preset=multi-agent&compare=iea-lift-off",
    ),
    (
        "Single agents (Anthropic, 4× the tokens of a chat) on the IEA Base Case",
        "preset=single-agent&compare=iea-base",
    ),
    (
        "Reasoning-heavy agents, half of them on the large model",
        "preset=reasoning-heavy&large_model_share=0.5",
    ),
)


def load(out) -> None:
    workstream = Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()
    if workstream is None:
        out.write("  no agentic AI foresight workstream: no demo scenario")
        return
    with transaction.atomic():
        for title, query in SCENARIOS:
            SavedScenario.objects.update_or_create(
                workstream=workstream, title=title, defaults={"query": query, "is_demo": True}
            )
    out.write(f"  {len(SCENARIOS)} demo scenario(s) in “{workstream.title}”")
