from django.core.management.base import BaseCommand

from sustainai.outbox.services import deliver_due


class Command(BaseCommand):
    help = "Deliver every queued mail whose (re)try time has come. Run it periodically (cron)."

    def handle(self, *args, **options):
        count = deliver_due()
        self.stdout.write(f"{count} mail(s) attempted.")
