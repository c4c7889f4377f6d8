"""The challenges' sandbox: its cost, and how steady its energy figures are.

On scikit-learn's digits (the ``digits-frugal`` split: 75/25, stratified, seed 0) with the three
example submissions of the demo, each run ``--repeats`` times three ways:

- **bare**: ``predict`` in a fresh interpreter (same imports, one thread), no sandbox, no measure;
- **sandbox**: ``sandbox.evaluate(..., measured=False)``: bubblewrap, limits, output checks;
- **sandbox + energy**: ``sandbox.evaluate(...)`` as the worker runs it, under CodeCarbon.

It prints the mean wall time of each, the overheads against bare, the measured energy of each run
with its spread ((max − min) / mean), and the throughput: ``--evaluations`` full evaluations (the
worker's: ``--repeats`` measured runs each, of the small example) on ``--workers`` parallel
processes, as evaluations per hour.

    python bench/challenges.py                 # 3 repeats, 6 evaluations on 2 workers
    python bench/challenges.py --repeats 5 --evaluations 8
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sustainai.sandbox import evaluate  # noqa: E402
from sustainai.sandbox.scoring import score, spread  # noqa: E402

EXAMPLES = ROOT / "src" / "sustainai" / "toolkits" / "challenges" / "examples"
NAMES = ("nearest_centroid.py", "logistic_regression.py", "random_forest.py")
BARE = """
import importlib.util, sys, numpy as np
d = sys.argv[1]
spec = importlib.util.spec_from_file_location("submission", sys.argv[2])
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
out = module.predict(np.load(d + "/X_train.npy"), np.load(d + "/y_train.npy"), np.load(d + "/X_test.npy"))
np.save(d + "/out.npy", np.asarray(out))
"""


def data():
    bunch = load_digits()
    return train_test_split(
        bunch.data, bunch.target, test_size=0.25, random_state=0, stratify=bunch.target
    )


def bare(path: Path, x_train, y_train, x_test, directory: str) -> float:
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", BARE, directory, str(path)], check=True, env=env)
    return time.monotonic() - started


def one_evaluation(args: tuple[str, int]) -> float:
    source, repeats = args
    x_train, x_test, y_train, _ = data()
    started = time.monotonic()
    result = evaluate(source, x_train, y_train, x_test, list(range(10)), repeats=repeats)
    assert result.status == "ok", result.reason
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--evaluations", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    x_train, x_test, y_train, y_test = data()
    classes = list(range(10))
    report = {"examples": {}}
    with tempfile.TemporaryDirectory() as directory:
        for name, array in (("X_train", x_train), ("y_train", y_train), ("X_test", x_test)):
            np.save(f"{directory}/{name}.npy", array)
        for name in NAMES:
            path = EXAMPLES / name
            source = path.read_text()
            bare_s = [bare(path, x_train, y_train, x_test, directory) for _ in range(args.repeats)]
            plain = evaluate(
                source, x_train, y_train, x_test, classes, repeats=args.repeats, measured=False
            )
            measured_started = time.monotonic()
            measured = evaluate(source, x_train, y_train, x_test, classes, repeats=args.repeats)
            measured_total = time.monotonic() - measured_started
            assert plain.status == measured.status == "ok", (plain.reason, measured.reason)
            sandbox_s = [run.wall_s for run in plain.runs]
            energy = spread(measured.energy_wh)
            report["examples"][name] = {
                "accuracy": score("accuracy", y_test.tolist(), measured.predictions),
                "bare_s": statistics.mean(bare_s),
                "sandbox_s": statistics.mean(sandbox_s),
                "sandbox_and_energy_s": measured_total / args.repeats,
                "energy_wh_runs": measured.energy_wh,
                "energy_wh": energy,
                "method": measured.energy_method,
            }
    small = (EXAMPLES / NAMES[0]).read_text()
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(one_evaluation, [(small, args.repeats)] * args.evaluations))
    elapsed = time.monotonic() - started
    report["throughput"] = {
        "evaluations": args.evaluations,
        "workers": args.workers,
        "repeats_per_evaluation": args.repeats,
        "elapsed_s": elapsed,
        "evaluations_per_hour": args.evaluations * 3600 / elapsed,
    }
    report["cpus"] = os.cpu_count()
    print(f"{'example':24} {'accuracy':>8} {'bare s':>7} {'sandbox s':>9} {'+energy s':>9} "
          f"{'mean Wh':>9} {'spread':>7}")  # fmt: skip
    for name, r in report["examples"].items():
        print(
            f"{name:24} {r['accuracy']:8.4f} {r['bare_s']:7.2f} {r['sandbox_s']:9.2f} "
            f"{r['sandbox_and_energy_s']:9.2f} {r['energy_wh']['mean']:9.5f} "
            f"{r['energy_wh']['relative_spread']:7.1%}"
        )
    t = report["throughput"]
    print(
        f"throughput: {t['evaluations']} evaluations ({t['repeats_per_evaluation']} measured runs "
        f"each) on {t['workers']} workers in {t['elapsed_s']:.1f} s = "
        f"{t['evaluations_per_hour']:.0f} evaluations/hour"
    )
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
