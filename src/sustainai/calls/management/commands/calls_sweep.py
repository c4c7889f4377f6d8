from django.core.management.base import BaseCommand

from sustainai.calls.services import sweep
from sustainai.outbox.services import deliver_due


class Command(BaseCommand):
    help = (
        "Safety sweep, idempotent: tally every call past its deadline that was not tallied yet, "
        "and deliver the outbox's due mails. Run it every few minutes from cron."
    )

    def handle(self, *args, **options):
        tallied = sweep()
        for call in tallied:
            self.stdout.write(f"Tallied {call.slug}.")
        delivered = deliver_due()
        self.stdout.write(f"{len(tallied)} call(s) tallied, {delivered} mail(s) attempted.")
