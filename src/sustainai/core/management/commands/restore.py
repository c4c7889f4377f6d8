from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from sustainai.core.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `sustainai backup` into an empty database; --force replaces "
        "the contents of a database that is not empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file.")
        parser.add_argument(
            "--force", action="store_true", help="Restore even into a database that holds tables."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        path = options["backup"]
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        self.verbosity = options["verbosity"]
        connection = connections[options["database"]]
        try:
            restore_backup(
                connection,
                path,
                force=options["force"],
                report=self.report,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored {path} into {connection.settings_dict['NAME']}.")
        )

    def report(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {line}")
