"""``sustainai procurement_library``: load the shipped criteria library as real data."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from sustainai.toolkits.procurement import services
from sustainai.toolkits.procurement.apps import WORKSTREAM_SLUG
from sustainai.workstreams.models import Workstream


class Command(BaseCommand):
    help = (
        "Create or update the procurement toolkit's criteria from the library shipped with the "
        "platform (data/criteria.yaml, each criterion with its public source), published and not "
        "marked as demo. Running it again resets those criteria to the file."
    )

    def handle(self, *args, **options):
        if not Workstream.objects.filter(slug=WORKSTREAM_SLUG).exists():
            raise CommandError(
                f"The public procurement workstream ({WORKSTREAM_SLUG}) does not exist yet: "
                "confirm it through a call, or create it, first."
            )
        created, updated = services.load_library(is_demo=False)
        self.stdout.write(f"Criteria library: {created} created, {updated} updated.")
