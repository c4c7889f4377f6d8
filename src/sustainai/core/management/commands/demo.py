from django.core.management.base import BaseCommand
from django.db import transaction

from sustainai.core.registry import demo_loaders


class Command(BaseCommand):
    help = "Load the demo data set (idempotent): demo accounts, organisations, initiatives, calls."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app, load in demo_loaders():
                self.stdout.write(f"Loading demo data: {app}")
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. All of it is marked as demo."))
