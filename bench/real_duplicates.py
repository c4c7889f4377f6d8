"""The real, labelled duplicates of the Atlas: public sustainable-AI initiatives entered as different
members would enter them, and pairs of them labelled same or different by reading the sources.

    from bench.real_duplicates import load_records, load_pairs
    records = load_records()              # {key: record dict, in the Atlas import's columns}
    dev = load_pairs("dev")               # [Pair(key_a, key_b, same, kind, evidence, split)]

No Django, no third-party package: the benchmark and the tests both read it. The data and how they
were gathered and labelled are described in ``bench/data/real_duplicates/README.md``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data" / "real_duplicates"
INITIATIVES = DATA_DIR / "initiatives.json"
PAIRS = DATA_DIR / "pairs.csv"
SPLITS = ("dev", "test")
LABELS = ("same", "different")


@dataclass(frozen=True)
class Pair:
    key_a: str
    key_b: str
    same: bool
    kind: str
    evidence: str
    split: str

    @property
    def label_text(self) -> str:
        return "same" if self.same else "different"

    @property
    def keys(self) -> frozenset[str]:
        return frozenset((self.key_a, self.key_b))


def pair_hash(key_a: str, key_b: str) -> str:
    """The order of a pair within its label and kind: SHA-256 of the two keys, sorted, joined by
    "|". The split rule (``assign_splits``) walks each (label, kind) group in this order."""
    first, second = sorted((key_a, key_b))
    return hashlib.sha256(f"{first}|{second}".encode()).hexdigest()


def assign_splits(rows: list[tuple[str, str, str, str]]) -> dict[frozenset[str], str]:
    """The split of each (key_a, key_b, label, kind): within each (label, kind), pairs sorted by
    ``pair_hash`` alternate dev, test, dev, …, so every group of two or more is in both halves and
    the halves differ by at most one pair per group."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key_a, key_b, label, kind in rows:
        groups.setdefault((label, kind), []).append((key_a, key_b))
    splits = {}
    for members in groups.values():
        members.sort(key=lambda pair: pair_hash(*pair))
        for index, (key_a, key_b) in enumerate(members):
            splits[frozenset((key_a, key_b))] = SPLITS[index % 2]
    return splits


def load_records(path: Path = INITIATIVES) -> dict[str, dict[str, Any]]:
    """Every record by its key, as the import file holds it (``{"initiatives": [...]}``)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    records: dict[str, dict[str, Any]] = {}
    for record in document["initiatives"]:
        key = record["key"]
        if key in records:
            raise ValueError(f"{path.name}: key {key!r} appears twice")
        records[key] = record
    return records


def load_pairs(split: str | None = None, path: Path = PAIRS) -> list[Pair]:
    """The labelled pairs, of one split ("dev" or "test") or of both (``None``)."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["label"] not in LABELS or row["split"] not in SPLITS:
                raise ValueError(f"{path.name} line {line}: bad label or split")
            pairs.append(
                Pair(
                    row["key_a"],
                    row["key_b"],
                    row["label"] == "same",
                    row["kind"],
                    row["evidence"],
                    row["split"],
                )
            )
    return [pair for pair in pairs if split is None or pair.split == split]


def organisations(record: dict[str, Any]) -> list[str]:
    """Lead organisations then partners, as the Atlas lists an initiative's organisations."""
    return [*record.get("organisations", []), *record.get("partners", [])]
