"""Time of the foresight model's Monte Carlo: N samples over 12 years, vectorised with numpy,
against a plain Python loop over a subset of the same samples (the baseline, in the same run).

The loop evaluates the same formula sample by sample and year by year; the script checks that it
gives the same figures as the vectorised model on that subset before reporting the speed-up.

    python bench/foresight.py                   # 10,000 samples, multi-agent preset
    python bench/foresight.py --samples 2000 --loop 200 --preset iea-base
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sustainai.foresight import model as m  # noqa: E402
from sustainai.foresight import read, run  # noqa: E402
from sustainai.foresight.parameters import NAMES  # noqa: E402
from sustainai.foresight.run import _columns, resolved  # noqa: E402


def loop_total(p: dict[str, float], years: list[int], anchors, end: float, tokens) -> list[float]:
    """The model for one sample, in plain Python: total TWh per year."""
    out = []
    central = m.baseline_path(anchors, years)
    for i, year in enumerate(years):
        t = year - 2024
        baseline = central[i] * (p["baseline_2035_twh"] / end) ** (t / 11)
        adoption = 1 / (
            1 + math.exp(-p["adoption_steepness"] * (year - p["adoption_midpoint_year"]))
        )
        tasks = p["agent_users_millions"] * 1e6 * p["tasks_per_user_per_day"] * 365 * adoption
        s = p["large_model_share"]
        kin = s * tokens["large"]["input"]["value"] + (1 - s) * tokens["small"]["input"]["value"]
        kout = s * tokens["large"]["output"]["value"] + (1 - s) * tokens["small"]["output"]["value"]
        inputs = p["input_tokens_per_call"] * (1 + p["context_growth_per_year"]) ** t
        per_call = inputs * kin + p["output_tokens_per_call"] * kout
        eff = (
            (1 - p["hardware_efficiency_gain_per_year"])
            * (1 - p["software_efficiency_gain_per_year"])
        ) ** t
        u = p["fleet_utilisation"]
        idle = 1 + (1 - u) / u * p["idle_power_share"]
        pue = p["pue_2024"] + (p["pue_2035"] - p["pue_2024"]) * t / 11
        agentic = (
            tasks
            * p["calls_per_task"]
            * per_call
            * p["per_token_energy_factor"]
            * eff
            * idle
            * pue
            / 1e9
        )
        out.append(baseline + agentic * (1 - p["baseline_overlap"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--loop", type=int, default=1_000, help="samples run by the Python loop")
    parser.add_argument("--preset", default="multi-agent")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    spec = {"preset": args.preset}
    run(spec, samples=100, seed=0)  # warm up: imports, the engine's per-token figures

    start = time.perf_counter()
    run(spec, samples=args.samples, seed=args.seed, sensitivity=False)
    monte_carlo = time.perf_counter() - start
    start = time.perf_counter()
    full = run(spec, samples=args.samples, seed=args.seed)
    with_sensitivity = time.perf_counter() - start

    scenario = read(spec)
    distributions, tokens = resolved(scenario)
    names = [n for n in NAMES if distributions[n].uncertain]
    u = np.random.default_rng(args.seed).random((args.loop, len(names)))
    columns = _columns(distributions, u, names)
    end = float(m.baseline_path(scenario.anchors, [2035])[0])
    start = time.perf_counter()
    vector = m.evaluate(columns, scenario.years, scenario.anchors, end, tokens)["total_twh"]
    vector_subset = time.perf_counter() - start
    start = time.perf_counter()
    looped = [
        loop_total(
            {n: float(columns[n][i]) for n in NAMES}, scenario.years, scenario.anchors, end, tokens
        )
        for i in range(args.loop)
    ]
    loop_time = time.perf_counter() - start
    assert np.allclose(np.array(looped), vector, rtol=1e-9), "the loop and the model disagree"

    per_sample_loop = loop_time / args.loop
    print(f"preset {args.preset}, {len(scenario.years)} years, {len(names)} uncertain parameters")
    print(f"Monte Carlo, {args.samples:,} samples (percentiles, tornado): {monte_carlo:.3f} s")
    print(
        f"  with the Sobol analysis ({len(full['sensitivity'])} indices): {with_sensitivity:.3f} s"
    )
    print(
        f"model alone, {args.loop:,} samples: vectorised {vector_subset * 1000:.2f} ms, "
        f"Python loop {loop_time * 1000:.1f} ms (same figures), "
        f"speed-up x{loop_time / vector_subset:.0f}"
    )
    print(
        f"Python loop extrapolated to {args.samples:,} samples: "
        f"{per_sample_loop * args.samples:.2f} s"
    )


if __name__ == "__main__":
    main()
