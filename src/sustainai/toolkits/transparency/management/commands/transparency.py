"""``sustainai transparency``: disclosure control on a file of contributions, offline.

sustainai transparency aggregate FILE --metric M --by COL [--by COL2]
    [--min-contributors 3] [--dominance 2,85] [--p-percent 10] --format json|text
sustainai transparency new-key        a Fernet key for SUSTAINAI_CONFIDENTIAL_KEYS
sustainai transparency rotate-keys    re-encrypt every figure under the first key
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sustainai.disclosure import DisclosureError, Parameters, aggregate, read_contributions


class Command(BaseCommand):
    help = "Aggregate confidential contributions and publish only the cells that pass the rules."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        agg = sub.add_parser("aggregate", help="a CSV of contributions ('-': stdin) to safe cells")
        agg.add_argument("file")
        agg.add_argument("--metric", required=True)
        agg.add_argument(
            "--by", action="append", required=True, help="grouping column (once or twice)"
        )
        agg.add_argument("--min-contributors", type=int, default=3, dest="min_contributors")
        agg.add_argument("--dominance", default="2,85", help="n,k: the n largest over k %% (2,85)")
        agg.add_argument("--p-percent", type=float, default=10.0, dest="p_percent")
        agg.add_argument("--format", choices=["json", "text"], default="json")
        sub.add_parser("new-key", help="print a new key for SUSTAINAI_CONFIDENTIAL_KEYS")
        sub.add_parser("rotate-keys", help="re-encrypt every figure under the first key")

    def handle(self, *args, **options):
        if options["action"] == "new-key":
            from sustainai.toolkits.transparency.encryption import new_key

            self.stdout.write(new_key())
            return
        if options["action"] == "rotate-keys":
            from sustainai.toolkits.transparency.services import rotate_keys

            count = rotate_keys()
            self.stdout.write(f"{count} figures re-encrypted under the first key.")
            return
        try:
            n, k = Parameters.parse_dominance(options["dominance"])
            parameters = Parameters(
                min_contributors=options["min_contributors"],
                dominance_n=n,
                dominance_k=k,
                p_percent=options["p_percent"],
            )
            by = options["by"]
            if options["file"] == "-":
                rows = read_contributions(sys.stdin, options["metric"], by)
            else:
                try:
                    with open(options["file"], encoding="utf-8-sig", newline="") as stream:
                        rows = read_contributions(stream, options["metric"], by)
                except OSError as error:
                    raise CommandError(f"{options['file']}: {error.strerror}") from None
                except UnicodeDecodeError:
                    raise CommandError(f"{options['file']}: not UTF-8 text") from None
            result = aggregate(rows, by, parameters)
        except DisclosureError as error:
            raise CommandError(str(error)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            self._text(result, by)

    def _text(self, result, by):
        for cell in [*result["cells"], result["total"]]:
            label = " / ".join(cell["group"].get(column, "(all)") for column in by)
            if cell["suppressed"]:
                shown = f"hidden ({cell['reason']})"
            else:
                count = cell["contributors"]
                shown = f"{cell['value']:g}" + (
                    "" if count is None else f"  [{count} contributors]"
                )
            self.stdout.write(f"{label}: {shown}")
