"""The duplicate detector measured on the real, labelled duplicates (bench/data/real_duplicates).

    python bench/real_duplicates_eval.py                  # default threshold, both splits
    python bench/real_duplicates_eval.py --threshold 0.3 --split dev --json out.json

Runs the engine (``find_duplicates``) on all the records at once, as ``sustainai duplicates`` runs
on the Atlas, then for each split: recall of the "same" pairs, precision (a labelled "different"
pair among the candidates is a false positive; candidates between unlabelled pairs are counted
apart, as "unlabelled", since pairs are labelled only where the sources were read), the recall by
kind, and the labelled pairs that blocking never compares (their score is then given by scoring
the pair directly, to tell a blocking miss from a scoring miss).

Records go to the engine as ``linkage.selectors.initiative_records`` builds them from the Atlas:
summary and description joined, lead then partner organisations, and only country codes (a region
such as ``EU`` is not a country of the Atlas).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.real_duplicates import SPLITS, load_pairs, load_records, organisations  # noqa: E402

from sustainai.linkage.engine import (  # noqa: E402
    QUEUE_THRESHOLD,
    InitiativeRecord,
    build_corpus,
    find_duplicates,
    score_pair,
)


def engine_records(
    records: dict[str, dict[str, Any]],
) -> tuple[list[InitiativeRecord], dict[str, int]]:
    ids = {key: number for number, key in enumerate(sorted(records), start=1)}
    result = []
    for key, record in records.items():
        year = record.get("year")
        result.append(
            InitiativeRecord(
                id=ids[key],
                name=record["name"],
                aliases=tuple(record.get("aliases", [])),
                description="\n".join(
                    t for t in (record.get("summary", ""), record.get("description", "")) if t
                ),
                website=record.get("website", ""),
                organisations=tuple(organisations(record)),
                countries=tuple(
                    c
                    for c in record.get("countries", [])
                    if len(c) == 2 and c.isalpha() and c != "EU"
                ),
                start_year=int(year) if year else None,
                type=record.get("type", ""),
            )
        )
    return result, ids


def evaluate(threshold: float) -> dict[str, Any]:
    records = load_records()
    engine_input, ids = engine_records(records)
    compared = {(c.a, c.b): c.score for c in find_duplicates(engine_input, threshold=0.0)}
    corpus = build_corpus(engine_input)
    features = dict(zip([r.id for r in engine_input], corpus.rows, strict=True))
    candidates = {pair for pair, score in compared.items() if score >= threshold}
    labelled_keys = set()
    report: dict[str, Any] = {"threshold": threshold, "records": len(records), "splits": {}}
    for split in SPLITS:
        pairs = load_pairs(split)
        tp = fp = fn = 0
        by_kind: dict[str, Counter[str]] = defaultdict(Counter)
        never_compared, missed, false_positives = [], [], []
        for pair in pairs:
            key = tuple(sorted((ids[pair.key_a], ids[pair.key_b])))
            labelled_keys.add(key)
            found = key in candidates
            score = compared.get(key)
            if score is None:
                direct, _ = score_pair(features[key[0]], features[key[1]])
                never_compared.append((pair.key_a, pair.key_b, pair.label_text, round(direct, 4)))
            if pair.same:
                by_kind[pair.kind]["same"] += 1
                if found:
                    tp += 1
                    by_kind[pair.kind]["found"] += 1
                else:
                    fn += 1
                    missed.append((pair.key_a, pair.key_b, pair.kind, score))
            elif found:
                fp += 1
                false_positives.append((pair.key_a, pair.key_b, pair.kind, score))
        report["splits"][split] = {
            "same_pairs": tp + fn,
            "different_pairs": sum(not p.same for p in pairs),
            "found": tp,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "labelled_false_positives": fp,
            "precision_on_labelled": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall_by_kind": {k: f"{c['found']}/{c['same']}" for k, c in sorted(by_kind.items())},
            "never_compared": never_compared,
            "missed": missed,
            "false_positives": false_positives,
        }
    report["candidates"] = len(candidates)
    report["unlabelled_candidates"] = len(candidates - labelled_keys)
    report["compared_pairs"] = len(compared)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=QUEUE_THRESHOLD)
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--json", type=Path, help="also write the full report here")
    args = parser.parse_args()
    report = evaluate(args.threshold)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    print(
        f"threshold {report['threshold']}: {report['records']} records, "
        f"{report['compared_pairs']} pairs compared, {report['candidates']} candidates "
        f"({report['unlabelled_candidates']} unlabelled)"
    )
    for split, figures in report["splits"].items():
        if args.split and split != args.split:
            continue
        print(
            f"{split}: recall {figures['recall']} ({figures['found']}/{figures['same_pairs']}), "
            f"precision on labelled pairs {figures['precision_on_labelled']} "
            f"({figures['labelled_false_positives']} of {figures['different_pairs']} different "
            f"pairs proposed), never compared {len(figures['never_compared'])}"
        )
        print(
            "  recall by kind:", ", ".join(f"{k} {v}" for k, v in figures["recall_by_kind"].items())
        )


if __name__ == "__main__":
    main()
