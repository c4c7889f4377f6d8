"""The real, labelled duplicates (``bench/data/real_duplicates``) that the benchmark and the engine's
tests measure against: sizes, keys, labels, provenance, splits, and that the Atlas imports them."""

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bench.real_duplicates import INITIATIVES, SPLITS, assign_splits, load_pairs, load_records

from sustainai.atlas.importing import import_initiatives

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
RECORDS = load_records()
PAIRS = load_pairs()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


def test_sizes():
    labels = Counter(pair.same for pair in PAIRS)
    assert len(RECORDS) >= 150
    assert labels[True] >= 40
    assert labels[False] >= 10


def test_every_pair_names_two_known_records_once():
    seen = set()
    for pair in PAIRS:
        assert pair.key_a in RECORDS, pair
        assert pair.key_b in RECORDS, pair
        assert pair.key_a != pair.key_b, pair
        assert pair.keys not in seen, pair
        seen.add(pair.keys)
        assert pair.kind and pair.evidence.strip(), pair


def test_labels_are_consistent_across_chains():
    """Two records that are each the same as a third are the same as each other: no pair labelled
    different joins two records of one cluster."""
    parent = {key: key for key in RECORDS}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for pair in PAIRS:
        if pair.same:
            parent[root(pair.key_a)] = root(pair.key_b)
    for pair in PAIRS:
        if not pair.same:
            assert root(pair.key_a) != root(pair.key_b), pair


def test_every_record_has_provenance():
    for key, record in RECORDS.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", key), key
        assert record["name"].strip(), key
        assert record["description"].strip(), key
        parts = urlsplit(record["source_url"])
        assert parts.scheme == "https" and parts.netloc, key
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["retrieved"]), key


def test_no_control_characters():
    for key, record in RECORDS.items():
        for text in _strings(record):
            assert not CONTROL.search(text), (key, text)


def test_splits_follow_the_documented_rule_and_are_balanced():
    rule = assign_splits(
        [(p.key_a, p.key_b, "same" if p.same else "different", p.kind) for p in PAIRS]
    )
    for pair in PAIRS:
        assert pair.split == rule[pair.keys], pair
    groups = Counter((pair.same, pair.kind) for pair in PAIRS)
    by_split = Counter((pair.same, pair.kind, pair.split) for pair in PAIRS)
    for (same, kind), total in groups.items():
        dev, test = by_split[same, kind, "dev"], by_split[same, kind, "test"]
        assert abs(dev - test) <= 1, kind
        if total >= 2:
            assert dev and test, kind
    sizes = [len(load_pairs(split)) for split in SPLITS]
    assert sum(sizes) == len(PAIRS)
    assert abs(sizes[0] - sizes[1]) <= len(groups)


@pytest.mark.django_db
def test_the_atlas_imports_every_record():
    report = import_initiatives(INITIATIVES.read_bytes(), filename=INITIATIVES.name, dry_run=True)
    assert report.errors == []
    document = json.loads(INITIATIVES.read_text(encoding="utf-8"))
    assert len(document["initiatives"]) == len(RECORDS)
    ignored = {column for column, field in report.columns.items() if field is None}
    assert ignored == {"key", "source_url", "retrieved"}
