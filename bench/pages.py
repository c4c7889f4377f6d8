"""Every main page as a visitor's browser meets it: EcoIndex, axe-core violations, third-party
requests and width on a phone, at desktop (1280×900) and phone (390×844) sizes.

Run against a server with the demo data (`make serve`, or any deployment):

    .venv/bin/python bench/pages.py http://127.0.0.1:8000 [--user EMAIL --password PASSWORD] [PATH ...]

EcoIndex (https://www.ecoindex.fr/en/how-it-works/) grades a page from three figures: its number
of DOM elements, its transferred size in kB and its number of requests, through
``ecoindex.compute.compute_ecoindex(nodes, size, requests)`` from the `ecoindex-compute` package.
Axe-core runs through `axe-playwright-python` (the test extra); EcoIndex needs the `pages` extra:
`.venv/bin/pip install -e '.[test,pages]'`.

Prints one JSON line per page and size, then a Markdown table for docs/performance.md. Exits 1
if a page grades below B, has an axe-core violation, requests another site, or is wider than the
phone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from ecoindex.compute import compute_ecoindex
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
PUBLIC = [
    "/",
    "/atlas/",
    "/atlas/?q=energy&country=FR",
    "/atlas/map/",
    "/atlas/charts/",
    "/members/",
    "/calls/",
    "/footprint/",
    "/standards/",
    "/standards/coverage/",
    "/foresight/",
    "/transparency/",
    "/transparency/intensities/",
    "/api/docs",
    "/api/docs/sustainai_calls_api_submit_expression",
    "/api/docs/try",
    "/accounts/login/",
]
SIGNED_IN = ["/accounts/profile/", "/atlas/submit/", "/transparency/submit/", "/transparency/mine/"]
COORDINATOR = ["/coordination/", "/outbox/", "/atlas/moderation/", "/atlas/duplicates/"]


def measure(page, base: str, path: str) -> dict:
    transferred: list[int] = []
    hosts: set[str] = set()

    def finished(request) -> None:
        hosts.add(urlsplit(request.url).netloc)
        sizes = request.sizes()
        transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", finished)
    response = page.goto(base + path, wait_until="networkidle")
    page.remove_listener("requestfinished", finished)
    nodes = page.evaluate("document.getElementsByTagName('*').length")
    width = page.evaluate("document.documentElement.scrollWidth")
    violations = Axe().run(page).response["violations"]
    size_kb = sum(transferred) / 1024
    return {
        "path": path,
        "status": response.status if response else None,
        "nodes": nodes,
        "requests": len(transferred),
        "kb": round(size_kb, 1),
        "third_party": sorted(h for h in hosts if h != urlsplit(base).netloc),
        "axe": [f"{v['id']} ({v['impact']})" for v in violations],
        "width": width,
    }


async def grade(rows: list[dict]) -> None:
    for row in rows:
        eco = await compute_ecoindex(nodes=row["nodes"], size=row["kb"], requests=row["requests"])
        row["ecoindex"], row["grade"] = eco.score, eco.grade.value


def sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--user", action="append", default=[], help="EMAIL:PASSWORD, signed in")
    parser.add_argument("--locale", default="en-GB", help="the browser's language (fr-FR: French)")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    runs = [(None, args.paths or PUBLIC)]
    for credentials in args.user:
        email, _, password = credentials.partition(":")
        runs.append((email, password, args.paths or SIGNED_IN + COORDINATOR))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        for run in runs:
            for size, (width, height) in SIZES.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale=args.locale
                )
                page = context.new_page()
                if run[0] is not None:
                    sign_in(page, base, run[0], run[1])
                for path in run[-1]:
                    row = {"size": size, "user": run[0] or "", **measure(page, base, path)}
                    if row["status"] != 200:  # a page this user may not see
                        continue
                    rows.append(row)
                context.close()
        browser.close()
    # The EcoIndex computation is asynchronous: once Playwright's own event loop is gone.
    asyncio.run(grade(rows))
    for row in rows:
        print(json.dumps(row))
    print()
    print("| page | user | size | grade (score) | elements | requests | kB | axe-core | width |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        axe = ", ".join(r["axe"]) or "0"
        print(
            f"| `{r['path']}` | {r['user'] or 'visitor'} | {r['size']} | {r['grade']} "
            f"({r['ecoindex']:g}) | {r['nodes']} | {r['requests']} | {r['kb']} | {axe} | "
            f"{r['width']} |"
        )
    failed = [
        r
        for r in rows
        if r["grade"] not in "AB"
        or r["axe"]
        or r["third_party"]
        or (r["size"] == "phone" and r["width"] > SIZES["phone"][0])
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
