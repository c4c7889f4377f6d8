"""Atlas benchmark: import rate and search/filter latency on SQLite and PostgreSQL.

    .venv/bin/python bench/atlas.py               # 100,000 initiatives
    .venv/bin/python bench/atlas.py --n 5000      # a quick run

For each backend (a fresh database each: a temporary SQLite file; the PostgreSQL database named by
``--postgres``, dropped and created again), in two subprocesses: one loads the data (1), then
another one, like a web server's process, measures the latencies (2-4):

1. Import: the generated initiatives as a CSV file through the import command's function
   (``importing.import_initiatives``: parsing, normalisation, inserts or COPY, search documents),
   timed; then ANALYZE (PostgreSQL: VACUUM ANALYZE and CHECKPOINT, the state autovacuum and the
   checkpointer reach minutes after such a load), not timed.
2. Search: the directory's work for a query (``selectors.directory_page``: the count, up to the
   directory's limit, and the first page of 20 with what a row shows), against a naive scan of the
   same words with ``icontains`` on name, summary and description giving the same page (counted up
   to the same limit; and, for reference, counted exactly as Django's Paginator does), measured
   in the same run on the same data.
3. Filters: facet filters alone (type, country, topic, status, year, region), same measurement.
4. The whole directory's data: results page plus the six facet counts, as the first visitor of a
   view waits for it (the cache emptied before each run) and as the next visitors do (the facet
   counts read from the cache), for the directory as it opens, two searches and two filters.

Latencies: each query ``--repeat`` times after one warm-up; p50 and p95 over all runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DOMAIN_WORDS = [
    "carbon",
    "energy",
    "water",
    "footprint",
    "emissions",
    "inference",
    "training",
    "model",
    "models",
    "data",
    "centre",
    "centres",
    "hardware",
    "efficiency",
    "frugal",
    "measurement",
    "reporting",
    "standard",
    "benchmark",
    "observatory",
    "coalition",
    "renewable",
    "cooling",
    "electricity",
    "grid",
    "lifecycle",
    "assessment",
    "transparency",
    "disclosure",
    "procurement",
    "compression",
    "distillation",
    "quantisation",
    "sobriety",
    "circular",
    "waste",
    "mining",
    "metals",
    "chips",
    "gpu",
    "accelerator",
    "cloud",
    "edge",
    "sustainability",
    "environment",
    "climate",
    "biodiversity",
    "policy",
    "guideline",
    "certification",
    "label",
    "dataset",
    "challenge",
    "research",
    "programme",
    "toolkit",
    "calculator",
    "tracker",
]
COUNTRIES = [
    "FR",
    "DE",
    "GB",
    "US",
    "CA",
    "IT",
    "ES",
    "NL",
    "BE",
    "CH",
    "SE",
    "NO",
    "DK",
    "FI",
    "IE",
    "PT",
    "PL",
    "AT",
    "JP",
    "KR",
    "CN",
    "IN",
    "BR",
    "MX",
    "AR",
    "CL",
    "ZA",
    "NG",
    "KE",
    "EG",
    "MA",
    "SG",
    "AU",
    "NZ",
]
REGIONS = ["EU", "EUROPE", "AFRICA", "ASIA_PACIFIC", "LATIN_AMERICA", "OECD", "G7", "G20"]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "su",
    "ti",
    "vo",
    "ze",
    "ba",
    "de",
    "fi",
    "go",
    "hu",
    "ja",
    "ke",
    "li",
    "mo",
    "nu",
    "pa",
    "qui",
    "re",
    "so",
    "tu",
    "va",
    "we",
    "xi",
    "yo",
    "zu",
]


def pseudo_words(rng: random.Random, n: int) -> list[str]:
    """Made-up words: the long tail of a real vocabulary (project names, acronyms, rare terms)."""
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generated(n: int, seed: int = 7):
    """``n`` initiatives' fields, deterministic for a seed."""
    rng = random.Random(seed)
    tail = pseudo_words(rng, 20_000)
    # Zipf-like choice of words: domain words are common, the long tail is rare.
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(tail))))

    def words(k: int, domain_share: float) -> str:
        out = []
        for _ in range(k):
            if rng.random() < domain_share:
                out.append(rng.choice(DOMAIN_WORDS))
            else:
                out.append(rng.choices(tail, cum_weights=cumulative)[0])
        return " ".join(out)

    for i in range(n):
        name = f"{words(2, 0.3).title()} {rng.choice(DOMAIN_WORDS).title()} {i}"
        yield {
            "name": name,
            "slug": f"bench-{i}",
            "summary": words(14, 0.35),
            "description": words(60, 0.25),
            "aliases": [words(1, 0).upper()] if rng.random() < 0.3 else [],
            "countries": rng.sample(COUNTRIES, rng.choice([0, 1, 1, 1, 2, 3])),
            "regions": rng.sample(REGIONS, 1) if rng.random() < 0.15 else [],
            "international": rng.random() < 0.1,
            "topics": rng.sample(range(12), rng.choice([1, 1, 2, 3])),
            "type_index": rng.randrange(13),
            "status_index": rng.randrange(3),
            "start_year": rng.choice([None, *range(2012, 2027)]),
            "lead": rng.randrange(2000),
        }


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[index]


# ---------------------------------------------------------------------------------------------
# One backend, in this process (``--backend``).


def prepare_database(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sustainai.settings")
    os.environ.setdefault("SUSTAINAI_VAR_DIR", tempfile.mkdtemp(prefix="bench-atlas-var-"))
    import django

    django.setup()


def load(url: str, n: int) -> dict:
    """1. A fresh database, the generated initiatives imported (timed), then brought to the
    state a server reaches a few minutes after such a load (not timed)."""
    prepare_database(url)
    _setup(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from sustainai.atlas.importing import import_initiatives

    rows = list(generated(n))
    data = csv_file(rows)
    started = time.perf_counter()
    report = import_initiatives(data, filename="bench.csv")
    import_seconds = time.perf_counter() - started
    if report.errors or report.created != n:
        raise SystemExit(f"import failed: {report.created} created, {report.errors[:3]}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Statistics and visibility maps (autovacuum), and the load's dirty pages written
            # out (a checkpoint that would otherwise run, spread over minutes, during the
            # measurements).
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
    return {
        "backend": connection.vendor,
        "n": n,
        "import_seconds": import_seconds,
        "rows_per_second": n / import_seconds,
    }


def measure(url: str, n: int, repeat: int) -> dict:
    """2-4. Latencies, in a process of their own, as a web server's: not the one that just ran an
    import (on PostgreSQL, measuring in that process made p95 twice as long)."""
    _setup(url)
    from django.core.cache import cache
    from django.core.paginator import Paginator
    from django.db.models import Q

    from sustainai.atlas import selectors

    # The generated initiatives again (deterministic), for the queries' words; not kept.
    rows = random.Random(11).sample(list(generated(n)), 4)
    # Two kinds of searches. Selective: a known initiative's name, rare words (as project names,
    # acronyms, specific terms), a rare word with a common one. Broad: common domain words, each
    # matching thousands of initiatives.
    sample = rows
    tail = pseudo_words(random.Random(7), 20_000)  # the long tail ``generated`` drew from
    selective = [
        *(row["name"] for row in sample),
        *(tail[rank] for rank in (3_000, 6_000, 9_000, 12_000, 15_000)),
        f"{tail[4_000]} carbon",
        f"{tail[8_000]} water",
    ]
    broad = [
        "carbon footprint",
        "water cooling",
        "frugal inference",
        "renewable electricity grid",
        "lifecycle assessment hardware",
        "observatory emissions",
        "quantisation",
    ]
    filter_sets = [
        selectors.Filters(types=("tool",), countries=("FR",)),
        selectors.Filters(topics=("energy",), statuses=("active",)),
        selectors.Filters(years=(2021, 2022)),
        selectors.Filters(regions=("EU",)),
        selectors.Filters(regions=("international",), types=("report",)),
        selectors.Filters(countries=("DE", "NL"), topics=("water",), sort="newest"),
    ]

    def directory_page(filters):
        page = selectors.directory_page(filters, 1)
        return page.paginator.counted, [i.pk for i in page]

    def naive_page(q, *, exact=False):
        qs = selectors.published()
        for word in q.split():
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        qs = qs.order_by("name").prefetch_related("country_links", "topics", "lead_organisations")
        if exact:  # as Django's Paginator counts
            page = Paginator(qs, 20).get_page(1)
            return page.paginator.count, [i.pk for i in page]
        # The same page as the directory's: counted up to the same limit, first 20 rows.
        page = selectors.CappedPaginator(qs, 20).get_page(1)
        return page.paginator.counted, [i.pk for i in page]

    def naive_exact_page(q):
        return naive_page(q, exact=True)

    def full_directory(filters):  # as its first visitor (after any change to the Atlas) waits
        cache.clear()
        directory_page(filters)
        selectors.facet_counts(filters)

    def full_directory_cached(filters):  # as the next visitors wait: facet counts cached
        directory_page(filters)
        selectors.facet_counts(filters)

    def timed(fn, arg) -> list[float]:
        fn(arg)  # warm-up
        out = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(arg)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    measured = {}
    for kind, queries in [("selective", selective), ("broad", broad)]:
        search_ms, naive_ms, exact_ms, matches = [], [], [], []
        for q in queries:
            matches.append(selectors.directory(selectors.Filters(q=q)).count())  # all of them
            search_ms += timed(directory_page, selectors.Filters(q=q))
            naive_ms += timed(naive_page, q)
            exact_ms += timed(naive_exact_page, q)
        measured[kind] = (search_ms, naive_ms, exact_ms, matches)
    filter_ms, full_ms, cached_ms = [], [], []
    for filters in filter_sets:
        filter_ms += timed(directory_page, filters)
    for filters in [
        selectors.Filters(),  # the directory as it opens
        selectors.Filters(q=selective[4]),
        selectors.Filters(q=broad[0]),
        *filter_sets[:2],
    ]:
        full_ms += timed(full_directory, filters)
        cached_ms += timed(full_directory_cached, filters)

    def summary(values):
        return {"p50": percentile(values, 50), "p95": percentile(values, 95)}

    searches = {
        kind: {
            "queries": len(matches),
            "median_matches": statistics.median(matches),
            "max_matches": max(matches),
            "search": summary(search_ms),
            "naive": summary(naive_ms),
            "exact": summary(exact_ms),
            "all_search_ms": search_ms,
            "all_naive_ms": naive_ms,
            "all_exact_ms": exact_ms,
        }
        for kind, (search_ms, naive_ms, exact_ms, matches) in measured.items()
    }
    every_search = [ms for s in searches.values() for ms in s.pop("all_search_ms")]
    every_naive = [ms for s in searches.values() for ms in s.pop("all_naive_ms")]
    every_exact = [ms for s in searches.values() for ms in s.pop("all_exact_ms")]
    return {
        "searches": searches,
        "all": {
            "search": summary(every_search),
            "naive": summary(every_naive),
            "exact": summary(every_exact),
        },
        "filters": summary(filter_ms),
        "full_directory": summary(full_ms),
        "full_directory_cached": summary(cached_ms),
    }


REGION_LABELS = {
    "EU": "EU",
    "EUROPE": "Europe",
    "AFRICA": "Africa",
    "ASIA_PACIFIC": "Asia-Pacific",
    "LATIN_AMERICA": "Latin America",
    "OECD": "OECD",
    "G7": "G7",
    "G20": "G20",
}
TYPES = ["standard", "tool", "observatory", "coalition", "research", "challenge", "dataset"]
TYPES += ["guideline", "policy", "certification", "report", "event", "other"]
STATUSES = ["planned", "active", "completed"]
TOPICS = ["energy", "carbon", "water", "hardware-e-waste", "measurement", "frugal-ai"]
TOPICS += ["data-centres", "ai-for-environment", "model-efficiency", "transparency"]
TOPICS += ["procurement", "skills-awareness"]


def csv_file(rows: list[dict]) -> bytes:
    """The generated initiatives as a CSV file with the columns an import recognises; regions and
    "International" go in the geography column, as people write them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["name", "aliases", "summary", "description", "lead_organisations", "type", "countries"]
        + ["topics", "start_year", "status"]
    )
    for row in rows:
        geography = row["countries"] + [REGION_LABELS[code] for code in row["regions"]]
        if row["international"]:
            geography.append("International")
        writer.writerow(
            [
                row["name"],
                "; ".join(row["aliases"]),
                row["summary"],
                row["description"],
                f"Organisation {row['lead']}",
                TYPES[row["type_index"]],
                ", ".join(geography),
                "; ".join(TOPICS[t] for t in row["topics"]),
                row["start_year"] or "",
                STATUSES[row["status_index"]],
            ]
        )
    return buffer.getvalue().encode()


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="initiatives to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/sustainai_browse_bench",
        help="PostgreSQL database to (re)create; 'none' to skip PostgreSQL",
    )
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument(
        "--phase", choices=["load", "measure"], help=argparse.SUPPRESS
    )  # internal: one backend, as JSON
    args = parser.parse_args()

    if args.backend:
        if args.phase == "load":
            print(json.dumps(load(args.backend, args.n)))
        else:
            print(json.dumps(measure(args.backend, args.n, args.repeat)))
        return

    urls = []
    workdir = tempfile.mkdtemp(prefix="bench-atlas-")
    if not args.skip_sqlite:
        urls.append(f"sqlite:///{workdir}/bench.sqlite3")
    if args.postgres != "none":
        urls.append(args.postgres)
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    results = []
    for url in urls:
        result = {}
        for phase in ("load", "measure"):
            command = [sys.executable, __file__, "--backend", url, "--phase", phase]
            command += ["--n", str(args.n), "--repeat", str(args.repeat)]
            output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            result |= json.loads(output.stdout.strip().splitlines()[-1])
        results.append(result)

    load_average = os.getloadavg()[0]
    print(
        f"Atlas benchmark: {args.n:,} generated initiatives, {args.repeat} runs per query "
        f"(load average at the end: {load_average:.1f} on {os.cpu_count()} CPUs)\n"
    )
    for r in results:
        print(f"== {r['backend']}")
        print(
            f"import command (CSV parsing, normalisation, inserts, search documents): "
            f"{r['rows_per_second']:,.0f} rows/s ({r['import_seconds']:.1f} s)"
        )
        kinds = [(kind, r["searches"][kind]) for kind in ("selective", "broad")]
        for kind, s in [*kinds, ("all searches", {**r["all"], "queries": None})]:
            detail = (
                f" ({s['queries']} queries, median {s['median_matches']:,.0f} matches, "
                f"max {s['max_matches']:,})"
                if s["queries"]
                else ""
            )
            print(
                f"{kind}{detail}: full-text p50 {s['search']['p50']:.1f} ms, "
                f"p95 {s['search']['p95']:.1f} ms; naive icontains p50 {s['naive']['p50']:.1f} ms, "
                f"p95 {s['naive']['p95']:.1f} ms -> {s['naive']['p50'] / s['search']['p50']:.0f}x "
                f"(p50), {s['naive']['p95'] / s['search']['p95']:.0f}x (p95) faster; naive with "
                f"an exact count p50 {s['exact']['p50']:.1f} ms, p95 {s['exact']['p95']:.1f} ms -> "
                f"{s['exact']['p50'] / s['search']['p50']:.0f}x (p50), "
                f"{s['exact']['p95'] / s['search']['p95']:.0f}x (p95)"
            )
        print(
            f"facet filters, count + first page: p50 {r['filters']['p50']:.1f} ms, "
            f"p95 {r['filters']['p95']:.1f} ms"
        )
        print(
            f"whole directory (page + 6 facet counts), first visitor: "
            f"p50 {r['full_directory']['p50']:.1f} ms, p95 {r['full_directory']['p95']:.1f} ms; "
            f"next visitors (facet counts cached): p50 {r['full_directory_cached']['p50']:.1f} ms, "
            f"p95 {r['full_directory_cached']['p95']:.1f} ms\n"
        )


if __name__ == "__main__":
    main()
