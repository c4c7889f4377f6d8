"""Submissions in the last minute before a call's deadline, against the app served for real.

For each database (SQLite, PostgreSQL) the script migrates a fresh database, serves the app with
waitress on 127.0.0.1, makes N member organisations with a user and an API token each, and a call
whose deadline falls inside the run. It then fires the submissions through
``POST /api/v1/calls/{slug}/expressions`` from a bounded pool of threads, at moments spread evenly
over the last ``--window`` seconds before the deadline and a little after it (``--overshoot``), so
that some arrive too late. Afterwards it checks, in the database, that every accepted expression is
stored exactly once, that each organisation's stored answer is its last accepted one, that none
was accepted after the deadline and none refused before it; and prints throughput, latencies and
errors. The baseline, measured in the same run on the same server, is sequential submissions from
one client to an open call: the burst's latencies are given as ratios of it.

    python bench/deadline.py              # both databases, 500 submissions, 100 organisations
    python bench/deadline.py --n 20 --submissions 100 --window 5 --db sqlite   # a quick run
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALL = "bench-deadline"
BASELINE_CALL = "bench-baseline"
WORKSTREAMS = ["standards", "procurement", "library"]


def django_env(database_url: str, var_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SUSTAINAI_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="sustainai.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1",
        SUSTAINAI_HTTPS="0",
        DEBUG="0",
        SUSTAINAI_STATIC_MANIFEST="0",
        LOG_LEVEL="ERROR",
    )
    return env


# --- Parts run inside Django, in a subprocess bound to one database -------------------------------


def setup_data(n: int, closes_at_epoch: float) -> None:
    import django

    django.setup()
    from django.utils import timezone

    from sustainai.accounts.models import User
    from sustainai.accounts.tokens import create_token
    from sustainai.calls.models import Call, ProposedWorkstream
    from sustainai.members.models import MembershipStatus, Organisation

    now = timezone.now()
    tokens = []
    for index in range(n):
        organisation = Organisation.objects.create(
            name=f"Bench organisation {index}",
            slug=f"bench-{index}",
            kind="company",
            country="FR",
            status=MembershipStatus.APPROVED,
        )
        user = User.objects.create_user(f"bench-{index}@example.org", organisation=organisation)
        tokens.append(create_token(user, name="bench")[1])
    closes_at = datetime.datetime.fromtimestamp(closes_at_epoch, tz=datetime.UTC)
    for slug, closes in [(CALL, closes_at), (BASELINE_CALL, now + datetime.timedelta(days=1))]:
        call = Call.objects.create(
            slug=slug, title=slug, opens_at=now - datetime.timedelta(hours=1), closes_at=closes
        )
        for position, workstream in enumerate(WORKSTREAMS):
            ProposedWorkstream.objects.create(
                call=call, slug=workstream, title=workstream, position=position
            )
    print(json.dumps({"tokens": tokens, "closes_at": closes_at.timestamp()}))


def verify(results_path: str) -> None:
    import django

    django.setup()
    from django.db.models import Count

    from sustainai.calls.models import Call, Expression

    results = json.loads(Path(results_path).read_text())
    call = Call.objects.get(slug=CALL)
    closes_at = call.closes_at.timestamp()
    stored = {
        e.organisation.slug: e
        for e in Expression.objects.filter(call=call)
        .select_related("organisation")
        .prefetch_related("choices")
    }
    duplicates = (
        Expression.objects.filter(call=call)
        .values("organisation")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    accepted: dict[str, list[dict]] = {}
    for result in results:
        if result["status"] in (200, 201):
            accepted.setdefault(result["organisation"], []).append(result)
    problems = []
    if set(accepted) != set(stored):
        problems.append(
            f"organisations with an accepted submission {len(accepted)} != stored {len(stored)}"
        )
    for organisation, answers in accepted.items():
        created = sum(1 for a in answers if a["status"] == 201)
        if created != 1:
            problems.append(f"{organisation}: {created} submissions answered 201 (expected 1)")
        expression = stored.get(organisation)
        if expression is None:
            continue
        last = max(answers, key=lambda a: a["updated_at"])
        motivations = {c.motivation for c in expression.choices.all()}
        if motivations != {last["motivation"]}:
            problems.append(f"{organisation}: stored answer is not its last accepted one")
    late = [e for e in stored.values() if e.updated_at.timestamp() >= closes_at]
    late_responses = [
        r for r in results if r["status"] in (200, 201) and r["updated_at"] >= closes_at
    ]
    early_refusals = [r for r in results if r["status"] == 409 and r["done"] < closes_at]
    print(
        json.dumps(
            {
                "stored": len(stored),
                "duplicates": duplicates,
                "accepted_after_deadline": len(late) + len(late_responses),
                "refused_before_deadline": len(early_refusals),
                "problems": problems[:20],
            }
        )
    )


# --- The driver ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/calls")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not answer within {timeout:.0f} s")


_local = threading.local()


def post(port: int, slug: str, token: str, body: dict) -> tuple[int, dict, float, float]:
    """One submission on a kept-alive connection per thread; returns status, JSON, start, end."""
    payload = json.dumps(body)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for attempt in range(2):
        connection = getattr(_local, "connection", None)
        if connection is None:
            connection = _local.connection = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=60
            )
        started = time.time()
        try:
            connection.request("POST", f"/api/v1/calls/{slug}/expressions", payload, headers)
            response = connection.getresponse()
            data = response.read()
            done = time.time()
            return response.status, (json.loads(data) if data else {}), started, done
        except (http.client.HTTPException, OSError):
            connection.close()
            _local.connection = None
            if attempt:
                raise
    raise AssertionError("unreachable")


def body_for(organisation: int, k: int) -> dict:
    return {
        "workstreams": [
            {
                "slug": WORKSTREAMS[(organisation + k) % 3],
                "role": "contributor",
                "motivation": f"m{k}",
            }
        ],
        "contact_name": f"Contact {organisation}",
        "contact_email": f"contact{organisation}@example.org",
        "consent": True,
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_one(database: str, url: str, args) -> dict:
    var_dir = tempfile.mkdtemp(prefix=f"sustainai-bench-{database}-")
    env = django_env(url, var_dir)
    python = sys.executable
    subprocess.run(
        [python, "-m", "sustainai", "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT
    )
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "waitress",
            "--listen",
            f"127.0.0.1:{port}",
            f"--threads={args.server_threads}",
            "--connection-limit=1000",
            "sustainai.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port)
        # Setup after the server is up, so the deadline is not eaten by the server's start.
        closes_at = time.time() + args.lead + args.window
        setup = subprocess.run(
            [python, __file__, "--setup", str(closes_at), "--n", str(args.n)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        data = json.loads(setup.stdout.strip().splitlines()[-1])
        tokens = data["tokens"]

        # The burst: moments spread over the last `window` seconds and `overshoot` after.
        span = args.window * (1 + args.overshoot)
        start = closes_at - args.window
        rng = random.Random(args.seed)
        jobs = sorted(
            (start + rng.uniform(0, span), k % len(tokens), k) for k in range(args.submissions)
        )
        if time.time() > start:
            raise SystemExit("the setup took longer than --lead; raise it")
        results: list[dict] = []
        errors: list[str] = []
        lock = threading.Lock()
        in_flight = 0
        peak = 0

        def fire(at: float, organisation: int, k: int) -> None:
            nonlocal in_flight, peak
            delay = at - time.time()
            if delay > 0:
                time.sleep(delay)
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            try:
                status, payload, started, done = post(
                    port, CALL, tokens[organisation], body_for(organisation, k)
                )
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                return
            finally:
                with lock:
                    in_flight -= 1
            updated = payload.get("updated_at")
            with lock:
                results.append(
                    {
                        "organisation": f"bench-{organisation}",
                        "status": status,
                        "motivation": f"m{k}",
                        "started": started,
                        "done": done,
                        "updated_at": (
                            datetime.datetime.fromisoformat(
                                updated.replace("Z", "+00:00")
                            ).timestamp()
                            if updated
                            else None
                        ),
                    }
                )

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.threads) as pool:
            list(pool.map(lambda job: fire(*job), jobs))

        # Baseline: sequential submissions to an open call, one client, same server, same data.
        baseline = []
        for k in range(args.baseline):
            status, _json, started, done = post(
                port, BASELINE_CALL, tokens[k % len(tokens)], body_for(k, k)
            )
            assert status in (200, 201), f"baseline submission answered {status}"
            baseline.append(done - started)

        results_path = Path(var_dir) / "results.json"
        results_path.write_text(json.dumps(results))
        checked = subprocess.run(
            [python, __file__, "--verify", str(results_path)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        checks = json.loads(checked.stdout.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies = [r["done"] - r["started"] for r in results]
    statuses: dict[int, int] = {}
    for result in results:
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    first = min(r["started"] for r in results)
    last = max(r["done"] for r in results)
    baseline_mean = statistics.median(baseline)
    return {
        "database": database,
        "submissions": args.submissions,
        "statuses": dict(sorted(statuses.items())),
        "errors": len(errors) + sum(n for s, n in statuses.items() if s not in (200, 201, 409)),
        "error_samples": errors[:3],
        "peak_in_flight": peak,
        "throughput": len(results) / (last - first),
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "max_ms": max(latencies) * 1000,
        "baseline_mean_ms": baseline_mean * 1000,
        "baseline_throughput": 1 / baseline_mean,
        "checks": checks,
    }


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="member organisations (default 100)")
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--threads", type=int, default=64, help="client threads (bounded pool)")
    parser.add_argument("--server-threads", type=int, default=16)
    parser.add_argument("--window", type=float, default=60.0, help="seconds before the deadline")
    parser.add_argument(
        "--overshoot", type=float, default=0.1, help="fraction of the window fired after it"
    )
    parser.add_argument("--baseline", type=int, default=30, help="sequential baseline submissions")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sustainai_calls_bench"
        ),
    )
    parser.add_argument(
        "--lead", type=float, default=20.0, help="seconds allowed for the setup before the window"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--setup", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--verify", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        return setup_data(args.n, args.setup)
    if args.verify:
        return verify(args.verify)

    runs = []
    if args.db in ("sqlite", "both"):
        runs.append(("sqlite", "sqlite:///{var}/bench.sqlite3"))
    if args.db in ("postgres", "both"):
        recreate_postgres(args.postgres_url)
        runs.append(("postgres", args.postgres_url))
    print(
        f"{args.submissions} submissions from {args.n} organisations, {args.threads} client "
        f"threads, over the last {args.window:g} s before the deadline and {args.overshoot:.0%} after"
    )
    failed = False
    for database, url in runs:
        if "{var}" in url:
            url = url.format(var=tempfile.mkdtemp(prefix="sustainai-bench-sqlite-"))
        report = run_one(database, url, args)
        checks = report["checks"]
        ok = (
            not checks["problems"]
            and checks["duplicates"] == 0
            and checks["accepted_after_deadline"] == 0
            and checks["refused_before_deadline"] == 0
        )
        failed |= not ok or report["errors"] > 0
        print(f"\n[{database}]")
        print(f"  statuses          {report['statuses']}  (201 created, 200 updated, 409 too late)")
        print(f"  errors            {report['errors']} {report['error_samples'] or ''}")
        print(f"  peak in flight    {report['peak_in_flight']}")
        print(f"  throughput        {report['throughput']:.1f} req/s over the burst")
        print(
            f"  latency           p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms, "
            f"max {report['max_ms']:.1f} ms"
        )
        print(
            f"  baseline          {report['baseline_mean_ms']:.1f} ms per sequential submission (median) "
            f"({report['baseline_throughput']:.1f} req/s)"
        )
        print(
            f"  ratios            p95 / baseline = {report['p95_ms'] / report['baseline_mean_ms']:.2f}, "
            f"p50 / baseline = {report['p50_ms'] / report['baseline_mean_ms']:.2f}"
        )
        print(
            f"  checks            stored {checks['stored']} expressions, duplicates "
            f"{checks['duplicates']}, accepted after the deadline "
            f"{checks['accepted_after_deadline']}, refused before it "
            f"{checks['refused_before_deadline']} → {'OK' if ok else 'FAILED'}"
        )
        for problem in checks["problems"]:
            print(f"    {problem}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
