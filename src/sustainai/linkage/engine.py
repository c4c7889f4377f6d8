"""Duplicate detection engine: features → blocking → Splink comparison → score and reasons.

No Django here: the batch job reads initiatives into :class:`InitiativeRecord` objects, and the
benchmark feeds generated ones straight in. One model specification (:data:`COMPARISONS`) drives
both evaluators: Splink's SQL (DuckDB on one machine, Spark for data that outgrows it) for the batch
run, and :func:`score_pair` in Python for a single new entry inside a request. Both compute the same
Fellegi-Sunter match weight from the same levels and the same m and u probabilities.
"""

from __future__ import annotations

import atexit
import itertools
import json
import logging
import math
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
from rapidfuzz.distance import JaroWinkler, Levenshtein
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from splink import comparison_level_library as cll

from sustainai.linkage import normalise

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType
    from splink import SettingsCreator
    from splink.internals.comparison_creator import ComparisonCreator
    from splink.internals.comparison_level_creator import ComparisonLevelCreator
    from splink.internals.database_api import DatabaseAPI

logger = logging.getLogger(__name__)

# A block key shared by more records than this is a common word or a portal's domain, not evidence:
# it is dropped (for blocking only; the comparisons still see the field).
MAX_BLOCK_SIZE = 15
# Salient description terms kept per record (highest TF-IDF weights).
DESCRIPTION_TERMS = 12
# Prior: the probability that two records drawn at random are the same initiative.
PRIOR = 1e-4
# Same-initiative pairs per record expected in a small Atlas: the prior of a corpus of n records is
# this over n - 1 (two random records of 87 are likelier to match than two of 100,000), never less
# than PRIOR. A documented prior, to be estimated on the labelled real set (docs/duplicates.md).
DUPLICATE_RATE = 0.1


def prior_for(size: int) -> float:
    """The probability that two random records of a corpus of ``size`` are one initiative."""
    return max(PRIOR, min(HINT_PRIOR, DUPLICATE_RATE / max(size - 1, 1)))


# Prior of the hint: an entry being submitted is far likelier to duplicate one of the few entries
# its block keys and name select than two random entries are to match (see docs/duplicates.md).
HINT_PRIOR = 1e-2
# The shortest name, spaces removed, that may begin another one as evidence ("compact_name").
COMPACT_PREFIX = 8
# The review queue's threshold (more likely than not the same initiative), and the CLI's default
# ``--min-score``.
QUEUE_THRESHOLD = 0.5

FRENCH_STOP_WORDS = frozenset(
    [
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "est",
        "sont",
        "ete",
        "etre",
        "avoir",
        "fait",
        "plus",
        "entre",
        "afin",
        "ainsi",
        "cette",
        "cet",
        "tous",
        "tout",
    ]
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | FRENCH_STOP_WORDS)

# Reason codes, in plain English for the CLI (what a reviewer would say); the web views translate
# them.
REASONS = {
    "new_version": "the same name with a version or edition added: probably a version of the other",
    "same_name": "the same name (ignoring capitals, accents and small words)",
    "translated_name": "the same name in French and in English",
    "alias": "one is known by the other's name or short name",
    "acronym": "one name is the other's initials",
    "abbreviation": "one name abbreviates the other (initials of some of its words)",
    "similar_name": "the names differ only by a typing slip",
    "name_within": "every word of one name is in the other",
    "compact_name": "one name begins the other, spaces aside",
    "close_name": "the names look alike",
    "succession": "one says it became, replaced or carries on the other",
    "mentioned": "one mentions the other by name in its description or other names",
    "same_page": "the same web page",
    "same_home_page": "the same home page",
    "same_website": "the same section of a website",
    "same_domain": "the same website",
    "same_site_name": "websites of the same name under another domain",
    "same_standard": "the same standard number, or one known to be the same standard",
    "standard_named": "one is about the standard the other names",
    "standard_mentioned": "both mention the same standard",
    "extends_standard": "one says it extends or builds on the other's standard",
    "different_standards": "their names carry different standard numbers",
    "listing_page": "one page listing both, with different standard numbers",
    "same_description": "almost the same description",
    "similar_description": "similar descriptions",
    "related_description": "descriptions on the same subject",
    "semantic_close": "their names and descriptions say almost the same thing",
    "semantic_near": "their names and descriptions are on the same subject",
    "shared_organisations": "two or more organisations in common",
    "shared_organisation": "an organisation in common",
    "same_country": "the same country",
    "same_year": "started the same year",
    "close_year": "started within two years of each other",
    "same_type": "the same kind of initiative",
}


@dataclass(frozen=True)
class InitiativeRecord:
    """What the engine knows of an initiative."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    website: str = ""
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    start_year: int | None = None
    type: str = ""


@dataclass(frozen=True)
class Candidate:
    a: int
    b: int
    score: float
    reasons: tuple[str, ...]


# --- Features ------------------------------------------------------------------------------------


def _or_none(values: Iterable[str]) -> list[str] | None:
    unique = list(dict.fromkeys(v for v in values if v))
    return unique or None


def record_features(record: InitiativeRecord) -> dict[str, Any]:
    """The comparison columns of one record (description terms and mentions are added by the
    corpus, which knows every name a description may quote)."""
    domain, domain_path = normalise.website_keys(record.website)
    page = normalise.page_key(record.website)
    names = [record.name, *record.aliases]
    std_name = [sid for text in names for sid in normalise.standard_ids(text, title=True)]
    std_all = (
        std_name
        + normalise.standard_ids(record.description)
        + normalise.url_standard_ids(record.website)
    )
    acronyms = [normalise.acronym(text) for text in names]
    orgs = [normalise.organisation_key(o) for o in record.organisations]
    words = normalise.text_words(" ".join([record.description, *record.aliases]))
    return {
        "unique_id": int(record.id),
        "name_norm": normalise.name_norm(record.name) or None,
        "name_compact": normalise.name_compact(record.name) or None,
        "name_key": normalise.name_key(record.name) or None,
        "name_written": normalise.name_key_as_written(record.name) or None,
        "name_digits": " ".join(re.findall(r"\d+", record.name)) or None,
        "name_keys": _or_none(normalise.name_keys(record.name, record.aliases)),
        "name_tokens": _or_none(normalise.name_token_set(record.name)),
        # Initials of runs of words: an abbreviation inside the other's name ("EU GPP ...").
        "initials": _or_none(normalise.initial_runs(record.name)),
        "version": normalise.version_markers(record.name),
        "acronyms": _or_none(a for a in acronyms if len(a) >= 3),
        "forms": _or_none(normalise.name_forms(record.name, record.aliases)),
        "url": normalise.page_key(record.website) or None,
        # A page below a site's root, or the root itself: an organisation's home page is shared
        # by its several outputs (the IEA's report and its observatory), a deep page rarely.
        "url_deep": page if "/" in page else None,
        "url_home": page if page and "/" not in page else None,
        "domain": domain or None,
        "domain_path": domain_path or None,
        "site_name": normalise.site_name(record.website) or None,
        "std_name": _or_none(std_name),
        "std_all": _or_none(std_all),
        "std_related": _or_none(normalise.related_standard_ids(record.description)),
        "std_any": _or_none([*std_all, *normalise.related_standard_ids(record.description)]),
        "orgs": _or_none(orgs),
        "org_forms": _or_none(
            f for o in record.organisations for f in normalise.organisation_forms(o)
        ),
        # As named: the key, a parenthesised acronym, each part of a joint name, a committee's
        # short name ("Ecolab / CGDD" has "cgdd"; "ISO/IEC JTC 1/SC 42" has "iso iec sc 42").
        "org_names": _or_none(
            n for o in record.organisations for n in normalise.organisation_names(o)
        ),
        "countries": _or_none(c.upper() for c in record.countries),
        "start_year": int(record.start_year) if record.start_year else None,
        "type": (record.type if record.type and record.type != "other" else None),
        # Filled by the optional semantic pass (``linkage.semantic``): the marker, and the ids
        # of the record's nearest neighbours by sentence embedding, close and near.
        "semantic": None,
        "sem_close": None,
        "sem_near": None,
        # Not a Splink column: the words the hint searches for a new entry's names.
        "words": f" {' '.join(words)} ",
    }


def add_mentions(features: dict[str, Any], known: set[str] | frozenset[str]) -> None:
    """The ``known`` name forms quoted in a record's description or aliases (its own aside), and
    those quoted right after a succession word ("became", "formerly")."""
    own = set(features["forms"] or ())
    found = [
        (form, cued)
        for form, cued in normalise.quoted_forms(features["words"].split(), known)
        if form not in own
    ]
    features["mentions"] = _or_none(form for form, _ in found)
    features["successions"] = _or_none(form for form, cued in found if cued)


# A name quoted by more entries than this is a reference point ("machine learning", a famous
# tool), not a sign that two entries are one initiative: it is no quotable form.
MAX_QUOTED_BY = 3


def common_forms(rows: Sequence[dict[str, Any]]) -> set[str]:
    counts = Counter(f for row in rows for f in row.get("mentions") or ())
    return {form for form, count in counts.items() if count > MAX_QUOTED_BY}


def drop_forms(row: dict[str, Any], common: set[str] | frozenset[str]) -> None:
    for column in ("forms", "mentions", "successions"):
        if row.get(column):
            row[column] = _or_none(f for f in row[column] if f not in common)


def description_text(record: InitiativeRecord) -> str:
    """The description without the record's organisation names.

    Organisations are a comparison of their own; left in the text, they would count twice.
    """
    text = record.description or ""
    for organisation in record.organisations:
        if organisation and organisation in text:
            text = text.replace(organisation, " ")
    return text


def make_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=True,
        strip_accents="unicode",
        token_pattern=r"(?u)\b[a-z][a-z0-9]{2,}\b",
        stop_words=STOP_WORDS,
        sublinear_tf=True,
        dtype=np.float32,
    )


def top_terms(
    matrix: Any, vocabulary: np.ndarray, k: int = DESCRIPTION_TERMS
) -> list[list[str] | None]:
    """The ``k`` highest-weighted terms of each row of a TF-IDF matrix (ties broken by term)."""
    matrix = matrix.tocsr()
    result: list[list[str] | None] = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        if start == end:
            result.append(None)
            continue
        cols = matrix.indices[start:end]
        weights = matrix.data[start:end]
        order = np.lexsort((cols, -weights))[:k]
        result.append([str(vocabulary[c]) for c in cols[order]])
    return result


def block_keys(features: dict[str, Any]) -> list[str]:
    """Every blocking key of a record, prefixed by its kind; frequent ones are dropped later."""
    keys = [f"k:{k}" for k in features["name_keys"] or ()]
    # A name inside a longer one ("AI Index" / "AI Index Report"): the longer name, one word less.
    # (Its key's words, unstemmed: name keys are.)
    words = (features.get("name_key") or "").split()
    if 3 <= len(words) <= 5:
        keys += [f"k:{' '.join(t for t in words if t != left)}" for left in words]
    # An acronym meets the names it may stand for; a quoted name meets the record it names.
    keys += [f"k:{k}" for k in features.get("acronyms") or ()]
    keys += [f"m:{f}" for f in features.get("forms") or ()]
    keys += [f"m:{f}" for f in features.get("mentions") or ()]
    if features.get("url"):
        keys.append(f"u:{features['url']}")
    if features["domain_path"]:
        keys.append(f"w:{features['domain_path']}")
    keys += [f"s:{s}" for s in features["std_all"] or ()]
    terms = (features.get("desc_terms") or [])[:4]
    keys += [f"d:{a}|{b}" for a, b in itertools.combinations(sorted(terms), 2)]
    if len(features.get("name_compact") or "") >= COMPACT_PREFIX:
        keys.append(f"c:{features['name_compact'][:COMPACT_PREFIX]}")
    name_tokens = [t for t in (features["name_norm"] or "").split() if len(t) >= 3][:5]
    keys += [f"n:{a}|{b}" for a, b in itertools.combinations(sorted(set(name_tokens)), 2)]
    if features["type"]:
        # Organisations as written and their other forms ("NIST" / "National Institute of
        # Standards and Technology"), with the type.
        orgs = {
            *(features.get("org_names") or ()),
            *(features["orgs"] or ()),
            *(features.get("org_forms") or ()),
        }
        keys += [f"o:{o}|{features['type']}" for o in sorted(orgs)]
    # An abbreviation meets the names it abbreviates: short tokens and runs of initials.
    keys += [f"a:{t}" for t in words if 2 <= len(t) <= 5]
    keys += [f"a:{i}" for i in features.get("initials") or () if len(i) >= 3]
    # Semantic neighbours (only when the optional semantic pass ran): the pair itself.
    own = features["unique_id"]
    keys += [f"e:{min(own, int(o))}|{max(own, int(o))}" for o in features.get("sem_near") or ()]
    return list(dict.fromkeys(keys))


@dataclass
class Corpus:
    """Features of a set of records, ready for Splink, plus what a new record needs to join them."""

    rows: list[dict[str, Any]]
    table: pa.Table
    vectorizer: TfidfVectorizer | None
    vocabulary: np.ndarray | None
    common_forms: frozenset[str] = frozenset()


def description_terms(
    descriptions: Sequence[str], keep_vectorizer: bool = False
) -> tuple[list[list[str] | None], TfidfVectorizer | None, np.ndarray | None]:
    """The salient terms of each description, and the fitted vectorizer if asked for."""
    if not any(d.strip() for d in descriptions):
        return [None] * len(descriptions), None, None
    vectorizer = make_vectorizer()
    try:
        matrix = vectorizer.fit_transform(descriptions)
    except ValueError:  # nothing but stop words
        return [None] * len(descriptions), None, None
    vocabulary = vectorizer.get_feature_names_out()
    terms = top_terms(matrix, vocabulary)
    if not keep_vectorizer:
        return terms, None, None
    return terms, vectorizer, vocabulary


# From this size on, the work is shared with two more processes: one fits TF-IDF, one normalises
# half of the records, while this one normalises the other half.
PARALLEL_FROM = 20_000


def _features_of(records: Sequence[InitiativeRecord]) -> list[dict[str, Any]]:
    return [record_features(r) for r in records]


def build_corpus(
    records: Sequence[InitiativeRecord], *, keep_vectorizer: bool = False, semantic: bool = False
) -> Corpus:
    """Features of ``records``; with ``semantic``, also their nearest neighbours by sentence
    embedding (``linkage.semantic``, an optional extra), as candidates and a comparison."""
    descriptions = [description_text(r) for r in records]
    if len(records) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        half = len(records) // 2
        # Fresh interpreters: forking a process that runs a JVM (Spark) or holds DuckDB's threads is
        # not safe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            terms_future = pool.submit(description_terms, descriptions, keep_vectorizer)
            rest_future = pool.submit(_features_of, records[half:])
            rows = _features_of(records[:half])
            rows += rest_future.result()
            terms, vectorizer, vocabulary = terms_future.result()
    else:
        rows = _features_of(records)
        terms, vectorizer, vocabulary = description_terms(descriptions, keep_vectorizer)
    known = frozenset(f for row in rows for f in row["forms"] or ())
    for row, t in zip(rows, terms, strict=True):
        row["desc_terms"] = t
        add_mentions(row, known)
    common = common_forms(rows)
    for row in rows:
        drop_forms(row, common)
    if semantic and len(rows) >= 2:
        from sustainai.linkage import semantic as sem

        texts = [sem.record_text(r.name, r.aliases, r.description) for r in records]
        sem.annotate(rows, sem.embed(texts))
    all_keys = [block_keys(row) for row in rows]
    counts = Counter(itertools.chain.from_iterable(all_keys))
    for row, keys in zip(rows, all_keys, strict=True):
        row["block_keys"] = [k for k in keys if counts[k] <= MAX_BLOCK_SIZE] or None
    return Corpus(
        rows=rows,
        table=_to_table(rows),
        vectorizer=vectorizer,
        vocabulary=vocabulary,
        common_forms=frozenset(common),
    )


LIST_COLUMNS = [
    "name_keys",
    "name_tokens",
    "initials",
    "acronyms",
    "forms",
    "mentions",
    "successions",
    "std_name",
    "std_all",
    "std_related",
    "std_any",
    "desc_terms",
    "orgs",
    "org_forms",
    "org_names",
    "countries",
    "block_keys",
    "sem_close",
    "sem_near",
]
STRING_COLUMNS = [
    "name_norm",
    "name_compact",
    "name_key",
    "name_written",
    "name_digits",
    "version",
    "url",
    "url_deep",
    "url_home",
    "domain",
    "domain_path",
    "site_name",
    "type",
    "semantic",
]
SCHEMA = pa.schema(
    [("unique_id", pa.int64()), ("start_year", pa.int64())]
    + [(c, pa.string()) for c in STRING_COLUMNS]
    + [(c, pa.list_(pa.string())) for c in LIST_COLUMNS]
)


def _to_table(rows: list[dict[str, Any]]) -> pa.Table:
    columns = {f.name: pa.array([row[f.name] for row in rows], type=f.type) for f in SCHEMA}
    return pa.table(columns, schema=SCHEMA)


# --- The model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    code: str  # reason code ("" for the last, "anything else", level)
    m: float
    u: float
    sql: Callable[[], ComparisonLevelCreator]
    test: Callable[[dict[str, Any], dict[str, Any]], bool]  # the same condition, in Python

    @property
    def weight(self) -> float:
        return math.log2(self.m / self.u)


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    null_column: str
    levels: tuple[Level, ...]


def _both(a: dict[str, Any], b: dict[str, Any], col: str) -> bool:
    return a.get(col) is not None and b.get(col) is not None


def _eq(col: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and a[col] == b[col]


def _intersect(col: str, size: int) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and len(set(a[col]) & set(b[col])) >= size


def _jaro_winkler(col: str, threshold: float) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and JaroWinkler.similarity(a[col], b[col]) >= threshold


def _levenshtein(col: str, distance: int) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and Levenshtein.distance(a[col], b[col]) <= distance


def _compact_prefix(col: str, minimum: int) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def test(a: dict[str, Any], b: dict[str, Any]) -> bool:
        if not _both(a, b, col):
            return False
        short, long = sorted((a[col], b[col]), key=len)
        return len(short) >= minimum and long.startswith(short)

    return test


def _compact_prefix_sql(col: str, minimum: int) -> ComparisonLevelCreator:
    """``_compact_prefix`` in SQL that DuckDB and Spark read alike (``substr``, ``length``)."""
    left, right = f"{col}_l", f"{col}_r"

    def starts(long: str, short: str) -> str:
        return (
            f"(length({short}) >= {minimum} AND length({long}) >= length({short}) "
            f"AND substr({long}, 1, length({short})) = {short})"
        )

    return cll.CustomLevel(
        f"{starts(right, left)} OR {starts(left, right)}", label_for_charts="compact prefix"
    )


class _DialectLevel(cll.CustomLevel):
    """A level written once per SQL dialect (list functions differ between DuckDB and Spark)."""

    def __init__(self, duckdb: str, spark: str, label: str):
        super().__init__(duckdb, label_for_charts=label)
        self.duckdb_sql, self.spark_sql = duckdb, spark

    def create_sql(self, sql_dialect: Any) -> str:
        return self.spark_sql if sql_dialect.sqlglot_dialect == "spark" else self.duckdb_sql


def _size(dialect: str, expression: str) -> str:
    return f"size({expression})" if dialect == "spark" else f"array_length({expression})"


def _inter(dialect: str, left: str, right: str) -> str:
    function = "array_intersect" if dialect == "spark" else "list_intersect"
    return _size(dialect, f"{function}({left}, {right})")


def _cross_overlap_sql(pairs: Sequence[tuple[str, str]], label: str) -> ComparisonLevelCreator:
    """True when, for one of ``pairs`` (col_a, col_b), a's list on one side shares an element
    with b's list on the other side (either way round)."""

    def sql(dialect: str) -> str:
        tests = []
        for a, b in pairs:
            tests.append(f"coalesce({_inter(dialect, f'{a}_l', f'{b}_r')}, 0) >= 1")
            tests.append(f"coalesce({_inter(dialect, f'{a}_r', f'{b}_l')}, 0) >= 1")
        return "(" + " OR ".join(tests) + ")"

    return _DialectLevel(sql("duckdb"), sql("spark"), label)


def _cross_overlap(
    pairs: Sequence[tuple[str, str]],
) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def test(x: dict[str, Any], y: dict[str, Any]) -> bool:
        for a, b in pairs:
            for left, right in ((x, y), (y, x)):
                if left.get(a) and right.get(b) and set(left[a]) & set(right[b]):
                    return True
        return False

    return test


def _contained_sql(col: str, minimum: int) -> ComparisonLevelCreator:
    """Every element of one side's list (of ``minimum`` elements at least) is in the other's."""

    def sql(dialect: str) -> str:
        def inside(small: str, big: str) -> str:
            return (
                f"(coalesce({_size(dialect, small)}, 0) >= {minimum} AND "
                f"{_inter(dialect, small, big)} = {_size(dialect, small)})"
            )

        return f"({inside(col + '_l', col + '_r')} OR {inside(col + '_r', col + '_l')})"

    return _DialectLevel(sql("duckdb"), sql("spark"), "contained")


def _contained(col: str, minimum: int) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    def test(a: dict[str, Any], b: dict[str, Any]) -> bool:
        if not _both(a, b, col):
            return False
        x, y = set(a[col]), set(b[col])
        return (len(x) >= minimum and x <= y) or (len(y) >= minimum and y <= x)

    return test


def _abbreviation(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Every word of one name (two at least) is a word of the other's or the initials of a run of
    its words, and one is such initials: "EU GPP data centres" / "EU Green Public Procurement
    criteria for data centres"."""
    for x, y in ((a, b), (b, a)):
        small = set(x.get("name_tokens") or ())
        words, initials = set(y.get("name_tokens") or ()), set(y.get("initials") or ())
        if len(small) >= 2 and small & initials and small <= words | initials:
            return True
    return False


def _abbreviation_sql() -> ComparisonLevelCreator:
    def sql(dialect: str) -> str:
        concat = "concat" if dialect == "spark" else "list_concat"

        def inside(x: str, y: str) -> str:
            # coalesce(a, b) twice: no empty-array literal (Spark types it apart), same result.
            big = (
                f"{concat}(coalesce(name_tokens_{y}, initials_{y}), "
                f"coalesce(initials_{y}, name_tokens_{y}))"
            )
            size = _size(dialect, f"name_tokens_{x}")
            return (
                f"(coalesce({size}, 0) >= 2 "
                f"AND coalesce({_inter(dialect, f'name_tokens_{x}', f'initials_{y}')}, 0) >= 1 "
                f"AND coalesce({_inter(dialect, f'name_tokens_{x}', big)}, 0) = {size})"
            )

        return f"({inside('l', 'r')} OR {inside('r', 'l')})"

    return _DialectLevel(sql("duckdb"), sql("spark"), "abbreviation")


def _neighbour(col: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    """One lists the other among its semantic neighbours (``col`` holds their ids as text)."""

    def test(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return str(b["unique_id"]) in (a.get(col) or ()) or str(a["unique_id"]) in (
            b.get(col) or ()
        )

    return test


def _neighbour_sql(col: str) -> ComparisonLevelCreator:
    def sql(dialect: str) -> str:
        contains = "array_contains" if dialect == "spark" else "list_contains"
        text = "STRING" if dialect == "spark" else "VARCHAR"
        return (
            f"(coalesce({contains}({col}_l, CAST(unique_id_r AS {text})), false) OR "
            f"coalesce({contains}({col}_r, CAST(unique_id_l AS {text})), false))"
        )

    return _DialectLevel(sql("duckdb"), sql("spark"), col)


def _mentioned(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One's words quote a name form of the other that is not its own: the same test as the
    SQL's (``mentions`` holds the corpus's forms found in the words), without needing the corpus,
    so that the hint sees a new entry quoted by indexed ones."""
    for x, y in ((a, b), (b, a)):
        own = set(x.get("forms") or ())
        words = x.get("words") or ""
        if any(f" {f} " in words for f in y.get("forms") or () if f not in own):
            return True
    return False


def _succession(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One's words quote the other's name right after "became", "formerly", "carried on from"."""
    for x, y in ((a, b), (b, a)):
        own = set(x.get("forms") or ())
        forms = {f for f in y.get("forms") or () if f not in own}
        if forms and any(
            c for _, c in normalise.quoted_forms((x.get("words") or "").split(), forms)
        ):
            return True
    return False


def _similar_name(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A typing slip: two edits at most, the same numbers ("ISO 42001" / "ISO 42005" differ)."""
    return _levenshtein("name_norm", 2)(a, b) and (a.get("name_digits") or "") == (
        b.get("name_digits") or ""
    )


def _similar_name_sql() -> ComparisonLevelCreator:
    return cll.CustomLevel(
        "levenshtein(name_norm_l, name_norm_r) <= 2 "
        "AND coalesce(name_digits_l, '') = coalesce(name_digits_r, '')",
        label_for_charts="similar name",
    )


def _disjoint(col: str) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and not set(a[col]) & set(b[col])


def _disjoint_condition(dialect: str, col: str) -> str:
    return (
        f"({col}_l IS NOT NULL AND {col}_r IS NOT NULL AND "
        f"{_inter(dialect, col + '_l', col + '_r')} = 0)"
    )


def _disjoint_sql(col: str) -> ComparisonLevelCreator:
    return _DialectLevel(
        _disjoint_condition("duckdb", col), _disjoint_condition("spark", col), "disjoint"
    )


def _listing_page(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _eq("url_deep")(a, b) and _disjoint("std_name")(a, b)


def _listing_page_sql() -> ComparisonLevelCreator:
    def sql(dialect: str) -> str:
        return f"(url_deep_l = url_deep_r AND {_disjoint_condition(dialect, 'std_name')})"

    return _DialectLevel(sql("duckdb"), sql("spark"), "listing page")


def _new_version(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        _both(a, b, "name_key")
        and a["name_key"] == b["name_key"]
        and ((a.get("version") or "") != (b.get("version") or ""))
    )


def _new_version_sql() -> ComparisonLevelCreator:
    return cll.CustomLevel(
        "name_key_l = name_key_r AND coalesce(version_l, '') <> coalesce(version_r, '')",
        label_for_charts="new version",
    )


def _within(col: str, diff: int) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    return lambda a, b: _both(a, b, col) and abs(a[col] - b[col]) <= diff


def _else(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return True


def _level(
    code: str,
    m: float,
    u: float,
    sql: Callable[[], ComparisonLevelCreator],
    test: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> Level:
    return Level(code, m, u, sql, test)


# m: P(level | same initiative); u: P(level | different initiatives). These are the documented
# priors (docs/duplicates.md); the model uses the values estimated from data in
# ``data/weights.json`` (``bench/fit_duplicates.py``: u by counting over all pairs of the real
# set's records, m from the development half's labelled pairs with these priors as pseudo-counts),
# and a prior where the data are too thin.
PRIOR_COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "name",
        "Names and aliases after normalisation",
        "name_norm",
        (
            # The same name but for a version or edition marker ("v2", "2026", "second edition"):
            # a version of the other, a relation the review queue offers, not a penalty.
            _level("new_version", 0.05, 0.0001, _new_version_sql, _new_version),
            _level(
                "same_name",
                0.2,
                0.0003,
                lambda: cll.ExactMatchLevel("name_written"),
                _eq("name_written"),
            ),
            # Equal once French terms are read in English ("IA durable" / "sustainable AI").
            _level(
                "translated_name",
                0.07,
                0.0003,
                lambda: cll.ExactMatchLevel("name_key"),
                _eq("name_key"),
            ),
            _level(
                "alias",
                0.1,
                0.0002,
                lambda: cll.ArrayIntersectLevel("name_keys", 1),
                _intersect("name_keys", 1),
            ),
            # The initials of one name are the other's name or alias ("SCI").
            _level(
                "acronym",
                0.05,
                0.0003,
                lambda: _cross_overlap_sql([("acronyms", "name_keys")], "acronym"),
                _cross_overlap([("acronyms", "name_keys")]),
            ),
            _level(
                "similar_name",
                0.07,
                0.0005,
                _similar_name_sql,
                _similar_name,
            ),
            # Every word of one name (two at least) is in the other: a long official name and its
            # short form, or a name still being typed. Weighs more than "begins", so that a name
            # that grows past the other keeps its score.
            _level(
                "name_within",
                0.07,
                0.0008,
                lambda: _contained_sql("name_tokens", 2),
                _contained("name_tokens", 2),
            ),
            # An abbreviation written inside the other name ("EU GPP data centres"),
            # below "every word in the other", which it would otherwise also catch.
            _level("abbreviation", 0.04, 0.0004, _abbreviation_sql, _abbreviation),
            # Names run together or followed by a descriptor: "CodeCarbon" and "Code Carbon
            # tracker" (one name, spaces removed, begins the other's; 8 letters at least).
            _level(
                "compact_name",
                0.03,
                0.0006,
                lambda: _compact_prefix_sql("name_compact", COMPACT_PREFIX),
                _compact_prefix("name_compact", COMPACT_PREFIX),
            ),
            _level(
                "close_name",
                0.06,
                0.02,
                lambda: cll.JaroWinklerLevel("name_norm", 0.90),
                _jaro_winkler("name_norm", 0.90),
            ),
            _level("", 0.3, 0.97695, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "mention",
        "A name, acronym or alias of one quoted in the other's description or aliases",
        "name_norm",
        (
            _level(
                "succession",
                0.05,
                0.00001,
                lambda: _cross_overlap_sql([("successions", "forms")], "succession"),
                _succession,
            ),
            _level(
                "mentioned",
                0.10,
                0.001,
                lambda: _cross_overlap_sql([("mentions", "forms")], "mentioned"),
                _mentioned,
            ),
            _level("", 0.85, 0.99899, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "website",
        "The web page, its site and registered domain",
        "domain",
        (
            # One page for two documents whose names carry different standard numbers: a
            # committee's or a catalogue's list ("ISO/IEC 30134-8" and "30134-3" on SC 39's page),
            # which says nothing of their being one initiative; "same page" would.
            _level("listing_page", 0.005, 0.002, _listing_page_sql, _listing_page),
            # Near decisive: two different initiatives rarely share a whole page (a portal's home
            # page is no page of its own: it is shared by more records and loses its block).
            _level(
                "same_page", 0.35, 5e-06, lambda: cll.ExactMatchLevel("url_deep"), _eq("url_deep")
            ),
            _level(
                "same_home_page",
                0.15,
                0.002,
                lambda: cll.ExactMatchLevel("url_home"),
                _eq("url_home"),
            ),
            _level(
                "same_website",
                0.12,
                0.0005,
                lambda: cll.ExactMatchLevel("domain_path"),
                _eq("domain_path"),
            ),
            _level(
                "same_domain", 0.13, 0.004, lambda: cll.ExactMatchLevel("domain"), _eq("domain")
            ),
            # One organisation's site under another top-level domain (green-coding.io and
            # green-coding.berlin); generic and platform names are left out by the feature.
            _level(
                "same_site_name",
                0.03,
                0.0005,
                lambda: cll.ExactMatchLevel("site_name"),
                _eq("site_name"),
            ),
            _level("", 0.37, 0.994995, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "standard",
        "Standard identifiers (in names and aliases, then anywhere), known equivalents as one",
        "std_any",
        (
            # Negative evidence: one says it extends (is based on, complements) the standard the
            # other is. A specification and its extension are two initiatives.
            _level(
                "extends_standard",
                0.00001,
                0.0005,
                lambda: _cross_overlap_sql([("std_related", "std_name")], "extends"),
                _cross_overlap([("std_related", "std_name")]),
            ),
            _level(
                "same_standard",
                0.7,
                1e-06,
                lambda: cll.ArrayIntersectLevel("std_name", 1),
                _intersect("std_name", 1),
            ),
            # One names the standard the other is about: a working group developing it, a
            # specification "now published as" it.
            _level(
                "standard_named",
                0.20,
                0.0002,
                lambda: _cross_overlap_sql([("std_name", "std_all")], "standard named"),
                _cross_overlap([("std_name", "std_all")]),
            ),
            # Names carrying different standard numbers (none known to be equivalent): two
            # documents, even on one committee's page.
            _level(
                "different_standards",
                0.0005,
                0.02,
                lambda: _disjoint_sql("std_name"),
                _disjoint("std_name"),
            ),
            _level(
                "standard_mentioned",
                0.05,
                0.02,
                lambda: cll.ArrayIntersectLevel("std_all", 1),
                _intersect("std_all", 1),
            ),
            _level("", 0.04949, 0.959299, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "description",
        "Salient description terms (TF-IDF)",
        "desc_terms",
        (
            _level(
                "same_description",
                0.25,
                0.0001,
                lambda: cll.ArrayIntersectLevel("desc_terms", 8),
                _intersect("desc_terms", 8),
            ),
            _level(
                "similar_description",
                0.15,
                0.002,
                lambda: cll.ArrayIntersectLevel("desc_terms", 5),
                _intersect("desc_terms", 5),
            ),
            _level(
                "related_description",
                0.15,
                0.03,
                lambda: cll.ArrayIntersectLevel("desc_terms", 3),
                _intersect("desc_terms", 3),
            ),
            _level("", 0.45, 0.9679, cll.ElseLevel, _else),
        ),
    ),
    # Only when the optional semantic pass ran (``find_duplicates(semantic=True)``): otherwise
    # the marker column is null on both sides and the comparison weighs nothing.
    Comparison(
        "semantic",
        "Sentence embeddings of name, aliases and description: nearest neighbours",
        "semantic",
        (
            _level(
                "semantic_close",
                0.35,
                0.002,
                lambda: _neighbour_sql("sem_close"),
                _neighbour("sem_close"),
            ),
            _level(
                "semantic_near",
                0.3,
                0.005,
                lambda: _neighbour_sql("sem_near"),
                _neighbour("sem_near"),
            ),
            _level("", 0.35, 0.9945, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "organisations",
        "Lead and partner organisations",
        "orgs",
        (
            _level(
                "shared_organisations",
                0.25,
                0.0005,
                lambda: cll.ArrayIntersectLevel("orgs", 2),
                _intersect("orgs", 2),
            ),
            # One organisation in common: named alike ("Ecolab / CGDD" / "CGDD"), or written as
            # its acronym or its parent body on one side ("ADEME" / "Agence de la transition
            # écologique (ADEME)"; "ISO/IEC" / "ISO/IEC JTC 1/SC 42").
            _level(
                "shared_organisation",
                0.35,
                0.01,
                lambda: _cross_overlap_sql(
                    [("org_names", "org_names"), ("orgs", "org_forms")], "shared organisation"
                ),
                _cross_overlap([("org_names", "org_names"), ("orgs", "org_forms")]),
            ),
            _level("", 0.4, 0.9895, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "countries",
        "Countries",
        "countries",
        (
            _level(
                "same_country",
                0.85,
                0.15,
                lambda: cll.ArrayIntersectLevel("countries", 1),
                _intersect("countries", 1),
            ),
            _level("", 0.15, 0.85, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "start_year",
        "Start year",
        "start_year",
        (
            _level(
                "same_year",
                0.45,
                0.12,
                lambda: cll.ExactMatchLevel("start_year"),
                _eq("start_year"),
            ),
            _level(
                "close_year",
                0.3,
                0.3,
                lambda: cll.AbsoluteDifferenceLevel("start_year", 2),
                _within("start_year", 2),
            ),
            _level("", 0.25, 0.58, cll.ElseLevel, _else),
        ),
    ),
    Comparison(
        "type",
        "Type of initiative",
        "type",
        (
            _level("same_type", 0.65, 0.15, lambda: cll.ExactMatchLevel("type"), _eq("type")),
            _level("", 0.35, 0.85, cll.ElseLevel, _else),
        ),
    ),
)


def probability(weight: float) -> float:
    odds_against: float = 2.0 ** (-weight)
    return 1.0 / (1.0 + odds_against)


def splink_settings(prior: float = PRIOR) -> SettingsCreator:
    """The Splink model: the comparisons above with their fixed m and u, one array blocking rule."""
    from splink import SettingsCreator, block_on
    from splink import comparison_library as cl

    comparisons: list[ComparisonCreator | dict[str, Any]] = []
    for comp in COMPARISONS:
        levels: list[ComparisonLevelCreator | dict[str, Any]] = [cll.NullLevel(comp.null_column)]
        for level in comp.levels:
            levels.append(level.sql().configure(m_probability=level.m, u_probability=level.u))
        comparisons.append(
            cl.CustomComparison(
                comparison_levels=levels,
                output_column_name=comp.name,
                comparison_description=comp.description,
            )
        )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("block_keys", arrays_to_explode=["block_keys"])
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
    )


def gammas(a: dict[str, Any], b: dict[str, Any]) -> dict[str, int]:
    """Splink's comparison vector for one pair: -1 for null, then levels numbered from the top."""
    vector = {}
    for comp in COMPARISONS:
        if a.get(comp.null_column) is None or b.get(comp.null_column) is None:
            vector[comp.name] = -1
            continue
        for position, level in enumerate(comp.levels):
            if level.test(a, b):
                vector[comp.name] = len(comp.levels) - 1 - position
                break
    return vector


def weigh(vector: dict[str, int], prior: float = PRIOR) -> tuple[float, tuple[str, ...]]:
    """Match weight and reasons (levels that count for a match, strongest first) of a vector."""
    weight = math.log2(prior / (1 - prior))
    found: list[tuple[float, str]] = []
    for comp in COMPARISONS:
        gamma = vector.get(comp.name, -1)
        if gamma is None or gamma < 0:
            continue
        level = comp.levels[len(comp.levels) - 1 - int(gamma)]
        weight += level.weight
        if level.code and level.weight > 0:
            found.append((level.weight, level.code))
    found.sort(key=lambda item: (-item[0], item[1]))
    return weight, tuple(code for _, code in found)


def vector_from_weights(weights: dict[str, float]) -> dict[str, int]:
    """The comparison vector behind Splink's per-comparison match weights (``mw_<name>``).

    Within a comparison every level has its own weight, so the weight names the level; a weight of
    zero with no level of that weight is the null level.
    """
    vector = {}
    for comp in COMPARISONS:
        value = weights.get(comp.name)
        vector[comp.name] = -1
        if value is None or pd.isna(value):
            continue
        for position, level in enumerate(comp.levels):
            if abs(level.weight - float(value)) < 1e-6:
                vector[comp.name] = len(comp.levels) - 1 - position
                break
    return vector


def score_pair(
    a: dict[str, Any], b: dict[str, Any], prior: float = PRIOR
) -> tuple[float, tuple[str, ...]]:
    weight, reasons = weigh(gammas(a, b), prior)
    return probability(weight), reasons


# --- Batch ---------------------------------------------------------------------------------------


def _candidates_from_predictions(df: pd.DataFrame, threshold: float) -> list[Candidate]:
    result = []
    names = [c.name for c in COMPARISONS]
    for row in df.itertuples(index=False):
        row = row._asdict()
        # Splink's match weight is the score; the reasons come from the same comparison vector.
        _, reasons = weigh(vector_from_weights({n: row[f"mw_{n}"] for n in names}))
        score = probability(float(row["match_weight"]))
        if score < threshold:
            continue
        a, b = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        result.append(Candidate(a, b, round(score, 4), reasons))
    return result


def find_duplicates(
    records: Sequence[InitiativeRecord],
    *,
    threshold: float = QUEUE_THRESHOLD,
    engine: str = "duckdb",
    exclude: Iterable[tuple[int, int]] = (),
    spark_session: SparkSession | None = None,
    on_step: Callable[[str], None] | None = None,
    semantic: bool = False,
) -> list[Candidate]:
    """Candidate pairs among ``records`` scoring at least ``threshold``, best first.

    ``semantic`` adds the sentence-embedding neighbours (``linkage.semantic``; needs the
    ``semantic`` extra) to the candidates and to the evidence.

    ``exclude`` holds pairs already decided (``distinct`` and the others): they never come back.
    """
    step = on_step or (lambda _msg: None)
    step("features")
    corpus = build_corpus(records, semantic=semantic)
    if corpus.table.num_rows < 2:
        return []
    step("blocking and scoring")
    predictions = predict(
        corpus.table,
        threshold=threshold,
        engine=engine,
        spark_session=spark_session,
        prior=prior_for(len(records)),
    )
    step("reasons")
    excluded = {tuple(sorted(pair)) for pair in exclude}
    candidates = [
        c
        for c in _candidates_from_predictions(predictions, threshold)
        if (c.a, c.b) not in excluded
    ]
    # One row per pair (a pair sharing several block keys is scored once by Splink; be sure).
    unique = {(c.a, c.b): c for c in candidates}
    return sorted(unique.values(), key=lambda c: (-c.score, c.a, c.b))


def predict(
    table: pa.Table,
    *,
    threshold: float = 0.0,
    engine: str = "duckdb",
    spark_session: SparkSession | None = None,
    prior: float = PRIOR,
) -> pd.DataFrame:
    """Splink's scored pairs (ids and comparison vectors) for a feature table."""
    from splink import Linker

    # Splink's warnings about untrained parameters do not apply: they are set on purpose.
    logging.getLogger("splink").setLevel(logging.ERROR)
    db_api: DatabaseAPI[Any]
    if engine == "duckdb":
        from splink import DuckDBAPI

        db_api = DuckDBAPI()
        registered = db_api.register(table)
    elif engine == "spark":
        from splink import SparkAPI

        session = spark_session or spark()
        db_api = SparkAPI(spark_session=session)  # type: ignore[no-untyped-call]  # unannotated in Splink
        registered = db_api.register(
            session.createDataFrame(table.to_pandas(), schema=_spark_schema())
        )
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'duckdb' or 'spark'")
    linker = Linker(registered, splink_settings(prior), log_level=None)
    result = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    columns = ["unique_id_l", "unique_id_r", "match_weight"]
    columns += [f"mw_{c.name}" for c in COMPARISONS]
    sql = f"SELECT DISTINCT {', '.join(columns)} FROM {result.physical_name}"
    return db_api.query_sql(sql, output_type="pandas")


def _spark_schema() -> StructType:
    from pyspark.sql import types as T

    fields = [T.StructField("unique_id", T.LongType()), T.StructField("start_year", T.LongType())]
    fields += [T.StructField(c, T.StringType()) for c in STRING_COLUMNS]
    fields += [T.StructField(c, T.ArrayType(T.StringType())) for c in LIST_COLUMNS]
    return T.StructType(fields)


def spark(cores: int = 2) -> SparkSession:
    """A local-mode Spark session with Splink's similarity functions (bundled jar)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("sustainai-duplicates")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores * 4))
        .config("spark.driver.memory", "3g")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    # Splink breaks long query lineages with checkpoints; they go when this process ends.
    checkpoints = tempfile.mkdtemp(prefix="sustainai-spark-")
    atexit.register(shutil.rmtree, checkpoints, True)
    session.sparkContext.setCheckpointDir(checkpoints)
    return session


# --- One new record against an indexed corpus (the hint) ------------------------------------------


def _sorted_tokens(text: str | None) -> str:
    return " ".join(sorted((text or "").split()))


class Index:
    """Published initiatives indexed for one-record look-ups inside a request.

    Candidates come from the same block keys as the batch run, plus the closest names by rapidfuzz
    (a typo in a new name shares no key); they are then scored by :func:`score_pair`.
    """

    def __init__(self, records: Sequence[InitiativeRecord]):
        from rapidfuzz import fuzz, process

        self._process, self._fuzz = process, fuzz
        self.corpus = build_corpus(records, keep_vectorizer=True)
        self.features: list[dict[str, Any] | None] = list(self.corpus.rows)
        self.position_of = {row["unique_id"]: i for i, row in enumerate(self.corpus.rows)}
        self.by_key: dict[str, set[int]] = {}
        for position, row in enumerate(self.corpus.rows):
            for key in block_keys(row):
                self.by_key.setdefault(key, set()).add(position)
        # Names with sorted tokens: plain ``ratio`` on them is a token-sort ratio at C speed.
        self.names = [_sorted_tokens(row["name_norm"]) for row in self.corpus.rows]
        self.known_forms = {f for row in self.corpus.rows for f in row["forms"] or ()}
        self.changes = 0

    @property
    def ids(self) -> set[int]:
        return set(self.position_of)

    def remove(self, ids: Iterable[int]) -> None:
        """Forget records (unpublished, merged, deleted)."""
        for pk in ids:
            position = self.position_of.pop(pk, None)
            if position is None:
                continue
            features = self.features[position]
            assert features is not None  # position_of holds the records still indexed
            for key in block_keys(features):
                self.by_key.get(key, set()).discard(position)
            self.features[position] = None
            self.names[position] = ""
            self.changes += 1

    def upsert(self, records: Iterable[InitiativeRecord]) -> None:
        """Add or replace records, with the description vocabulary the index was built with."""
        for record in records:
            self.remove([record.id])
            row = self.features_of(record)
            row["unique_id"] = int(record.id)
            self.known_forms.update(row["forms"] or ())
            position = len(self.features)
            self.features.append(row)
            self.names.append(_sorted_tokens(row["name_norm"]))
            self.position_of[row["unique_id"]] = position
            for key in block_keys(row):
                self.by_key.setdefault(key, set()).add(position)
            self.changes += 1

    def features_of(self, record: InitiativeRecord) -> dict[str, Any]:
        row = record_features(record)
        row["desc_terms"] = None
        vectorizer, vocabulary = self.corpus.vectorizer, self.corpus.vocabulary
        if vectorizer is not None and vocabulary is not None and record.description.strip():
            matrix = vectorizer.transform([description_text(record)])
            row["desc_terms"] = top_terms(matrix, vocabulary)[0]
        add_mentions(row, self.known_forms | set(row["forms"] or ()))
        drop_forms(row, self.corpus.common_forms)
        return row

    def search(
        self,
        record: InitiativeRecord,
        *,
        limit: int = 5,
        min_score: float = 0.0,
        exclude_id: int | None = None,
    ) -> list[tuple[int, float, tuple[str, ...]]]:
        row = self.features_of(record)
        positions: set[int] = set()
        for key in block_keys(row):
            hits = self.by_key.get(key, ())
            if len(hits) < MAX_BLOCK_SIZE:
                positions.update(hits)
        # Entries whose descriptions or aliases quote this one's names (a scan of their words:
        # the batch run finds them through the corpus's known names instead).
        quoting: dict[str, set[int]] = {}
        for form in row["forms"] or ():
            padded = f" {form} "
            quoting[form] = {
                position
                for position, other in enumerate(self.features)
                if other is not None and padded in other["words"]
            }
        common = {form for form, found in quoting.items() if len(found) > MAX_QUOTED_BY}
        drop_forms(row, common)
        for form, found in quoting.items():
            if form not in common:
                positions.update(found)
        if row["name_norm"]:
            for _, _, position in self._process.extract(
                _sorted_tokens(row["name_norm"]),
                self.names,
                scorer=self._fuzz.ratio,
                limit=10,
                score_cutoff=75,
            ):
                positions.add(position)
        scored: list[tuple[float, int, float, tuple[str, ...]]] = []
        for position in positions:
            other = self.features[position]
            if other is None or (exclude_id is not None and other["unique_id"] == exclude_id):
                continue
            weight, reasons = weigh(gammas(row, other), HINT_PRIOR)
            score = probability(weight)
            if score >= min_score:
                scored.append((weight, other["unique_id"], score, reasons))
        # By weight: probabilities near 1 round to the same float, weights keep them apart.
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(pk, score, reasons) for _, pk, score, reasons in scored][:limit]


WEIGHTS_FILE = Path(__file__).with_name("data") / "weights.json"


def with_parameters(
    comparisons: tuple[Comparison, ...], parameters: dict[str, dict[str, list[float]]]
) -> tuple[Comparison, ...]:
    """``comparisons`` with the m and u of ``parameters`` ({comparison: {level code or "else":
    [m, u]}}); levels it does not name keep theirs."""
    result = []
    for comp in comparisons:
        given = parameters.get(comp.name, {})
        levels = []
        for level in comp.levels:
            m_u = given.get(level.code or "else")
            levels.append(replace(level, m=m_u[0], u=m_u[1]) if m_u else level)
        result.append(replace(comp, levels=tuple(levels)))
    return tuple(result)


def _fitted() -> tuple[Comparison, ...]:
    if not WEIGHTS_FILE.exists():
        return PRIOR_COMPARISONS
    document = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return with_parameters(PRIOR_COMPARISONS, document["parameters"])


COMPARISONS: tuple[Comparison, ...] = _fitted()
