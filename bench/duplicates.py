"""Duplicate detection at scale: precision, recall, F1, wall time and peak memory.

    python bench/duplicates.py                       # N = 10k and 100k, DuckDB + baseline
    python bench/duplicates.py --sizes 2000 --engine spark duckdb

Generates N initiatives of which about 12 % are planted duplicates of the kinds the Atlas meets (a
launch-era name and the final one, a French translation, a provisional standard number and the
published one, a working group and its standard, a new version or edition, a press description by
another organisation) and 3 % are false friends (another initiative's name, nothing else in
common; a standard's false friend is the next document of its series, with the same title words:
see ``sibling_standard``). Each engine runs in a fresh process (peak RSS is that process's), against an all-pairs
rapidfuzz baseline (token-set ratio ≥ 90 of normalised names, on 2 workers) measured in the same
run. Above 20k the baseline compares a random 1 % of the records with all the others; its time is
extrapolated (×100) and its precision and recall are measured on the pairs touching that sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sustainai.linkage.engine import QUEUE_THRESHOLD, InitiativeRecord  # noqa: E402

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "ne",
    "sa",
    "vo",
    "lu",
    "mi",
    "de",
    "ra",
    "po",
    "la",
    "te",
    "ni",
    "go",
    "be",
    "su",
    "ma",
    "ze",
    "fo",
    "ki",
    "ta",
    "re",
    "lo",
    "nu",
    "ha",
    "ve",
    "di",
    "mo",
    "xa",
    "qua",
    "bri",
    "stel",
    "tor",
    "vin",
    "gar",
    "mel",
    "dor",
    "fen",
    "kal",
    "zan",
    "pel",
    "rix",
    "tum",
    "nor",
]
TOPIC = [
    "energy",
    "carbon",
    "emissions",
    "footprint",
    "water",
    "frugal",
    "efficient",
    "green",
    "sustainable",
    "circular",
    "climate",
]
THING = [
    "index",
    "observatory",
    "calculator",
    "benchmark",
    "alliance",
    "label",
    "guidelines",
    "toolkit",
    "registry",
    "dataset",
    "challenge",
    "programme",
    "network",
    "framework",
    "charter",
    "lab",
    "hub",
    "platform",
    "report",
    "score",
    "tracker",
    "leaderboard",
    "certification",
    "methodology",
    "specification",
]
DOMAIN = [
    "AI",
    "machine learning",
    "data centres",
    "inference",
    "model training",
    "computing",
    "software",
    "LLMs",
    "edge AI",
    "cloud",
]
FRENCH = {
    "energy": "énergie",
    "carbon": "carbone",
    "emissions": "émissions",
    "footprint": "empreinte",
    "water": "eau",
    "frugal": "frugale",
    "efficient": "efficace",
    "green": "verte",
    "sustainable": "durable",
    "circular": "circulaire",
    "climate": "climat",
    "index": "indice",
    "observatory": "observatoire",
    "calculator": "calculateur",
    "benchmark": "banc d'essai",
    "alliance": "alliance",
    "label": "label",
    "guidelines": "lignes directrices",
    "toolkit": "boîte à outils",
    "registry": "registre",
    "dataset": "jeu de données",
    "challenge": "défi",
    "programme": "programme",
    "network": "réseau",
    "framework": "cadre",
    "charter": "charte",
    "lab": "laboratoire",
    "hub": "pôle",
    "platform": "plateforme",
    "report": "rapport",
    "score": "score",
    "tracker": "suivi",
    "leaderboard": "classement",
    "certification": "certification",
    "methodology": "méthodologie",
    "specification": "spécification",
    "AI": "IA",
    "machine learning": "apprentissage automatique",
    "data centres": "centres de données",
    "inference": "inférence",
    "model training": "entraînement des modèles",
    "computing": "calcul",
    "software": "logiciel",
    "LLMs": "grands modèles de langage",
    "edge AI": "IA embarquée",
    "cloud": "nuage",
}
SENTENCES_EN = [
    "The {thing} measures the {topic} impact of {domain} across {place}.",
    "It was launched by {org} with {word1} and {word2} partners.",
    "Participants report {topic} data through the {word3} protocol every year.",
    "Results feed the {word1} {thing} and public recommendations for {domain}.",
    "The {word2} method compares {topic} indicators of {domain} systems.",
    "A {word4} pilot in {place} tested the {thing} with {word5} operators.",
    "Its open {word4} repository documents {topic} measurements for {domain}.",
    "The {word5} committee reviews the {thing} each spring.",
    "Funding comes from the {word4} fund and the {word5} trust.",
]
SENTENCES_FR = [
    "Le {thing} mesure l'impact {topic} de {domain} en {place}.",
    "Il a été lancé par {org} avec les partenaires {word1} et {word2}.",
    "Les participants déclarent les données {topic} via le protocole {word3} chaque année.",
    "Les résultats alimentent le {thing} {word1} et des recommandations publiques pour {domain}.",
    "La méthode {word2} compare les indicateurs {topic} des systèmes de {domain}.",
    "Un pilote {word4} en {place} a testé le {thing} avec les opérateurs {word5}.",
    "Son dépôt ouvert {word4} documente les mesures {topic} pour {domain}.",
    "Le comité {word5} revoit le {thing} chaque printemps.",
    "Le financement vient du fonds {word4} et de la fondation {word5}.",
]
PRESS_WORDS = {
    "measures": "tracks",
    "launched": "started",
    "partners": "members",
    "public": "open",
    "compares": "contrasts",
    "report": "share",
    "every year": "annually",
}
COUNTRIES = [
    "FR",
    "US",
    "GB",
    "DE",
    "CA",
    "JP",
    "IN",
    "BR",
    "KE",
    "NG",
    "ZA",
    "SG",
    "AU",
    "NL",
    "SE",
    "CH",
    "ES",
    "IT",
    "MX",
    "CL",
    "SN",
    "MA",
    "KR",
    "CN",
    "FI",
]
TYPES = [
    "tool",
    "observatory",
    "coalition",
    "research",
    "challenge",
    "dataset",
    "guideline",
    "policy",
    "certification",
    "report",
]
ORG_KINDS = [
    "Institute",
    "University",
    "Labs",
    "Foundation",
    "Agency",
    "Association",
    "Centre",
    "Consortium",
]
LEGAL = ["", "", " SAS", " Ltd", " GmbH", " Inc."]
NEWS = ["technews.example", "greenwire.example", "aiweekly.example", "climatedesk.example"]


_STANDARD_NAME = re.compile(r"^(?:ISO/IEC|ITU-T|IEEE|ETSI)\b")
_SERIES_NUMBER = re.compile(r"\d{3,}")


def sibling_standard(name: str) -> str:
    """A standard's false friend: the next number of its series under the same title words.

    Until 2026-12-04 (evening, second pass) a false friend copied the whole name, standard number
    included. Real false friends between standards never share the number: in the real set's
    labelled "different" pairs every one differs (ISO/IEC 42001 / 42005, ITU-T L.1470 / L.1471,
    ISO/IEC 30134-8 / 30134-3, NIST AI 100-1 / 600-1), and two entries carrying one number are one
    standard. Other names are copied whole.
    """
    if not _STANDARD_NAME.match(name):
        return name
    found = _SERIES_NUMBER.search(name)
    assert found is not None
    digits = found.group()
    sibling = str(int(digits) + 1) if int(digits) + 1 < 10 ** len(digits) else str(int(digits) - 1)
    return name[: found.start()] + sibling + name[found.end() :]


def word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


class Generator:
    """Deterministic synthetic Atlas: base initiatives, planted duplicates, false friends."""

    def __init__(self, n: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.n = n
        self.orgs = [
            f"{word(self.rng, 2)} {word(self.rng, 3)} {self.rng.choice(ORG_KINDS)}"
            for _ in range(max(50, n // 5))
        ]
        self.records: list[InitiativeRecord] = []
        self.truth: set[tuple[int, int]] = set()
        self.kinds: dict[tuple[int, int], str] = {}
        self.standards: list[str] = []
        self.numbers: set[str] = set()

    @staticmethod
    def _standard_number(body: str, number: int, proper: str) -> str:
        """The number a body's registry gives, as the names below write it."""
        if body == "iso":
            return f"iso {number}"
        if body == "etsi":
            return f"etsi {proper.upper()[:3]} {number % 900 + 100}"
        return f"{body} {number % 9000 + 1000}"

    def _description(self, parts: dict, french: bool = False) -> str:
        templates = SENTENCES_FR if french else SENTENCES_EN
        chosen = self.rng.sample(range(len(templates)), 5)
        values = dict(parts)
        if french:
            values = {k: FRENCH.get(v, v) for k, v in values.items()}
        return " ".join(templates[i].format(**values) for i in sorted(chosen))

    def base(self, identifier: int) -> tuple[InitiativeRecord, dict]:
        rng = self.rng
        proper = word(rng, rng.choice((2, 3)))
        topic, thing, domain = rng.choice(TOPIC), rng.choice(THING), rng.choice(DOMAIN)
        standard = None
        kind = rng.choice(TYPES)
        if rng.random() < 0.08:
            kind = "standard"
            body = rng.choice(("iso", "itu", "ieee", "etsi"))
            number = rng.randint(10000, 99999)
            # A registry never gives one number to two documents: the next free one (no draw, so
            # the rest of the set stays as it was).
            while self._standard_number(body, number, proper) in self.numbers:
                number += 1
            self.numbers.add(self._standard_number(body, number, proper))
            standard = {
                "iso": (f"ISO/IEC {number}:{rng.randint(2019, 2026)}", f"ISO/IEC DIS {number}"),
                "itu": (
                    f"ITU-T L.{number % 9000 + 1000}",
                    f"ITU-T L.{number % 9000 + 1000} (draft)",
                ),
                "ieee": (
                    f"IEEE {number % 9000 + 1000}-{rng.randint(2019, 2026)}",
                    f"IEEE P{number % 9000 + 1000}",
                ),
                "etsi": (
                    f"ETSI GR {proper.upper()[:3]} {number % 900 + 100:03d}",
                    f"ETSI draft GR {proper.upper()[:3]} {number % 900 + 100:03d}",
                ),
            }[body]
            name = f"{standard[0]} {topic.capitalize()} {thing} for {domain}"
        else:
            pattern = rng.randrange(3)
            name = (
                f"{proper} {topic.capitalize()} {thing.capitalize()}"
                if pattern == 0
                else f"{topic.capitalize()} {domain} {thing.capitalize()} {proper}"
                if pattern == 1
                else f"{proper} {thing.capitalize()} for {topic.capitalize()} {domain}"
            )
        orgs = tuple(rng.sample(self.orgs, rng.choice((1, 1, 2, 3))))
        parts = {
            "thing": thing,
            "topic": topic,
            "domain": domain,
            "place": rng.choice(("Europe", "Africa", "Asia", "the Americas", "the world")),
            "org": orgs[0],
            "word1": word(rng),
            "word2": word(rng),
            "word3": word(rng),
            "word4": word(rng),
            "word5": word(rng),
        }
        slug = proper.lower() + "-" + thing.lower()
        website = (
            rng.choice(
                (
                    f"https://www.{slug}.org/",
                    f"https://{slug}.ai/",
                    f"https://www.{orgs[0].split()[0].lower()}.org/{slug}/",
                )
            )
            if rng.random() < 0.85
            else ""
        )
        record = InitiativeRecord(
            id=identifier,
            name=name,
            aliases=(proper.upper()[:4],) if rng.random() < 0.1 else (),
            description=self._description(parts) if rng.random() < 0.95 else "",
            website=website,
            organisations=orgs,
            countries=tuple(rng.sample(COUNTRIES, rng.choice((1, 1, 2)))),
            start_year=rng.randint(2015, 2026) if rng.random() < 0.9 else None,
            type=kind,
        )
        return record, {"parts": parts, "standard": standard, "proper": proper, "slug": slug}

    def duplicate(
        self, identifier: int, base: InitiativeRecord, info: dict, kind: str
    ) -> InitiativeRecord:
        rng = self.rng
        parts = dict(info["parts"])
        r = base
        if kind == "standard" and not info["standard"]:
            kind = "rename"
        if kind == "rename":  # launch-era name vs final name: same site, organisations, country
            p = info["parts"]
            name = f"{word(rng)} {p['topic'].capitalize()} {rng.choice(THING).capitalize()}"
            return InitiativeRecord(
                identifier,
                name,
                (),
                self._edit(r.description),
                r.website,
                r.organisations[:2],
                r.countries,
                self._near(r.start_year, 1),
                r.type,
            )
        if kind == "translation":
            fr = " ".join(
                FRENCH.get(t.lower(), t) for t in r.name.replace(" for ", " pour ").split()
            )
            website = (
                r.website.replace(".org/", ".org/fr/").replace(".ai/", ".ai/fr/")
                if r.website
                else ""
            )
            orgs = tuple(o + rng.choice(LEGAL) for o in r.organisations)
            desc = self._description({**parts}, french=True) if r.description else ""
            return InitiativeRecord(
                identifier,
                fr.capitalize(),
                (),
                desc,
                website,
                orgs,
                r.countries,
                r.start_year,
                r.type,
            )
        if kind == "standard":  # provisional number vs the published one
            published, provisional = info["standard"]
            name = r.name.replace(published, provisional)
            return InitiativeRecord(
                identifier,
                name,
                (),
                self._edit(r.description),
                "",
                r.organisations,
                r.countries,
                self._near(r.start_year, 2),
                r.type,
            )
        if kind == "working_group":
            number = info["standard"][0] if info["standard"] else r.name
            name = f"{info['proper']} working group on {parts['topic']} {parts['domain']}"
            desc = f"The group develops {number}. " + self._edit(r.description)
            host = r.website.split("/")[2] if r.website else ""
            site = f"https://{host}/working-group/" if host else ""
            return InitiativeRecord(
                identifier,
                name,
                (),
                desc,
                site,
                r.organisations,
                r.countries,
                self._near(r.start_year, 2),
                "coalition",
            )
        if kind == "version":
            suffix = rng.choice((" v2", " 2.0", " (2nd edition)", " 2025 edition", " version 3"))
            return InitiativeRecord(
                identifier,
                r.name + suffix,
                r.aliases,
                self._edit(r.description),
                r.website,
                r.organisations,
                r.countries,
                (r.start_year or 2020) + rng.randint(1, 3),
                r.type,
            )
        if kind == "press":  # a press description by another organisation
            name = f"The {r.name}" if rng.random() < 0.5 else r.name.replace(" for ", " on ")
            desc = r.description
            for a, b in PRESS_WORDS.items():
                desc = desc.replace(a, b)
            sentences = desc.split(". ")
            rng.shuffle(sentences)
            news = rng.choice(NEWS)
            return InitiativeRecord(
                identifier,
                self._typo(name),
                (),
                ". ".join(sentences),
                f"https://{news}/{info['slug']}-launch",
                (f"{news.split('.')[0]} media",),
                r.countries,
                r.start_year,
                r.type,
            )
        raise ValueError(kind)

    def _edit(self, text: str) -> str:
        sentences = [s for s in text.split(". ") if s]
        if len(sentences) > 2:
            sentences.pop(self.rng.randrange(len(sentences)))
        return ". ".join(sentences)

    def _near(self, year: int | None, spread: int) -> int | None:
        return year if year is None else year - self.rng.randint(0, spread)

    def _typo(self, text: str) -> str:
        if len(text) < 8 or self.rng.random() < 0.5:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]

    def generate(self) -> tuple[list[InitiativeRecord], set[tuple[int, int]]]:
        rng = self.rng
        kinds = ["rename", "translation", "standard", "working_group", "version", "press"]
        bases: list[tuple[InitiativeRecord, dict]] = []
        i = 0
        while i < self.n:
            roll = rng.random()
            if bases and roll < 0.12:
                base, info = rng.choice(bases)
                if "cluster" in info:  # one planted duplicate per initiative: pairs, not chains
                    continue
                kind = rng.choice(kinds)
                if info["standard"] and rng.random() < 0.5:
                    kind = rng.choice(("standard", "working_group"))
                elif kind in ("standard", "working_group") and not info["standard"]:
                    kind = "rename"  # a working group and its standard's number: standards only
                dup = self.duplicate(i, base, info, kind)
                self.records.append(dup)
                # Every member of the initiative's cluster is the same initiative.
                cluster = info.setdefault("cluster", [base.id])
                for other in cluster:
                    pair = (min(other, i), max(other, i))
                    self.truth.add(pair)
                    self.kinds[pair] = kind
                cluster.append(i)
            elif bases and roll < 0.15:  # false friend: another initiative's name, nothing else
                friend, _ = rng.choice(bases)
                record, info = self.base(i)
                self.records.append(
                    InitiativeRecord(
                        i,
                        sibling_standard(friend.name),
                        (),
                        record.description,
                        record.website,
                        record.organisations,
                        record.countries,
                        record.start_year,
                        record.type,
                    )
                )
                bases.append((self.records[-1], info | {"false_friend": True}))
            else:
                record, info = self.base(i)
                self.records.append(record)
                bases.append((record, info))
            i += 1
        return self.records, self.truth


def _measure(args: tuple[str, int, int, str]) -> dict:
    """Run one engine on a freshly generated set, in this (child) process."""
    engine, n, seed, out = args
    records, truth = Generator(n, seed).generate()
    stages: dict[str, float] = {}
    jvm_peak_mib = 0
    start = time.perf_counter()
    cpu_start = _cpu()
    if engine == "baseline":
        predicted, sample = baseline(records, n)
    else:
        from sustainai.linkage.engine import find_duplicates

        last = [start, "spark session" if engine == "spark" else "start"]

        def on_step(name: str) -> None:
            now = time.perf_counter()
            stages[last[1]] = round(now - last[0], 2)
            last[:] = [now, name]

        session = None
        if engine == "spark":  # the JVM's start counts in the job's time
            from sustainai.linkage.engine import spark

            session = spark()
        predicted = {
            (c.a, c.b)
            for c in find_duplicates(
                records,
                threshold=QUEUE_THRESHOLD,
                engine="duckdb" if engine == "semantic" else engine,
                spark_session=session,
                on_step=on_step,
                semantic=engine == "semantic",
            )
        }
        if session is not None:
            jvm_peak_mib = _jvm_peak_mib(session)
            session.stop()
        on_step("end")
        stages.pop("start", None)
        sample = None
    wall = time.perf_counter() - start
    cpu = _cpu() - cpu_start
    if sample is not None:
        truth = {p for p in truth if p[0] in sample or p[1] in sample}
        wall *= n / len(sample)
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gen = Generator(n, seed)
    gen.generate()
    missed: dict[str, int] = {}
    for pair in truth - predicted:
        missed[gen.kinds[pair]] = missed.get(gen.kinds[pair], 0) + 1
    result = {
        "engine": engine,
        # The same digest from two engines means the very same pairs.
        "pairs_sha1": hashlib.sha1(repr(sorted(predicted)).encode()).hexdigest()[:12],
        "n": n,
        "true_pairs": len(truth),
        "predicted": len(predicted),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu * (n / len(sample) if sample else 1), 2),
        "stages_s": stages,
        "extrapolated": sample is not None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        # Worker processes (features from 20k on) and the JVM for Spark are children.
        "children_peak_rss_mib": max(
            jvm_peak_mib, round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        ),
        "missed_by_kind": missed,
    }
    Path(out).write_text(json.dumps(result))
    return result


def _measure_hint(args: tuple[int, int, str]) -> dict:
    """The hint's look-up: one typed entry against an index of N published initiatives."""
    n, seed, out = args
    from sustainai.linkage.engine import Index

    records, _ = Generator(n, seed).generate()
    start = time.perf_counter()
    index = Index(records)
    build = time.perf_counter() - start
    rng = random.Random(seed)
    timings = []
    for record in rng.sample(records, 300):
        typed = InitiativeRecord(
            0, record.name.lower().replace(" for ", " "), website=record.website
        )
        t = time.perf_counter()
        index.search(typed, limit=5)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    result = {
        "n": n,
        "index_build_s": round(build, 2),
        "search_ms_p50": round(timings[len(timings) // 2], 2),
        "search_ms_p95": round(timings[int(len(timings) * 0.95)], 2),
        "search_ms_max": round(timings[-1], 2),
    }
    Path(out).write_text(json.dumps(result))
    return result


def _jvm_peak_mib(session) -> int:
    """Peak resident memory of Spark's JVM (a child that outlives the measurement)."""
    pid = session._jvm.java.lang.ProcessHandle.current().pid()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0


def _cpu() -> float:
    """CPU seconds of this process and its finished children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def baseline(
    records: list[InitiativeRecord], n: int
) -> tuple[set[tuple[int, int]], set[int] | None]:
    """All pairs of normalised names by rapidfuzz's token-set ratio (the threshold picked best)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from sustainai.linkage.normalise import name_norm

    names = [name_norm(r.name) for r in records]
    ids = [r.id for r in records]
    rows = list(range(len(records)))
    sample = None
    if n > 20_000:
        rows = sorted(random.Random(1).sample(rows, len(rows) // 100))
        sample = {ids[i] for i in rows}
    predicted = set()
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        matrix = process.cdist(
            [names[i] for i in chunk],
            names,
            scorer=fuzz.token_set_ratio,
            score_cutoff=90,
            workers=2,
            dtype=np.uint8,
        )
        for r, c in zip(*np.nonzero(matrix), strict=True):
            a, b = ids[chunk[r]], ids[c]
            if a != b:
                predicted.add((min(a, b), max(a, b)))
    return predicted, sample


# --- The real labelled set ----------------------------------------------------------------------

REAL_DIR = Path(__file__).resolve().parent / "data" / "real_duplicates"


def real_records(directory: Path) -> tuple[list[InitiativeRecord], dict[str, int]]:
    """The real set's records as the Atlas gives them to the engine (``initiative_records``)."""
    document = json.loads((directory / "initiatives.json").read_text(encoding="utf-8"))
    records, ids = [], {}
    for number, row in enumerate(document["initiatives"], start=1):
        ids[row["key"]] = number
        records.append(
            InitiativeRecord(
                id=number,
                name=row["name"],
                aliases=tuple(row.get("aliases") or ()),
                description="\n".join(t for t in (row.get("summary"), row.get("description")) if t),
                website=row.get("website") or "",
                organisations=tuple([*row.get("organisations", []), *row.get("partners", [])]),
                countries=tuple(row.get("countries") or ()),
                start_year=row.get("year"),
                type=row.get("type") or "",
            )
        )
    return records, ids


def real_pairs(directory: Path, ids: dict[str, int]) -> list[dict]:
    import csv

    with (directory / "pairs.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        a, b = ids[row["key_a"]], ids[row["key_b"]]
        row["pair"] = (min(a, b), max(a, b))
    return rows


def _groups(pairs: list[dict]) -> dict[int, int]:
    """Records joined by "same" pairs (labels are transitive): record id → group id."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for row in pairs:
        if row["label"] == "same":
            a, b = row["pair"]
            parent[find(a)] = find(b)
    return {x: find(x) for x in list(parent)}


def evaluate_real(predicted: set[tuple[int, int]], pairs: list[dict], split: str) -> dict:
    """Precision, recall and F1 on one split's labelled pairs.

    Recall: the split's "same" pairs found. Precision: of the predicted pairs labelled in this
    split, those labelled "same". Predicted pairs the set does not label are counted apart
    (``unlabelled_predicted``; those inside one group of "same" records are right by
    transitivity, ``implied_same``), and a strict precision counts the others as wrong.
    """
    rows = [row for row in pairs if row["split"] == split]
    labelled = {row["pair"]: row for row in rows}
    same = {row["pair"] for row in rows if row["label"] == "same"}
    found = predicted & same
    judged = predicted & set(labelled)
    tp = len(judged & same)
    precision = tp / len(judged) if judged else 0.0
    recall = len(found) / len(same) if same else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    groups = _groups(pairs)
    all_labelled = {row["pair"] for row in pairs}
    unlabelled = predicted - all_labelled
    implied = {p for p in unlabelled if groups.get(p[0], -p[0]) == groups.get(p[1], -p[1])}
    missed = [
        f"{row['kind']}: {row['key_a']} / {row['key_b']}"
        for row in rows
        if row["pair"] in same - found
    ]
    false = [
        f"{row['kind']}: {row['key_a']} / {row['key_b']}"
        for row in rows
        if row["pair"] in judged - same
    ]
    return {
        "split": split,
        "same_pairs": len(same),
        "different_pairs": len(rows) - len(same),
        "found": len(found),
        "false_positives": len(judged - same),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "unlabelled_predicted": len(unlabelled),
        "implied_same": len(implied),
        "missed": missed,
        "wrong": false,
    }


def run_real(
    directory: Path, splits: list[str], threshold: float, semantic: bool = False
) -> list[dict]:
    from sustainai.linkage.engine import find_duplicates

    records, ids = real_records(directory)
    pairs = real_pairs(directory, ids)
    start = time.perf_counter()
    predicted = {(c.a, c.b) for c in find_duplicates(records, threshold=threshold)}
    wall = time.perf_counter() - start
    runs = [("engine", predicted, wall)]
    if semantic:
        start = time.perf_counter()
        found = {(c.a, c.b) for c in find_duplicates(records, threshold=threshold, semantic=True)}
        runs.append(("engine + semantic", found, time.perf_counter() - start))
    base, _ = baseline(records, len(records))
    runs.append(("all-pairs baseline", base, None))
    results = []
    for split in splits:
        for method, found, seconds in runs:
            result = evaluate_real(found, pairs, split)
            result.update(method=method, n=len(records), threshold=threshold)
            if seconds is not None:
                result["wall_s"] = round(seconds, 2)
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument(
        "--engine",
        nargs="+",
        default=["duckdb"],
        choices=["duckdb", "spark", "semantic"],
        help="semantic: DuckDB with the optional sentence-embedding candidates and comparison",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--real",
        nargs="*",
        default=["dev", "test"],
        choices=["dev", "test"],
        help="halves of the real labelled set to report (none: skip it)",
    )
    parser.add_argument("--real-dir", type=Path, default=REAL_DIR)
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="also run the real set with the semantic pass (needs the semantic extra)",
    )
    parser.add_argument(
        "--min-score", type=float, default=QUEUE_THRESHOLD, help="threshold on the real set"
    )
    parser.add_argument(
        "--hint",
        type=int,
        nargs="*",
        default=[10_000],
        help="sizes at which to time the hint's one-record look-up",
    )
    args = parser.parse_args()
    if args.real and (args.real_dir / "pairs.csv").exists():
        for result in run_real(args.real_dir, args.real, args.min_score, args.semantic):
            print(json.dumps(result), flush=True)
    context = multiprocessing.get_context("spawn")
    results = []
    for n in args.sizes:
        for engine in [*args.engine, *([] if args.no_baseline else ["baseline"])]:
            out = f"/tmp/bench-duplicates-{os.getpid()}-{engine}-{n}.json"
            process = context.Process(target=_measure, args=((engine, n, args.seed, out),))
            process.start()
            process.join()
            result = json.loads(Path(out).read_text())
            Path(out).unlink()
            results.append(result)
            print(json.dumps(result), flush=True)
    for n in args.hint:
        out = f"/tmp/bench-duplicates-{os.getpid()}-hint-{n}.json"
        process = context.Process(target=_measure_hint, args=((n, args.seed, out),))
        process.start()
        process.join()
        print(Path(out).read_text(), flush=True)
        Path(out).unlink()
    print()
    print(
        "| N | engine | true pairs | predicted | precision | recall | F1 | wall (s) | CPU (s) | peak RSS (MiB): main + largest child |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        wall = f"{r['wall_s']}{' (extrapolated)' if r['extrapolated'] else ''}"
        print(
            f"| {r['n']:,} | {r['engine']} | {r['true_pairs']:,} | {r['predicted']:,} | {r['precision']:.3f} "
            f"| {r['recall']:.3f} | {r['f1']:.3f} | {wall} | {r['cpu_s']} | {r['peak_rss_mib']:,} |"
        )
    by = {(r["n"], r["engine"]): r for r in results}
    for n in args.sizes:
        if (n, "baseline") in by:
            for engine in args.engine:
                ratio = by[(n, "baseline")]["wall_s"] / max(by[(n, engine)]["wall_s"], 1e-9)
                print(
                    f"N={n:,}: {engine} is {ratio:.1f}x faster than the all-pairs baseline; "
                    f"F1 {by[(n, engine)]['f1']:.3f} vs {by[(n, 'baseline')]['f1']:.3f}"
                )


if __name__ == "__main__":
    main()
