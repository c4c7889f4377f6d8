"""``sustainai foresight``: the agentic AI foresight model from the command line.

sustainai foresight run FILE.json|- [--format json|csv] [--samples N] [--seed S] [--no-sensitivity]
sustainai foresight presets
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sustainai.core import bounded_json
from sustainai.foresight import PRESETS, ForesightInputError, run
from sustainai.toolkits.foresight.exports import csv_table


class Command(BaseCommand):
    help = "Run an agentic AI foresight scenario (energy, emissions, water to 2035)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("run", help="run a scenario from a JSON file ('-': stdin)")
        r.add_argument("file")
        r.add_argument("--format", choices=["json", "csv"], default="json")
        r.add_argument("--samples", type=int, help="Monte Carlo samples (default 2,000)")
        r.add_argument("--seed", type=int, help="random seed (same seed, same output)")
        r.add_argument(
            "--no-sensitivity", action="store_true", help="skip the Sobol analysis (faster)"
        )
        sub.add_parser("presets", help="list the presets")

    def handle(self, *args, **options):
        if options["action"] == "presets":
            for preset in PRESETS.values():
                self.stdout.write(f"{preset.slug}\t{preset.title}: {preset.description}")
            return
        spec = self._read(options["file"])
        try:
            result = run(
                spec,
                samples=options["samples"],
                seed=options["seed"],
                sensitivity=not options["no_sensitivity"],
            )
        except ForesightInputError as error:
            raise CommandError(
                "invalid scenario:\n"
                + "\n".join(f"  {field}: {message}" for field, message in error.errors.items())
            ) from None
        if options["format"] == "csv":
            self.stdout.write(csv_table(result), ending="")
        else:
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _read(self, name: str):
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {name}: {error.strerror}") from None
        try:
            return bounded_json.loads(text)
        except ValueError as error:
            raise CommandError(f"{name} is not valid JSON: {error}") from None
