"""``sustainai footprint``: the footprint engine from the command line.

sustainai footprint estimate FILE.json [--format json|model-card|sci]   (FILE "-" reads stdin)
sustainai footprint measure [--location FR] [--format ...] -- COMMAND ...
sustainai footprint sources [--format json|text]
"""

from __future__ import annotations

import argparse
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sustainai.calculator.exporters import FORMATS, render
from sustainai.core import bounded_json
from sustainai.footprint import FootprintInputError, estimate, measure, sci, sources


class Command(BaseCommand):
    help = "Estimate or measure the energy, carbon and water of AI training and inference."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        est = sub.add_parser("estimate", help="estimate from a JSON file of inputs ('-': stdin)")
        est.add_argument("file")
        est.add_argument("--format", choices=list(FORMATS), default="json")
        est.add_argument(
            "--functional-units",
            type=float,
            dest="functional_units",
            help="SCI's R (default: the requests of an inference estimate, else 1 run)",
        )
        est.add_argument(
            "--functional-unit", dest="functional_unit", help="what one unit is, e.g. 'image'"
        )
        mes = sub.add_parser("measure", help="run a command and measure its energy (CodeCarbon)")
        mes.add_argument("--location", help="ISO country or US state of the machine (US-CA)")
        mes.add_argument("--carbon-intensity", type=float, dest="carbon_intensity")
        mes.add_argument("--pue", type=float)
        mes.add_argument("--format", choices=["json", "model-card", "sci"], default="json")
        mes.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND ...")
        src = sub.add_parser("sources", help="list every constant the engine uses, with sources")
        src.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "estimate":
                result = estimate(self._read(options["file"]))
                if options["format"] == "sci" and options["functional_units"] is not None:
                    if options["functional_units"] <= 0:
                        raise CommandError("--functional-units must be greater than 0")
                    figure = sci(result, options["functional_units"], options["functional_unit"])
                    self.stdout.write(json.dumps(figure, indent=2, ensure_ascii=False))
                else:
                    self.stdout.write(render(result, options["format"]))
            elif action == "measure":
                command = list(options["command"])
                if command and command[0] == "--":
                    command = command[1:]
                spec = {
                    key: value
                    for key, value in (
                        ("location", options["location"]),
                        ("carbon_intensity_g_per_kwh", options["carbon_intensity"]),
                        ("pue", options["pue"]),
                    )
                    if value is not None
                }
                # The command's own output goes to stderr so that stdout stays valid JSON/YAML.
                result = measure(command, spec, stdout=sys.stderr)
                self.stdout.write(render(result, options["format"]))
                if result["exit_code"]:
                    self.stderr.write(f"the command exited with status {result['exit_code']}")
            else:
                self._sources(options["format"])
        except FootprintInputError as error:
            raise CommandError(
                "invalid input: "
                + "; ".join(f"{field}: {why}" for field, why in error.errors.items())
            ) from None

    def _read(self, name: str) -> dict:
        try:
            if name == "-":
                text = sys.stdin.read()
            else:
                with open(name, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as error:
            raise CommandError(f"cannot read {name}: {error.strerror}") from None
        try:
            return bounded_json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from None
        except ValueError as error:  # beyond core.bounded_json's bounds
            raise CommandError(f"{name}: {error}") from None

    def _sources(self, fmt: str) -> None:
        rows = sources()
        if fmt == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            year = f", {row['year']}" if row.get("year") else ""
            self.stdout.write(f"[{row['table']}] {row['name']}: {json.dumps(row['value'])}")
            self.stdout.write(
                f"    {row['source']}{year}" + (f" <{row['url']}>" if row["url"] else "")
            )
