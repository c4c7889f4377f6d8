"""Estimate the duplicate model's m and u probabilities from the real labelled set.

    python bench/fit_duplicates.py [--real-dir bench/data/real_duplicates]

Writes ``src/sustainai/linkage/data/weights.json``, which the engine reads at import.

- **u** (how often two *different* initiatives land in a level) is counted over every pair of the
  set's records (pairs joined by the development half's "same" labels are left out). A level seen
  fewer than ``MIN_U_COUNT`` times, or a near-decisive one (prior u under ``STRONG_U``, see
  ``_u_from_data``), keeps its documented prior.
- **m** (how often the *same* initiative lands in a level) comes from the development half's
  "same" pairs only, with the documented priors as ``PRIOR_STRENGTH`` pseudo-pairs (a Dirichlet
  prior), so that a level no development pair happens to reach keeps a small m.

The test half is never read.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from duplicates import REAL_DIR, _groups, real_pairs, real_records  # noqa: E402
from markdown_blocks import rewrite  # noqa: E402
from sustainai.linkage import engine, semantic  # noqa: E402

MIN_U_COUNT = 5
PRIOR_STRENGTH = 10.0


def _u_from_data(level: engine.Level, count: int) -> bool:
    """Whether the set can estimate a level's u: seen often enough, and not a near-decisive level.

    The set was gathered around groups of duplicates, so its random pairs are far likelier to be
    one initiative than the Atlas's; for the rare, strong levels (prior u under 0.001: same page,
    same standard, same name...) most of the pairs it counts are such unlabelled duplicates, and
    their u would come out far too high. Those keep their priors.
    """
    return count >= MIN_U_COUNT and level.u >= STRONG_U


STRONG_U = 0.001

# Levels that must weigh at least as much as another of their comparison, (stronger, weaker):
# the same name is also every word of one in the other, and a name typed word by word in the hint
# must never score less as it grows ("begins the other" before "every word in the other" before
# "the same name"). Where the data say otherwise (one development pair or two), the two levels are
# pooled: both get the weight of their summed m and u, and the m still sum to one.
ORDERED = {
    "name": [("same_name", "name_within"), ("name_within", "compact_name")],
}


def _pool_violations(comparison: str, m: dict[str, float], u: dict[str, float]) -> None:
    for stronger, weaker in ORDERED.get(comparison, ()):
        if m[stronger] / u[stronger] >= m[weaker] / u[weaker]:
            continue
        ratio = (m[stronger] + m[weaker]) / (u[stronger] + u[weaker])
        # Rounded (to the 6 digits written) so that the stronger is not below the weaker.
        m[stronger] = math.ceil(ratio * u[stronger] * 1e6) / 1e6
        m[weaker] = math.floor(ratio * u[weaker] * 1e6) / 1e6


def level_code(comp: engine.Comparison, gamma: int) -> str:
    return comp.levels[len(comp.levels) - 1 - gamma].code or "else"


def fit(directory: Path) -> dict:
    records, ids = real_records(directory)
    pairs = [row for row in real_pairs(directory, ids) if row["split"] == "dev"]
    # The batch run's features; with the semantic pass when its extra is installed (its
    # comparison is fitted like the others; without it, it keeps its priors).
    corpus = engine.build_corpus(records, semantic=semantic.available())
    features = {row["unique_id"]: row for row in corpus.rows}
    groups = _groups(pairs)
    same = {row["pair"] for row in pairs if row["label"] == "same"}

    u_counts: dict[str, Counter[str]] = {c.name: Counter() for c in engine.PRIOR_COMPARISONS}
    u_totals: Counter[str] = Counter()
    for a, b in itertools.combinations(sorted(features), 2):
        if groups.get(a, -a) == groups.get(b, -b):
            continue
        vector = engine.gammas(features[a], features[b])
        for comp in engine.PRIOR_COMPARISONS:
            if vector[comp.name] >= 0:
                u_counts[comp.name][level_code(comp, vector[comp.name])] += 1
                u_totals[comp.name] += 1
    m_counts: dict[str, Counter[str]] = {c.name: Counter() for c in engine.PRIOR_COMPARISONS}
    m_totals: Counter[str] = Counter()
    for a, b in sorted(same):
        vector = engine.gammas(features[a], features[b])
        for comp in engine.PRIOR_COMPARISONS:
            if vector[comp.name] >= 0:
                m_counts[comp.name][level_code(comp, vector[comp.name])] += 1
                m_totals[comp.name] += 1

    parameters: dict[str, dict[str, list[float]]] = {}
    evidence: dict[str, dict[str, dict[str, object]]] = {}
    for comp in engine.PRIOR_COMPARISONS:
        codes = [level.code or "else" for level in comp.levels]
        n_m, n_u = m_totals[comp.name], u_totals[comp.name]
        m = {
            code: (m_counts[comp.name][code] + PRIOR_STRENGTH * level.m) / (n_m + PRIOR_STRENGTH)
            for code, level in zip(codes, comp.levels, strict=True)
        }
        u = {}
        for code, level in zip(codes[:-1], comp.levels[:-1], strict=True):
            count = u_counts[comp.name][code]
            u[code] = count / n_u if _u_from_data(level, count) and n_u else level.u
        u["else"] = 1.0 - sum(u.values())
        _pool_violations(comp.name, m, u)
        parameters[comp.name] = {code: [round(m[code], 6), round(u[code], 8)] for code in codes}
        evidence[comp.name] = {
            code: {
                "same_pairs": m_counts[comp.name][code],
                "other_pairs": u_counts[comp.name][code],
                "u_from": "data"
                if code == "else" or _u_from_data(level, u_counts[comp.name][code])
                else "prior",
            }
            for code, level in zip(codes, comp.levels, strict=True)
        }
    return {
        "fitted": date.today().isoformat(),
        "data": "bench/data/real_duplicates (development half for m; all record pairs for u)",
        "records": len(records),
        "semantic": semantic.available(),
        "same_pairs_dev": len(same),
        "prior_strength": PRIOR_STRENGTH,
        "min_u_count": MIN_U_COUNT,
        "parameters": parameters,
        "counts": evidence,
    }


def weights_table(result: dict) -> str:
    """The fitted levels as the Markdown table of docs/duplicates.md."""
    lines = [
        "| comparison | level | m | u | weight (bits) | dev same pairs | other pairs | u from |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for comp in sorted(result["parameters"]):
        for code in sorted(result["parameters"][comp]):
            m, u = result["parameters"][comp][code]
            count = result["counts"][comp][code]
            lines.append(
                f"| {comp} | {code} | {m:.4g} | {u:.3g} | {math.log2(m / u):+.1f} |"
                f" {count['same_pairs']} | {count['other_pairs']} | {count['u_from']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real-dir", type=Path, default=REAL_DIR)
    parser.add_argument("--write", type=Path, help="docs/duplicates.md: rewrite its weights table")
    args = parser.parse_args()
    result = fit(args.real_dir)
    if not result["semantic"] and engine.WEIGHTS_FILE.exists():
        # Without the extra the semantic comparison cannot be counted; it is independent of the
        # others, so the counts fitted with the extra installed are kept rather than reset.
        previous = json.loads(engine.WEIGHTS_FILE.read_text())
        if previous.get("semantic"):
            for key in ("parameters", "counts"):
                result[key]["semantic"] = previous[key]["semantic"]
            result["semantic"] = "kept from the fit of " + previous["fitted"]
    engine.WEIGHTS_FILE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    if args.write:
        rewrite(args.write, "weights", weights_table(result))
    for comp, levels in result["parameters"].items():
        print(
            comp,
            {code: round(__import__("math").log2(m / u), 1) for code, (m, u) in levels.items()},
        )


if __name__ == "__main__":
    main()
