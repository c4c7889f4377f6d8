"""``sustainai duplicates``: candidate duplicate pairs of Atlas initiatives, best first."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from sustainai.atlas.models import Initiative
from sustainai.core.progress import make_progress
from sustainai.linkage import engine, services

STEPS = ["read", "features", "blocking and scoring", "reasons", "save"]


class Command(BaseCommand):
    help = (
        "Print candidate duplicate pairs of Atlas initiatives (JSON or CSV), best first. "
        "--refresh also stores them in the coordinators' review queue."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--min-score",
            type=float,
            default=None,
            help=f"lowest score printed, 0 to 1 (default: the review queue's, {engine.QUEUE_THRESHOLD})",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="recompute the review queue (the batch run) with a progress bar",
        )
        parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        parser.add_argument(
            "--semantic",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="add (or leave out) the sentence-embedding pass; default: the "
            "SUSTAINAI_DUPLICATES_SEMANTIC setting (needs the semantic extra)",
        )

    def handle(self, *args, **options):
        min_score = options["min_score"]
        if min_score is None:
            min_score = engine.QUEUE_THRESHOLD
        if not 0.0 <= min_score <= 1.0:
            raise CommandError(f"--min-score must lie between 0 and 1, not {min_score}.")
        try:
            semantic = services.semantic_wanted(options["semantic"])
        except services.SemanticUnavailable as error:
            raise CommandError(str(error)) from None
        # The bar goes to stderr so that stdout stays a clean JSON/CSV document.
        progress = make_progress(disable=not sys.stderr.isatty())
        progress.console.file = sys.stderr
        with progress:
            task = progress.add_task("Duplicates", total=len(STEPS))

            def step(name: str) -> None:
                progress.update(task, description=f"Duplicates: {name}", advance=1)

            step("read")
            # The review queue's own batch run (services.find_candidates), down to --min-score.
            candidates = services.find_candidates(
                min_score=min(min_score, engine.QUEUE_THRESHOLD),
                engine_name=options["engine"],
                semantic=semantic,
                on_step=step,
            )
            if options["refresh"]:
                services.store_candidates(
                    [c for c in candidates if c.score >= engine.QUEUE_THRESHOLD]
                )
            step("save")
        shown = {i for c in candidates if c.score >= min_score for i in (c.a, c.b)}
        names = dict(Initiative.objects.filter(pk__in=shown).values_list("pk", "name"))
        rows = [
            {
                "a": {"id": c.a, "name": names[c.a]},
                "b": {"id": c.b, "name": names[c.b]},
                "score": c.score,
                "reasons": [engine.REASONS[r] for r in c.reasons],
            }
            for c in candidates
            if c.score >= min_score
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            writer = csv.writer(self.stdout)
            writer.writerow(["a_id", "a_name", "b_id", "b_name", "score", "reasons"])
            for row in rows:
                writer.writerow(
                    [
                        row["a"]["id"],
                        row["a"]["name"],
                        row["b"]["id"],
                        row["b"]["name"],
                        f"{row['score']:.4f}",
                        "; ".join(row["reasons"]),
                    ]
                )
        if options["refresh"]:
            stored = sum(1 for c in candidates if c.score >= engine.QUEUE_THRESHOLD)
            self.stderr.write(f"Review queue: {stored} candidate pairs.")
