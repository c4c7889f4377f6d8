"""``sustainai models``: compress and benchmark entries of the compressed-models library.

sustainai models build-demo
sustainai models compress ENTRY --method dynamic-int8|static-int8|fp16
sustainai models benchmark ENTRY [--repeat N] [--format json|text]
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sustainai.toolkits.models import services
from sustainai.toolkits.models.models import Entry


class Command(BaseCommand):
    help = "Compress and benchmark entries of the compressed-models library."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compress = sub.add_parser("compress", help="compress an entry's model into a new entry")
        compress.add_argument("entry")
        compress.add_argument(
            "--method", required=True, choices=("dynamic-int8", "static-int8", "fp16")
        )
        bench = sub.add_parser("benchmark", help="measure an entry and record the result")
        bench.add_argument("entry")
        bench.add_argument("--repeat", type=int, default=1)
        bench.add_argument("--format", choices=("json", "text"), default="text")
        sub.add_parser("build-demo", help="build the demo models' files (offline)")

    def handle(self, *args, action, **options):
        if action == "build-demo":
            from sustainai.compression.demo import build

            built = build(services.models_dir())
            self.stdout.write(f"{len(built)} model files in {services.models_dir()}")
            return
        entry = Entry.objects.select_related("base").filter(slug=options["entry"]).first()
        if entry is None:
            raise CommandError(f"no entry {options['entry']!r}")
        try:
            if action == "compress":
                made = services.compress_entry(entry, options["method"])
                self.stdout.write(f"{made.slug}: {made.size_mb} MB ({made.artefact})")
                return
            result = services.benchmark_entry(entry, repeat=options["repeat"])
        except services.EntryError as error:
            raise CommandError(str(error)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result))
        else:
            energy = result["energy_j_per_1k"]
            self.stdout.write(
                f"{entry.slug}: {result['size_mb']} MB, {result['metric']} {result['quality']}, "
                f"p50 {result['latency_ms']['p50']} ms, {energy['value']} J per 1,000 "
                f"({energy['low']}–{energy['high']}, {result['method']}) on {result['hardware']}"
            )
