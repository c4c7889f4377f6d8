"""Atlas benchmark: import rate and search/filter latency on SQLite and PostgreSQL.

    PYTHONPATH=src /work/main/.venv/bin/python bench/atlas.py            # 100,000 initiatives
    PYTHONPATH=src /work/main/.venv/bin/python bench/atlas.py --n 5000   # a quick run

For each backend (a fresh database each: a temporary SQLite file; the PostgreSQL database named by
``--postgres``, dropped and created again), in a subprocess of its own:

1. Import, twice. (a) Generated initiatives written in batches through the ORM path the index needs:
   ``bulk_create`` of initiatives, their countries, topics and lead organisations, then
   ``search.reindex`` of the batch (one set-based INSERT ... SELECT), then ANALYZE. (b) The same
   initiatives as a CSV file through the import command's function (``importing``, the write
   side's: parsing, normalisation, raw inserts or COPY, then ``search.reindex``), into a fresh
   database.
2. Search: the directory's work for a query (``selectors.directory``, then the paginator's count and
   first page of 20 with its prefetches), against a naive scan of the same words with ``icontains``
   on name, summary and description, measured in the same run on the same data.
3. Filters: facet filters alone (type, country, topic, status, year), same measurement.
4. The whole directory's data: results page plus the six facet counts.

Latencies: each query ``--repeat`` times after one warm-up; p50 and p95 over all runs.
"""

from __future__ import annotations

import argparse
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


def run_backend(url: str, n: int, repeat: int, batch: int) -> dict:
    prepare_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sustainai.settings")
    os.environ.setdefault("SUSTAINAI_VAR_DIR", tempfile.mkdtemp(prefix="bench-atlas-var-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from sustainai.atlas import search, selectors
    from sustainai.atlas.models import (
        Actor,
        Initiative,
        InitiativeCountry,
        InitiativeStatus,
        InitiativeType,
        ModerationState,
        Scope,
        Topic,
    )

    types = InitiativeType.values
    statuses = InitiativeStatus.values
    topics = list(Topic.objects.order_by("position").values_list("pk", flat=True))
    actors = Actor.objects.bulk_create(
        [Actor(name=f"Organisation {i}", normalized_name=f"organisation {i}") for i in range(2000)]
    )
    TopicLink = Initiative.topics.through
    LeadLink = Initiative.lead_organisations.through

    # 1. Import.
    rows = list(generated(n))
    insert_seconds = index_seconds = 0.0
    started = time.perf_counter()
    for start in range(0, n, batch):
        chunk = rows[start : start + batch]
        t0 = time.perf_counter()
        from django.db import transaction

        with transaction.atomic():
            created = Initiative.objects.bulk_create(
                [
                    Initiative(
                        name=row["name"],
                        slug=row["slug"],
                        summary=row["summary"],
                        description=row["description"],
                        aliases=row["aliases"],
                        regions=row["regions"],
                        scope=Scope.INTERNATIONAL if row["international"] else Scope.NATIONAL,
                        type=types[row["type_index"]],
                        status=statuses[row["status_index"]],
                        start_year=row["start_year"],
                        state=ModerationState.PUBLISHED,
                    )
                    for row in chunk
                ]
            )
            InitiativeCountry.objects.bulk_create(
                [
                    InitiativeCountry(initiative_id=initiative.pk, country=code)
                    for initiative, row in zip(created, chunk, strict=True)
                    for code in row["countries"]
                ]
            )
            TopicLink.objects.bulk_create(
                [
                    TopicLink(initiative_id=initiative.pk, topic_id=topics[t])
                    for initiative, row in zip(created, chunk, strict=True)
                    for t in row["topics"]
                ]
            )
            LeadLink.objects.bulk_create(
                [
                    LeadLink(initiative_id=initiative.pk, actor_id=actors[row["lead"]].pk)
                    for initiative, row in zip(created, chunk, strict=True)
                ]
            )
            t1 = time.perf_counter()
            search.reindex(
                Initiative.objects.filter(pk__gte=created[0].pk, pk__lte=created[-1].pk),
                bulk=True,
            )
        t2 = time.perf_counter()
        insert_seconds += t1 - t0
        index_seconds += t2 - t1
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    import_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # The state autovacuum reaches a minute after a load (visibility map set: index-only
        # scans); not counted in the import.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    # 2-4. Latencies.
    from django.db.models import Q

    # Two kinds of searches. Selective: a known initiative's name, rare words (as project names,
    # acronyms, specific terms), a rare word with a common one. Broad: common domain words, each
    # matching thousands of initiatives, all of which must be ranked.
    sample = random.Random(11).sample(rows, 4)
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

    def naive_page(q):
        qs = selectors.published()
        for word in q.split():
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
        qs = qs.order_by("name").prefetch_related("country_links", "topics", "lead_organisations")
        # The same page as the directory's: counted up to the same limit, first 20 rows.
        page = selectors.CappedPaginator(qs, 20).get_page(1)
        return page.paginator.counted, [i.pk for i in page]

    def full_directory(filters):
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
        search_ms, naive_ms, matches = [], [], []
        for q in queries:
            matches.append(selectors.directory(selectors.Filters(q=q)).count())  # all of them
            search_ms += timed(directory_page, selectors.Filters(q=q))
            naive_ms += timed(naive_page, q)
        measured[kind] = (search_ms, naive_ms, matches)
    filter_ms, full_ms = [], []
    for filters in filter_sets:
        filter_ms += timed(directory_page, filters)
    for filters in [
        selectors.Filters(q=selective[4]),
        selectors.Filters(q=broad[0]),
        *filter_sets[:2],
    ]:
        full_ms += timed(full_directory, filters)

    def summary(values):
        return {"p50": percentile(values, 50), "p95": percentile(values, 95)}

    searches = {
        kind: {
            "queries": len(matches),
            "median_matches": statistics.median(matches),
            "max_matches": max(matches),
            "search": summary(search_ms),
            "naive": summary(naive_ms),
            "all_search_ms": search_ms,
            "all_naive_ms": naive_ms,
        }
        for kind, (search_ms, naive_ms, matches) in measured.items()
    }
    every_search = [ms for s in searches.values() for ms in s.pop("all_search_ms")]
    every_naive = [ms for s in searches.values() for ms in s.pop("all_naive_ms")]
    return {
        "backend": connection.vendor,
        "n": n,
        "import_seconds": import_seconds,
        "insert_seconds": insert_seconds,
        "index_seconds": index_seconds,
        "rows_per_second": n / import_seconds,
        "searches": searches,
        "all": {"search": summary(every_search), "naive": summary(every_naive)},
        "filters": summary(filter_ms),
        "full_directory": summary(full_ms),
    }


def run_import_command(url: str, n: int) -> dict:
    """The write side's import (``importing.import_initiatives``, as ``sustainai
    import-initiatives`` runs it) of the same ``n`` initiatives as a CSV file, into a fresh
    database: parsing, normalisation, raw inserts and search indexing included."""
    prepare_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sustainai.settings")
    os.environ.setdefault("SUSTAINAI_VAR_DIR", tempfile.mkdtemp(prefix="bench-atlas-var-"))
    import csv
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from sustainai.atlas.importing import import_initiatives
    from sustainai.atlas.models import Initiative, InitiativeType, Topic
    from sustainai.atlas.search import search

    types = InitiativeType.values
    topics = list(Topic.objects.order_by("position").values_list("slug", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["name", "aliases", "summary", "description", "lead_organisations", "type", "countries"]
        + ["topics", "start_year"]
    )
    for row in generated(n):
        writer.writerow(
            [
                row["name"],
                "; ".join(row["aliases"]),
                row["summary"],
                row["description"],
                f"Organisation {row['lead']}",
                types[row["type_index"]],
                ", ".join(row["countries"]),
                "; ".join(topics[t] for t in row["topics"]),
                row["start_year"] or "",
            ]
        )
    data = buffer.getvalue().encode()
    started = time.perf_counter()
    report = import_initiatives(data, filename="bench.csv")
    seconds = time.perf_counter() - started
    if report.errors or report.created != n:
        raise SystemExit(f"import failed: {report.created} created, {report.errors[:3]}")
    indexed = search(Initiative.objects.all(), f"{row['name']}").count()  # the last row
    return {
        "backend": connection.vendor,
        "seconds": seconds,
        "rows_per_second": n / seconds,
        "last_row_found": indexed == 1,
    }


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="initiatives to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--batch", type=int, default=5_000, help="rows per import batch")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/sustainai_browse_bench",
        help="PostgreSQL database to (re)create; 'none' to skip PostgreSQL",
    )
    parser.add_argument("--backend", help=argparse.SUPPRESS)  # internal: one backend, as JSON
    parser.add_argument("--import-command", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.backend and args.import_command:
        print(json.dumps(run_import_command(args.backend, args.n)))
        return
    if args.backend:
        print(json.dumps(run_backend(args.backend, args.n, args.repeat, args.batch)))
        return

    urls = []
    workdir = tempfile.mkdtemp(prefix="bench-atlas-")
    urls.append(f"sqlite:///{workdir}/bench.sqlite3")
    if args.postgres != "none":
        urls.append(args.postgres)
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    results = []
    for url in urls:
        command = [sys.executable, __file__, "--backend", url, "--n", str(args.n)]
        command += ["--repeat", str(args.repeat), "--batch", str(args.batch)]
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        result = json.loads(output.stdout.strip().splitlines()[-1])
        # The import command, into a database of its own (a second file; the same PostgreSQL
        # database, dropped and created again).
        import_url = url.replace("bench.sqlite3", "import.sqlite3")
        command = [sys.executable, __file__, "--backend", import_url, "--n", str(args.n)]
        output = subprocess.run(
            [*command, "--import-command"], env=env, check=True, capture_output=True, text=True
        )
        result["import_command"] = json.loads(output.stdout.strip().splitlines()[-1])
        results.append(result)

    load = os.getloadavg()[0]
    print(
        f"Atlas benchmark: {args.n:,} generated initiatives, {args.repeat} runs per query "
        f"(load average at the end: {load:.1f} on {os.cpu_count()} CPUs)\n"
    )
    for r in results:
        print(f"== {r['backend']}")
        print(
            f"import (bulk_create + reindex + ANALYZE): {r['rows_per_second']:,.0f} rows/s "
            f"({r['import_seconds']:.1f} s: insert {r['insert_seconds']:.1f} s, "
            f"index {r['index_seconds']:.1f} s, i.e. {r['n'] / r['index_seconds']:,.0f} rows/s)"
        )
        command = r["import_command"]
        print(
            f"import command (CSV parsing, normalisation, raw inserts, reindex): "
            f"{command['rows_per_second']:,.0f} rows/s ({command['seconds']:.1f} s; "
            f"last row found by search: {command['last_row_found']})"
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
                f"(p50), {s['naive']['p95'] / s['search']['p95']:.0f}x (p95) faster"
            )
        print(
            f"facet filters, count + first page: p50 {r['filters']['p50']:.1f} ms, "
            f"p95 {r['filters']['p95']:.1f} ms"
        )
        print(
            f"whole directory (page + 6 facet counts): p50 {r['full_directory']['p50']:.1f} ms, "
            f"p95 {r['full_directory']['p95']:.1f} ms\n"
        )


if __name__ == "__main__":
    main()
