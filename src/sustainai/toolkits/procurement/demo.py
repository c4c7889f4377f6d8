"""Demo data of the procurement toolkit: the criteria library of ``data/criteria.yaml`` (written by
the project from the public instruments each criterion cites), loaded through the same service as
real data and marked as demo; loading twice changes nothing."""

from __future__ import annotations

from sustainai.toolkits.procurement import services
from sustainai.toolkits.procurement.apps import WORKSTREAM_SLUG
from sustainai.workstreams.models import Workstream


def load(out) -> None:
    if not Workstream.objects.filter(slug=WORKSTREAM_SLUG).exists():
        out.write("procurement: no public procurement workstream, nothing loaded")
        return
    created, updated = services.load_library(is_demo=True)
    out.write(f"procurement: {created} criteria created, {updated} updated")
