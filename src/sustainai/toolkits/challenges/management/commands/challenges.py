"""``sustainai challenges``: submissions and leaderboards from the command line.

sustainai challenges submit SLUG FILE --team NAME [--wait] [--label TEXT]
sustainai challenges leaderboard SLUG [--format json|text]
sustainai challenges finalise SLUG
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sustainai.toolkits.challenges import selectors, services
from sustainai.toolkits.challenges.models import Submission


class Command(BaseCommand):
    help = "Submit to a challenge, show its leaderboard, run its final ranking."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("submit", help="submit a Python file (or a zip with one) for a team")
        s.add_argument("slug")
        s.add_argument("file")
        s.add_argument("--team", required=True, help="the team's name (formed if new)")
        s.add_argument("--label", default="")
        s.add_argument(
            "--wait",
            action="store_true",
            help="evaluate now, in this process, and print the result",
        )
        board = sub.add_parser("leaderboard", help="the leaderboard")
        board.add_argument("slug")
        board.add_argument("--format", choices=["json", "text"], default="text")
        final = sub.add_parser("finalise", help="re-run the best submissions, close the challenge")
        final.add_argument("slug")

    def handle(self, *args, **options):
        challenge = selectors.challenge(options["slug"])
        if challenge is None:
            raise CommandError(f"no challenge {options['slug']!r}")
        getattr(self, "_" + options["action"])(challenge, options)

    def _submit(self, challenge, options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            team = services.find_team(challenge, options["team"]) or services.form_team(
                challenge, options["team"]
            )
            submission = services.submit(
                team, content, path.name, label=options["label"], enqueue=not options["wait"]
            )
        except services.ChallengeError as error:
            raise CommandError(str(error)) from None
        if options["wait"]:
            services.evaluate_submission(submission.pk)
        submission = Submission.objects.get(pk=submission.pk)
        result = {
            "submission": submission.pk,
            "team": team.name,
            "status": submission.status,
            "accuracy": submission.score,
            "energy_wh": submission.energy_wh,
            "energy_wh_range": [submission.energy_wh_min, submission.energy_wh_max],
            "emissions_g": submission.emissions_g,
            "energy_method": submission.energy_method,
            "error": submission.reason or None,
        }
        self.stdout.write(json.dumps(result, indent=2))

    def _leaderboard(self, challenge, options):
        rows = selectors.leaderboard(challenge).rows
        if options["format"] == "json":
            self.stdout.write(json.dumps([row.as_item() for row in rows], indent=2))
            return
        for row in rows:
            item = row.as_item()
            if item["status"] == "scored":
                pareto = "\tpareto" if item["pareto"] else ""
                self.stdout.write(
                    f"#{item['submission']}\t{item['team']}\t{item['accuracy']:.4f}\t"
                    f"{item['energy_wh']:.5f} Wh{pareto}"
                )
            else:
                self.stdout.write(f"#{item['submission']}\t{item['team']}\tfailed: {item['error']}")

    def _finalise(self, challenge, options):
        count = services.finalise(challenge.pk)
        self.stdout.write(f"{count} submission(s) re-run; {challenge.slug} is closed")
