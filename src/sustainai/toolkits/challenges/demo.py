"""Demo challenges of the data-challenges workstream, when the calls demo has opened it.

Two challenges on datasets that scikit-learn ships (so nothing is downloaded): ``digits-frugal`` on
the UCI optical recognition of handwritten digits (1,797 8×8 images, 10 classes) and
``wine-frugal`` on the UCI wine recognition data (178 wines, 13 chemical measurements, 3
cultivars). Each is split 75/25, stratified, with a fixed seed; the test labels go to the hidden
table only. Three example submissions of different sizes (``examples/``, written for this demo)
are entered by three demo teams. Their evaluation is queued for the task worker (``make serve``
starts one); with a backend that cannot defer tasks (the tests' immediate one) they stay queued,
so that loading the demo does not run nine sandboxed evaluations. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend
from sklearn.datasets import load_digits, load_wine
from sklearn.model_selection import train_test_split

from sustainai.toolkits.challenges import services
from sustainai.toolkits.challenges.apps import WORKSTREAM_SLUG
from sustainai.toolkits.challenges.models import Submission, Team
from sustainai.workstreams.models import Workstream

EXAMPLES = Path(__file__).with_name("examples")
SUBMISSIONS = (
    ("Demo — Centroids", "nearest_centroid.py", "Nearest class mean (numpy)"),
    ("Demo — Logistic", "logistic_regression.py", "Scaled logistic regression"),
    ("Demo — Forest", "random_forest.py", "Random forest, 500 trees"),
)
RULES = (
    "Submit one Python file (or a zip holding one) that defines predict(X_train, y_train, "
    "X_test) and returns one label per row of X_test.\n"
    "It runs in a sandbox without network, on one core, with numpy, SciPy and scikit-learn; the "
    "test labels never reach it.\n"
    "Each submission is run and measured three times; the leaderboard shows the mean energy and "
    "the range. The best submissions are re-run for the final ranking."
)
CHALLENGES = (
    {
        "slug": "digits-frugal",
        "title": "Frugal digits: handwritten digit recognition on an energy budget",
        "summary": (
            "Recognise handwritten digits from 8×8 images with as little energy as possible: "
            "the best accuracy within the budget wins one ranking, the least energy above 90 % "
            "accuracy the other."
        ),
        "dataset_name": "UCI Optical Recognition of Handwritten Digits (scikit-learn load_digits)",
        "dataset_source": "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
        "loader": load_digits,
        "energy_budget_wh": 0.05,
        "min_score": 0.9,
    },
    {
        "slug": "wine-frugal",
        "title": "Frugal wine: cultivar recognition from chemical analysis",
        "summary": (
            "Tell three wine cultivars apart from thirteen chemical measurements, with as little "
            "energy as possible; ranked on macro-averaged F1."
        ),
        "dataset_name": "UCI Wine recognition data (scikit-learn load_wine)",
        "dataset_source": "https://archive.ics.uci.edu/dataset/109/wine",
        "loader": load_wine,
        "metric": "macro_f1",
        "energy_budget_wh": 0.03,
        "min_score": 0.85,
    },
)


def load(out) -> None:
    workstream = Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()
    if workstream is None:
        out.write("  no data-challenges workstream: no demo challenge")
        return
    queued = 0
    for spec in CHALLENGES:
        spec = dict(spec)
        bunch = spec.pop("loader")()
        x_train, x_test, y_train, y_test = train_test_split(
            bunch.data, bunch.target, test_size=0.25, random_state=0, stratify=bunch.target
        )
        with transaction.atomic():
            challenge = services.create_challenge(
                workstream=workstream,
                x_train=x_train,
                y_train=y_train,
                x_test=x_test,
                y_test=y_test,
                rules=RULES,
                is_demo=True,
                **spec,
            )
            for name, filename, label in SUBMISSIONS:
                team = Team.objects.filter(challenge=challenge, name=name).first()
                if team is None:
                    team = Team.objects.create(challenge=challenge, name=name, is_demo=True)
                if Submission.objects.filter(team=team, filename=filename).exists():
                    continue
                submission = services.submit(
                    team,
                    (EXAMPLES / filename).read_bytes(),
                    filename,
                    label=label,
                    is_demo=True,
                    enqueue=False,
                )
                if default_task_backend.supports_defer:
                    services.schedule(
                        submission, run_after=timezone.now() + datetime.timedelta(seconds=5)
                    )
                    queued += 1
    out.write(
        f"  {len(CHALLENGES)} demo challenge(s) in “{workstream.title}”, "
        f"{queued} example submission(s) queued for the worker"
    )
