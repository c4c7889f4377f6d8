"""Normalisation of initiative fields for record linkage (no Django import).

Names lose case, accents, punctuation, articles, legal suffixes and version/edition markers; websites
become their registered domain (``tldextract``, offline) and path; standard identifiers written in
many ways ("ISO/IEC DIS 21031", "ISO/IEC 21031:2024") become one key ("iso 21031").
"""

from __future__ import annotations

import csv
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import snowballstemmer
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
    r"1st|2nd|3rd|\d+th|first|second|third|fourth|new|update|updated|"
    r"premiere|deuxieme|nouvelle|nouveau|19\d\d|20\d\d|\d|"
    # A programme's yearly report is an edition of it ("AI Index Report 2025" / "AI Index").
    r"report|rapport|annual|annuel|yearly)$"
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


# A small bilingual term map: French words of the Atlas's domain and common English spellings
# become one English token, so that "Coalition pour une IA durable" and "Coalition for Sustainable
# AI" share their key. Two-word terms first ("intelligence artificielle" → "ai").
TERM_PAIRS = {
    ("artificial", "intelligence"): "ai",
    ("intelligence", "artificielle"): "ai",
    ("machine", "learning"): "ml",
    ("apprentissage", "automatique"): "ml",
    ("data", "centre"): "datacentre",
    ("data", "center"): "datacentre",
    ("centre", "donnees"): "datacentre",
    ("centres", "donnees"): "datacentre",
    ("data", "centres"): "datacentre",
    ("data", "centers"): "datacentre",
    ("standards", "association"): "sa",
}
TERMS = {
    "ia": "ai",
    "durable": "sustainable",
    "durables": "sustainable",
    "durabilite": "sustainability",
    "observatoire": "observatory",
    "numerique": "digital",
    "environnemental": "environmental",
    "environnementale": "environmental",
    "environnementaux": "environmental",
    "environnementales": "environmental",
    "frugale": "frugal",
    "frugales": "frugal",
    "frugalite": "frugality",
    "referentiel": "framework",
    "general": "general",
    "generale": "general",
    "norme": "standard",
    "normes": "standard",
    "groupe": "group",
    "travail": "working",
    "strategie": "strategy",
    "nationale": "national",
    "program": "programme",
    "calculateur": "calculator",
    "calculatrice": "calculator",
    "empreinte": "footprint",
    "carbone": "carbon",
    "energie": "energy",
    "energetique": "energy",
    "efficacite": "efficiency",
    "mesure": "measurement",
    "specification": "specification",
    "specifications": "specification",
    "guide": "guide",
    "bonnes": "good",
    "pratiques": "practices",
    "indicateurs": "indicators",
    "indicateur": "indicator",
    "rapport": "report",
    "impacts": "impact",
    "emissions": "emission",
}


def canonical_tokens(words: Iterable[str]) -> list[str]:
    """Tokens in the Atlas's shared vocabulary: two-word terms joined, French terms in English."""
    words = [t for t in words if t not in STOPWORDS]
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = TERM_PAIRS.get((words[i], words[i + 1])) if i + 1 < len(words) else None
        if pair:
            out.append(pair)
            i += 2
            continue
        out.append(TERMS.get(words[i], words[i]))
        i += 1
    return out


def _key(words: Iterable[str]) -> str:
    return " ".join(sorted({t for t in canonical_tokens(words) if not _VERSION_TOKEN.match(t)}))


def name_key_as_written(name: str | None) -> str:
    """:func:`name_key` without the bilingual term map: equal only for names in one language."""
    outside, _ = _name_tokens(name or "")
    return " ".join(
        sorted({t for t in outside if t not in STOPWORDS and not _VERSION_TOKEN.match(t)})
    )


# Snowball's English stemmer keeps state while it works: one per thread.
_STEMMERS = threading.local()
_BRITISH = re.compile(r"isation(s?)$")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A word's stem, British and American spellings alike: "standardisation", "standardization"
    and "standards" → "standard"."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(_BRITISH.sub(r"ization\1", token)))


def name_token_set(name: str | None) -> list[str]:
    """The distinctive tokens of a name, for containment tests: those of its key, without the
    words of a working group's kind, as stems (a reworded title keeps its words in another form:
    "standardization" / "standards")."""
    outside, _ = _name_tokens(name or "")
    words = canonical_tokens(outside)
    kept = [
        word
        for i, word in enumerate(words)
        if tuple(words[i : i + 2]) not in _GROUP_WORDS
        and tuple(words[max(i - 1, 0) : i + 1]) not in _GROUP_WORDS
        and not _VERSION_TOKEN.match(word)
    ]
    # Words of four letters or fewer are kept whole: acronyms ("AWS", "GPP") are no plurals.
    return sorted({stem(t) if len(t) > 4 else t for t in kept})


def version_markers(name: str | None) -> str:
    """The version or edition markers of a name ("v2", "second edition", "2026"), sorted."""
    outside, _ = _name_tokens(name or "")
    return " ".join(sorted({t for t in outside if _VERSION_TOKEN.match(t)}))


def acronym(name: str | None) -> str:
    """The initials of a name of three distinctive words or more: "Software Carbon Intensity"
    → "sci"; parenthesised parts, articles and version markers aside."""
    outside, _ = _name_tokens(name or "")
    words = [t for t in outside if t not in STOPWORDS and not _VERSION_TOKEN.match(t)]
    if len(words) < 3:
        return ""
    # Words of one or two letters ("AI", "IA") are kept whole: "Climate Change AI" → "ccai".
    return "".join(w if len(w) <= 2 else w[0] for w in words)


def name_forms(name: str | None, aliases: Iterable[str] = ()) -> list[str]:
    """How a text may refer to the initiative: its name and aliases as normalised words, and the
    acronyms in their parentheses. Forms of under four letters, or of more than six words, are
    left out (too common, or never quoted whole)."""
    forms: list[str] = []
    for text in [name or "", *aliases]:
        outside, _ = _name_tokens(text)
        # A declared acronym ("(SCI)") may be three letters; other forms need four.
        candidates = [(" ".join(t for t in outside if t not in STOPWORDS), 4)]
        candidates += [(" ".join(tokens(inner)), 3) for inner in _PARENTHESIS.findall(text)]
        for form, shortest in candidates:
            if (
                len(form.replace(" ", "")) >= shortest
                and len(form.split()) <= MAX_FORM_WORDS
                and form not in forms
            ):
                forms.append(form)
    return forms


MAX_FORM_WORDS = 6


def text_words(text: str | None) -> list[str]:
    """A description's words, as :func:`name_forms` writes names (folded, no articles)."""
    return [t for t in tokens(text) if t not in STOPWORDS]


# Words saying that one initiative became, replaced or continues another, when they stand just
# before a quoted name: "its deliverables became X", "formerly X", "carried on from X".
SUCCESSION_WORDS = frozenset(
    [
        "became",
        "become",
        "becomes",
        "renamed",
        "formerly",
        "previously",
        "successor",
        "succeeds",
        "succeeded",
        "replaced",
        "replaces",
        "evolved",
        "grew",
        "carried",
        "continues",
        "continued",
        "continuation",
        "merged",
        "devenu",
        "devenue",
        "devient",
        "anciennement",
        "remplace",
        "renomme",
        "renommee",
        "succede",
        "prolonge",
    ]
)
SUCCESSION_WINDOW = 4


def quoted_forms(words: list[str], known: set[str] | frozenset[str]) -> list[tuple[str, bool]]:
    """The ``known`` forms that occur, as whole words, in ``words``, each with whether a
    succession word stands among the few words before it."""
    found: dict[str, bool] = {}
    for size in range(1, MAX_FORM_WORDS + 1):
        for i in range(len(words) - size + 1):
            gram = " ".join(words[i : i + size])
            if gram in known:
                cued = any(w in SUCCESSION_WORDS for w in words[max(0, i - SUCCESSION_WINDOW) : i])
                found[gram] = found.get(gram, False) or cued
    return list(found.items())


def mentioned_forms(words: list[str], known: set[str] | frozenset[str]) -> list[str]:
    """The ``known`` forms that occur, as whole words, in ``words``."""
    return [form for form, _ in quoted_forms(words, known)]


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


# A standards body's committees, however they are written: "ISO/IEC JTC1/SC42" = "ISO/IEC JTC 1/SC 42",
# "ITU-T Study Group 5" = "ITU-T SG5".
_COMMITTEE_PHRASES = (
    (("joint", "technical", "committee"), "jtc"),
    (("technical", "committee"), "tc"),
    (("sub", "committee"), "sc"),
    (("subcommittee",), "sc"),
    (("study", "group"), "sg"),
    (("working", "group"), "wg"),
    (("focus", "group"), "fg"),
)
_COMMITTEES = frozenset(code for _, code in _COMMITTEE_PHRASES)
# A group formed to work on something is named after its subject ("Standardisation working group
# on AI environmental sustainability"): these words say what the entry is, not which one it is.
_GROUP_WORDS = frozenset(
    [
        *(phrase for phrase, _ in _COMMITTEE_PHRASES if phrase[-1] == "group"),
        ("work", "group"),
        ("task", "force"),
        ("groupe", "travail"),
        ("group", "working"),  # "groupe de travail", its words put in English
    ]
)
_CODE_AND_NUMBER = re.compile(r"^([a-z]{1,4})(\d+)$")
# "Ecolab / CGDD", "Arcep & ADEME": two organisations written as one.
_JOINT = re.compile(r"\s+(?:/|&|\+)\s+")


def _organisation_tokens(name: str | None) -> list[str]:
    words: list[str] = []
    for token in tokens(name):
        # "jtc1", "sc42", "sg5": a committee code and its number, written together.
        split = _CODE_AND_NUMBER.match(token)
        words.extend(split.groups() if split and split.group(1) in _COMMITTEES else (token,))
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, code in _COMMITTEE_PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.append(code)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _committee_forms(key: str) -> list[str]:
    """A committee's parent body ("iso iec jtc 1 sc 42" → "iso iec") and its shortest name, the
    body with its last committee ("iso iec sc 42": SC 42 is one committee, under JTC 1 or not)."""
    words = key.split()
    marks = [
        i
        for i, word in enumerate(words[:-1])
        if word in _COMMITTEES and words[i + 1].isdigit() and i > 0
    ]
    if not marks:
        return []
    body, last = words[: marks[0]], marks[-1]
    return [" ".join(body), " ".join([*body, *words[last : last + 2]])]


def organisation_names(name: str | None) -> list[str]:
    """The organisation as it is named: its key, the acronym in its parentheses, each of the
    organisations of a joint name ("Ecolab / CGDD") and a committee's short name. Two records
    whose organisations share one of these share an organisation."""
    if not name:
        return []
    own = organisation_key(name)
    committee = _committee_forms(own)
    names = [own, *(organisation_key(inner) for inner in _PARENTHESIS.findall(name))]
    parts = _JOINT.split(_PARENTHESIS.sub(" ", name))
    # A committee of a joint body ("ISO / IEC SC 42") is one organisation.
    if len(parts) > 1 and not committee:
        names += [organisation_key(part) for part in parts]
    names += committee[1:]
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def organisation_forms(name: str | None) -> list[str]:
    """Other ways of writing an organisation, matched against the other record's names: the
    acronym in its parentheses, its initials ("Agence de la transition écologique" → "ate"), its
    first word kept when written in capitals ("IEEE Standards Association" → "ieee sa"), and a
    committee's parent body ("ISO/IEC JTC 1/SC 42" → "iso iec": a sub-unit and its body)."""
    if not name:
        return []
    forms = [organisation_key(inner) for inner in _PARENTHESIS.findall(name)]
    raw = [w for w in re.split(r"[^\w]+", _PARENTHESIS.sub(" ", name)) if w]
    own = organisation_key(name)
    words = organisation_key(_PARENTHESIS.sub(" ", name)).split()
    if len(words) >= 2:
        forms.append("".join(w[0] for w in words))
        if raw and raw[0].isupper() and len(raw[0]) >= 2:
            forms.append(" ".join([words[0], "".join(w[0] for w in words[1:])]))
    forms += _committee_forms(own)
    return [f for f in dict.fromkeys(forms) if f and f != own and len(f) >= 2]


@lru_cache(maxsize=65536)
def organisation_key(name: str | None) -> str:
    """Organisation names without legal forms: "GreenCompute Labs SAS" → "greencompute labs";
    committees written one way: "ITU-T Study Group 5" → "itu t sg 5"."""
    # "Standards Association" → "sa", then read as a legal form: "IEEE SA" = "IEEE Standards
    # Association" = "ieee".
    kept = [t for t in canonical_tokens(_organisation_tokens(name)) if t not in LEGAL_SUFFIXES]
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


# Site names shared by unrelated sites: hosting platforms, publishers and networks whose name
# comes under several top-level domains. Two initiatives on them share nothing by that alone.
_SHARED_SITE_NAMES = frozenset(
    {
        "github",
        "gitlab",
        "google",
        "microsoft",
        "amazon",
        "medium",
        "wordpress",
        "blogspot",
        "wix",
        "linkedin",
        "twitter",
        "facebook",
        "youtube",
        "zenodo",
        "arxiv",
        "springer",
        "wiley",
        "elsevier",
        "europa",
        "gouv",
        "gov",
        "canada",
        "service",
        "bund",
    }
)


@lru_cache(maxsize=65536)
def site_name(url: str | None) -> str:
    """The name a site is registered under, without its public suffix ("green-coding" for both
    green-coding.io and docs.green-coding.berlin): one organisation's site under another
    top-level domain. Empty for short names and for names shared by unrelated sites."""
    if not url or not url.strip():
        return ""
    domain, _ = website_keys(url)
    if not domain:
        return ""
    label = _EXTRACT(domain).domain.lower()
    if len(label) < 5 or label in _SHARED_SITE_NAMES:
        return ""
    return label


@lru_cache(maxsize=65536)
def page_key(url: str | None) -> str:
    """The whole web page: host without ``www``, every meaningful path segment, no query, no
    trailing slash, language segments and index pages aside ("https://www.x.org/en/a/b/c/" and
    "http://x.org/a/b/c" are one page)."""
    if not url or not url.strip():
        return ""
    domain, domain_path = website_keys(url)
    if not domain:
        return ""
    raw = url.strip() if "://" in url else "http://" + url.strip()
    try:
        path = urlsplit(raw).path.lower()
    except ValueError:
        return domain_path
    segments = [
        s for s in path.split("/") if s and s not in _LANGUAGE_SEGMENTS and s not in _INDEX_SEGMENTS
    ]
    host = domain_path.split("/", 1)[0]
    return "/".join([host, *segments])


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

# The Blue Angel's award criteria (the German ecolabel: "DE-UZ 215" for software products; the
# same numbers were written "RAL-UZ" until 2019), named in its labels' titles and descriptions.
_ECOLABEL = re.compile(r"\b(?:DE|RAL)[\s-]?UZ[\s-]?(\d{1,3})\b", re.IGNORECASE)


# A cheap scan before the seven patterns: most texts name no standard at all, and standards bodies
# are written in capitals.
_STANDARD_MARKERS = (
    "ISO",
    "IEC",
    "ITU",
    "IEEE",
    "ETSI",
    "AFNOR",
    "DIN",
    "PAS",
    "NIST",
    "EN ",
    "UZ",
)


def _may_name_a_standard(text: str) -> bool:
    return any(marker in text for marker in _STANDARD_MARKERS)


# Known equivalences (a specification and the ISO/IEC number it was published under): each
# identifier maps to its group's canonical one; titles that stand for an identifier are found as
# phrases. Set by :func:`set_identifier_equivalences`; the package's own sourced list by default.
_CANONICAL: dict[str, str] = {}
_PHRASES: dict[str, str] = {}
_TITLE_KEYS: dict[str, str] = {}
# Phrases that are codes ("L.EnvAI", "DES/EE-EEPS77": one token as written): found in names too.
_CODES: dict[str, str] = {}
EQUIVALENCES_FILE = Path(__file__).with_name("data") / "identifier_equivalences.csv"


def default_equivalences() -> list[tuple[str, str]]:
    """The sourced equivalences shipped with the package (``data/identifier_equivalences.csv``)."""
    with EQUIVALENCES_FILE.open(encoding="utf-8", newline="") as handle:
        return [(row["a"], row["b"]) for row in csv.DictReader(handle)]


def set_identifier_equivalences(pairs: Iterable[tuple[str, str]]) -> None:
    """Read ``pairs`` (identifiers, or titles standing for one) as one thing each.

    Each group's canonical key is its smallest identifier; a group with titles only has none.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    codes: set[str] = set()

    def node_of(text: str) -> str:
        if " " not in text.strip():
            codes.add(" ".join(text_words(text)))
        ids = _raw_standard_ids(text)
        return ids[0] if ids else "phrase:" + " ".join(text_words(text))

    for a, b in pairs:
        left, right = find(node_of(a)), find(node_of(b))
        if left != right:
            parent[max(left, right)] = min(left, right)
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    canonical: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for members in groups.values():
        ids = sorted(m for m in members if not m.startswith("phrase:"))
        if not ids:
            continue
        for member in members:
            if member.startswith("phrase:"):
                if member != "phrase:":
                    phrases[member.removeprefix("phrase:")] = ids[0]
            else:
                canonical[member] = ids[0]
    _CANONICAL.clear()
    _CANONICAL.update(canonical)
    _PHRASES.clear()
    _PHRASES.update(phrases)
    _TITLE_KEYS.clear()
    _TITLE_KEYS.update({name_key(phrase): key for phrase, key in phrases.items()})
    _CODES.clear()
    _CODES.update({p: k for p, k in phrases.items() if p in codes})


def standard_ids(text: str | None, *, title: bool = False) -> list[str]:
    """Normalised standard identifiers found in ``text``, in order of appearance; known
    equivalents (and titles standing for an identifier) read as their canonical identifier.

    A ``title`` (a name or an alias) stands for an identifier only when it *is* that title
    (same name key): "Software Carbon Intensity for AI" is another specification. In other text
    the title is looked for as words.
    """
    if not text:
        return []
    ids = [_CANONICAL.get(key, key) for key in _raw_standard_ids(text, skip_related=not title)]
    if title:
        key = _TITLE_KEYS.get(name_key(text))
        if key:
            ids.append(key)
        if _CODES:
            padded = f" {' '.join(text_words(text))} "
            ids += [key for code, key in _CODES.items() if f" {code} " in padded]
    elif _PHRASES:
        padded = f" {' '.join(text_words(text))} "
        ids += [key for phrase, key in _PHRASES.items() if f" {phrase} " in padded]
    return list(dict.fromkeys(ids))


# Words saying that a text is about *another* standard than the one it names: "extends ISO/IEC
# 21031", "based on", "aligned with"... An identifier right after them is not the text's own.
_RELATED_BEFORE = re.compile(
    r"(?:extends?|extending|extension of|based on|builds? on|building on|complements?|"
    r"aligned with|alongside|unlike|compared (?:with|to)|refers? to|cites?|"
    r"s'appuie sur|complète|étend|fondé sur|basé sur)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


def related_standard_ids(text: str | None) -> list[str]:
    """Identifiers ``text`` names as *another* standard ("extends ISO/IEC 21031")."""
    if not text or not _may_name_a_standard(text):
        return []
    found = [
        _CANONICAL.get(key, key)
        for start, key in _found_standard_ids(text)
        if _RELATED_BEFORE.search(text[max(0, start - 40) : start])
    ]
    return list(dict.fromkeys(found))


def _raw_standard_ids(text: str | None, *, skip_related: bool = False) -> list[str]:
    """Identifiers in ``text``; with ``skip_related``, not those it names as another standard."""
    if not text or not _may_name_a_standard(text):
        return []
    if skip_related:
        kept = [
            key
            for start, key in _found_standard_ids(text)
            if not _RELATED_BEFORE.search(text[max(0, start - 40) : start])
        ]
        return list(dict.fromkeys(kept))
    return list(dict.fromkeys(key for _, key in _found_standard_ids(text)))


def _found_standard_ids(text: str) -> list[tuple[int, str]]:
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
    for m in _ECOLABEL.finditer(text):
        found.append((m.start(), f"de-uz {m.group(1)}"))
    return sorted(found)


set_identifier_equivalences(default_equivalences())


def initial_runs(name: str | None) -> list[str]:
    """The initials of every run of two to four consecutive words of a name, for abbreviations
    written inside another name ("EU GPP data centres" / "EU Green Public Procurement criteria
    for data centres": "gpp"). Articles, prepositions and version markers are skipped; runs that
    are a word of the name are left out."""
    outside, _ = _name_tokens(name or "")
    words = [t for t in outside if t not in STOPWORDS and not _VERSION_TOKEN.match(t)]
    own = set(words)
    runs = {
        "".join(w[0] for w in words[start : start + size])
        for size in range(2, 5)
        for start in range(len(words) - size + 1)
    }
    return sorted(r for r in runs if r not in own)


def url_standard_ids(url: str | None) -> list[str]:
    """Standard or publication identifiers written in a web address, its dots read as spaces
    ("doi.org/10.6028/NIST.AI.100-1" → ``nist ai 100-1``)."""
    if not url:
        return []
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    return standard_ids(re.sub(r"[./_%]+", " ", path))
