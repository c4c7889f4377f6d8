"""The demo library's entries (``sustainai.compression.demo.DEMO``): models built on this machine
from data shipped in installed packages (scikit-learn's bundled datasets, the all-MiniLM-L6-v2
package), published and marked as demo. Their files and figures come from
``sustainai models build-demo`` and ``sustainai models benchmark``; loading twice changes
nothing."""

from __future__ import annotations

from django.db import transaction

from sustainai.compression.demo import DEMO
from sustainai.toolkits.models.apps import WORKSTREAM_SLUG
from sustainai.toolkits.models.models import Entry, Method, Status
from sustainai.workstreams.models import Workstream


def load(out) -> None:
    workstream = Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()
    if workstream is None:
        out.write("  no compressed-models workstream: no demo model")
        return
    with transaction.atomic():
        by_slug: dict[str, Entry] = {}
        for model in DEMO:
            entry, _ = Entry.objects.update_or_create(
                slug=model.slug,
                defaults={
                    "workstream": workstream,
                    "name": model.title,
                    "base": by_slug.get(model.base),
                    "method": model.method or Method.BASE,
                    "licence": model.licence,
                    "task": model.task,
                    "dataset": model.dataset,
                    "metric": model.metric,
                    "artefact": model.file,
                    "source": model.source,
                    "status": Status.PUBLISHED,
                    "is_demo": True,
                },
            )
            by_slug[model.slug] = entry
    out.write(f"  {len(DEMO)} demo model entries in “{workstream.title}”")
