"""``sustainai standards``: the standards roadmap from the command line.

sustainai standards import FILE     (CSV or XLSX; all or nothing; idempotent by identifier)
sustainai standards export --format csv|xlsx|json [--output FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sustainai.toolkits.standards import importing, services


class Command(BaseCommand):
    help = "Import or export the standards roadmap's registry."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="a CSV or XLSX file of standards")
        imp.add_argument("file")
        exp = sub.add_parser("export", help="the registry as CSV, XLSX or JSON")
        exp.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        exp.add_argument("--output", default="-")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self._import(Path(options["file"]))
        return self._export(options["format"], options["output"])

    def _import(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = services.import_file(path)
        except importing.FileError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"nothing imported: {len(exc.errors)} error(s)") from None
        except services.RoadmapError as exc:
            raise CommandError(str(exc)) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for change in result.status_changes:
            self.stdout.write(f"status: {change}")
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged"
        )

    def _export(self, fmt: str, output: str) -> None:
        from django.test import RequestFactory

        from sustainai.toolkits.standards.views import export

        response = export(RequestFactory().get("/"), fmt)
        if output == "-":
            sys.stdout.buffer.write(response.content)
        else:
            Path(output).write_bytes(response.content)
