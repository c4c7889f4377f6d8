from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from sustainai.core.backups import BackupError, create_backup, prune


class Command(BaseCommand):
    help = (
        "Back the database up into one file named with the UTC time, under SUSTAINAI_BACKUP_DIR "
        "(SQLite: its online backup; PostgreSQL: pg_dump, custom format)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, help="Where to write (default: SUSTAINAI_BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep", type=int, metavar="N", help="Then delete all but the N newest backups there."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        directory = options["dir"] or Path(settings.SUSTAINAI_BACKUP_DIR)
        keep = options["keep"]
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        self.verbosity = options["verbosity"]
        try:
            path = create_backup(
                connections[options["database"]],
                directory,
                report=self.report,
            )
            removed = prune(directory, keep) if keep else []
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {path} ({path.stat().st_size:,} bytes)")
        )
        for old in removed:
            self.stdout.write(f"Removed old backup: {old}")

    def report(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {line}")
