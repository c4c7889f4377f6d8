"""``sustainai import-initiatives FILE [--map COLUMN=FIELD ...] [--dry-run] [--as-submitted]``."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sustainai.atlas.importing import IMPORT_FIELDS, MAX_SHOWN, import_initiatives, parse_mapping


class Command(BaseCommand):
    help = (
        "Import initiatives from a CSV, XLSX or JSON file. Every row is checked first; a file "
        "with any error imports nothing. Entries already in the Atlas are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help=f"Read COLUMN as FIELD ({', '.join(IMPORT_FIELDS)}, or ignore). Repeatable.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file, write nothing.")
        parser.add_argument(
            "--as-submitted",
            action="store_true",
            help="Queue the entries for moderation instead of publishing them.",
        )
        parser.add_argument("--source", default="", help="Where the file comes from (recorded).")

    def handle(self, *args, file: Path, map: list[str], dry_run: bool, as_submitted: bool,
               source: str, **options):  # fmt: skip
        try:
            mapping = parse_mapping(map)
        except ValueError as error:
            raise CommandError(f"--map: {error}") from None
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        report = import_initiatives(
            file.read_bytes(),
            filename=file.name,
            mapping=mapping,
            dry_run=dry_run,
            as_submitted=as_submitted,
            source=source or file.name,
            progress=sys.stderr.isatty() and options.get("verbosity", 1) > 0,
        )
        for problem in report.warnings[:MAX_SHOWN]:
            self.stderr.write(self.style.WARNING(f"warning: {problem}"))
        if len(report.warnings) > MAX_SHOWN:
            self.stderr.write(f"... and {len(report.warnings) - MAX_SHOWN} more warnings")
        if report.errors:
            for problem in report.errors[:MAX_SHOWN]:
                self.stderr.write(self.style.ERROR(f"error: {problem}"))
            more = len(report.errors) - MAX_SHOWN
            if more > 0:
                self.stderr.write(f"... and {more} more errors")
            raise CommandError(
                f"{len(report.errors)} error(s) in {file.name}: nothing was imported."
            )
        where = "queued for moderation" if as_submitted else "published"
        if dry_run:
            summary = f"Dry run: {report.to_create} initiative(s) would be {where}"
        else:
            summary = f"{report.created} initiative(s) {where}"
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary}; {report.unchanged} already in the Atlas; "
                f"{report.repeated} repeated row(s) in the file; {report.rows} row(s) read "
                f"in {report.seconds:.1f} s ({report.rate:,.0f} rows/s)."
            )
        )
