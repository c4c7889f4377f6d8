"""Normalisation of initiative fields for record linkage (no Django import).

Names lose case, accents, punctuation, articles, legal suffixes and version/edition markers; websites
become their registered domain (``tldextract``, offline) and path; standard identifiers written in
many ways ("ISO/IEC DIS 21031", "ISO/IEC 21031:2024") become one key ("iso 21031").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# Offline: the public-suffix snapshot bundled with tldextract, no cache directory, no network.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# Articles, prepositions and conjunctions of the Atlas's two languages: they carry no identity.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    ]
)
# Legal forms of organisations (English, French, German, Dutch...), dropped from organisation keys.
LEGAL_SUFFIXES = frozenset(
    [
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "kg",
        "ev",
        "sa",
        "sas",
        "sasu",
        "sarl",
        "scop",
        "bv",
        "nv",
        "srl",
        "spa",
        "oy",
        "ab",
        "as",
        "asbl",
        "aisbl",
        "cic",
        "pty",
    ]
)
# Version and edition markers: a new version of an initiative keeps the same name key.
_VERSION_TOKEN = re.compile(
    r"^(?:v\d+|version|edition|ed|release|rev|revision|draft|provisional|"
    r"1st|2nd|3rd|\d+th|first|second|third|fourth|new|updated|"
    r"premiere|deuxieme|nouvelle|nouveau|19\d\d|20\d\d|\d)$"
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_LANGUAGE_SEGMENTS = frozenset(
    {"en", "fr", "de", "es", "it", "nl", "pt", "en-gb", "en-us", "fr-fr"}
)
_INDEX_SEGMENTS = frozenset({"index.html", "index.htm", "index.php", "home", "accueil", "default"})


def fold_to_ascii_words(text: str | None) -> str:
    """ASCII words in lower case: no accents, ligatures spelled out (œ → oe), ``&`` as "and",
    punctuation as spaces, single spaces: "Œuvres & Co." → "oeuvres and co"."""
    if not text:
        return ""
    text = text.lower().replace("&", " and ")
    if not text.isascii():
        text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text).strip()


def tokens(text: str | None) -> list[str]:
    return fold_to_ascii_words(text).split()


@lru_cache(maxsize=131072)
def _name_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tokens outside parentheses, keys of the acronyms inside them)."""
    outside = tuple(tokens(_PARENTHESIS.sub(" ", text)))
    inside = tuple(
        key
        for key in (_key(tokens(inner)) for inner in _PARENTHESIS.findall(text))
        if len(key) >= 3
    )
    return outside, inside


def _key(words: Iterable[str]) -> str:
    return " ".join(
        sorted({t for t in words if t not in STOPWORDS and not _VERSION_TOKEN.match(t)})
    )


def name_norm(name: str | None) -> str:
    """The name for fuzzy comparison: folded, without articles nor parenthesised acronyms."""
    outside, _ = _name_tokens(name or "")
    return " ".join(t for t in outside if t not in STOPWORDS) or fold_to_ascii_words(name)


def name_compact(name: str | None) -> str:
    """The normalised name with its spaces removed: "Code Carbon tracker" → "codecarbontracker"."""
    return name_norm(name).replace(" ", "")


def name_key(name: str | None) -> str:
    """Equality key of a name: its distinctive tokens, sorted, without version or edition."""
    return _key(_name_tokens(name or "")[0])


def name_keys(name: str | None, aliases: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Every key the initiative is known by: its name, its aliases and their acronyms."""
    keys: list[str] = []
    for text in [name or "", *aliases]:
        outside, inside = _name_tokens(text)
        for key in (_key(outside), *inside):
            if len(key) >= 3 and key not in keys:
                keys.append(key)
    return keys


@lru_cache(maxsize=65536)
def organisation_key(name: str | None) -> str:
    """Organisation names without legal forms: "GreenCompute Labs SAS" → "greencompute labs"."""
    kept = [t for t in tokens(name) if t not in LEGAL_SUFFIXES and t not in STOPWORDS]
    return " ".join(kept)


@lru_cache(maxsize=65536)
def website_keys(url: str | None) -> tuple[str, str]:
    """(registered domain, registered domain + first two meaningful path segments).

    Language segments (``/en/``, ``/fr/``) and index pages are dropped so that the French and
    English pages of an initiative share their key; ``www`` and the scheme never matter.
    """
    if not url or not url.strip():
        return "", ""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", ""
    netloc = (parts.hostname or "").lower()
    if not netloc or "." not in netloc or " " in netloc:
        return "", ""
    extracted = _EXTRACT(netloc)
    domain = extracted.top_domain_under_public_suffix.lower()
    # A subdomain other than www identifies a site of its own (ai.gov.uk, greenai.example.org);
    # a host under no known public suffix (an intranet, ``.example``) is its own domain.
    sub = extracted.subdomain.lower()
    if not domain:
        domain = host = netloc.removeprefix("www.")
    else:
        host = domain if sub in ("", "www") else f"{sub.removeprefix('www.')}.{domain}"
    segments = [
        s
        for s in parts.path.lower().split("/")
        if s and s not in _LANGUAGE_SEGMENTS and s not in _INDEX_SEGMENTS
    ]
    return domain, "/".join([host, *segments[:2]])


# Standard identifiers. Stage prefixes (DIS, FDIS, AWI, CD, P for IEEE projects, pr for EN drafts)
# and years are dropped so that a provisional number and the published one share their key.
_ISO = re.compile(
    r"\b(ISO|IEC)(?:\s*/\s*(?:IEC|IEEE|ASTM|ISO))?(?:\s*/?\s*(?:PRF|DIS|FDIS|CD|AWI|NP|WD|PWI|"
    r"PAS|TS|TR|DTS|DTR|DPAS|SAE))*\s*(\d{3,5})(?:\s*-\s*(\d{1,2}))?(?:\s*:\s*\d{4})?",
    re.IGNORECASE,
)
_ITU = re.compile(
    r"\bITU[\s-]?(T|R|D)\s*(?:Rec(?:ommendation|\.)?\s*)?([A-Z])\s*\.\s*(\d{1,5}(?:\.\d+)?)",
    re.IGNORECASE,
)
_IEEE = re.compile(
    r"\bIEEE\s*(?:Std\.?\s*)?P?(\d{3,5})(?:\.(\d+))?(?:\s*-\s*\d{4})?", re.IGNORECASE
)
_ETSI = re.compile(
    r"\bETSI\s+(?:draft\s+)?(?:EN|ES|EG|TS|TR|GS|GR|SR)\s+(?:([A-Z]{2,4})\s+)?(\d{3})\s?(\d{3})?",
    re.IGNORECASE,
)
_EN = re.compile(r"\b(?:CEN(?:ELEC)?\s*/?\s*)?(?:pr)?EN\s+(\d{4,5})(?:-(\d{1,2}(?:-\d{1,2})*))?")
_SPEC = re.compile(
    r"\b(AFNOR\s+Spec|DIN\s+SPEC|BSI\s+PAS|PAS|NIST\s+(?:SP|IR|AI))\s*(\d{2,5}(?:-\d{1,4})?)",
    re.IGNORECASE,
)


# A cheap scan before the six patterns: most texts name no standard at all, and standards bodies
# are written in capitals.
_STANDARD_MARKERS = ("ISO", "IEC", "ITU", "IEEE", "ETSI", "AFNOR", "DIN", "PAS", "NIST", "EN ")


def _may_name_a_standard(text: str) -> bool:
    return any(marker in text for marker in _STANDARD_MARKERS)


def standard_ids(text: str | None) -> list[str]:
    """Normalised standard identifiers found in ``text``, in order of appearance."""
    if not text or not _may_name_a_standard(text):
        return []
    found: list[tuple[int, str]] = []
    for m in _ISO.finditer(text):
        body = "iec" if m.group(1).upper() == "IEC" and "/" not in m.group(0) else "iso"
        found.append((m.start(), f"{body} {m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")))
    for m in _ITU.finditer(text):
        found.append((m.start(), f"itu-{m.group(1).lower()} {m.group(2).lower()}.{m.group(3)}"))
    for m in _IEEE.finditer(text):
        found.append((m.start(), f"ieee {m.group(1)}" + (f".{m.group(2)}" if m.group(2) else "")))
    for m in _ETSI.finditer(text):
        group = f"{m.group(1).lower()} " if m.group(1) else ""
        found.append((m.start(), f"etsi {group}{m.group(2)}{m.group(3) or ''}"))
    for m in _EN.finditer(text):
        found.append((m.start(), f"en {m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")))
    for m in _SPEC.finditer(text):
        found.append((m.start(), f"{fold_to_ascii_words(m.group(1))} {m.group(2)}"))
    ids: list[str] = []
    for _, key in sorted(found):
        if key not in ids:
            ids.append(key)
    return ids
