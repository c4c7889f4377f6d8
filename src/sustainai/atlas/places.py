"""Countries and regions as people write them, in their own language or another one.

One index, built on first use from the installed packages' data (nothing copied here): the ISO
names, official names and common names of pycountry, and django-countries' names, each with its
translations in every language the two packages ship (pycountry's ``iso3166-1`` catalogues and
django-countries' ``django`` catalogues: some 160 languages, English, French, German, Spanish,
Portuguese, Italian, Arabic, Chinese, Japanese and Russian among them), plus ISO alpha-2 and
alpha-3 codes, the short forms people write ("UK", "USA", "UAE", "Korea") and the platform's
regions. Looking a name up is then one dictionary lookup of its folded form (``fold_place``).

When a folded name belongs to several countries, the best-ranked source decides: codes and English
names first, then the major languages above, then the other languages; a full name before a
shortened one (the part before a comma, outside brackets). Names that stay ambiguous at their best
rank, and common names that ISO splits, are decided in ``_DECIDED`` or left unknown (a suggestion
then lists the candidates): "Korea" is South Korea (common usage; North Korea is named as such),
"Congo" the Republic of the Congo (its ISO short name; "DRC", "DR Congo", "RDC" the Democratic
Republic), "Virgin Islands" stays unknown.
"""

from __future__ import annotations

import gettext
import os
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

import django_countries
import pycountry
from django.utils import translation
from django_countries import countries as country_names
from django_countries.base import CountriesBase
from django_countries.data import COUNTRIES
from rapidfuzz import fuzz, process

from sustainai.atlas.models import Region

COUNTRY, REGION, INTERNATIONAL = "country", "region", "international"

# Languages whose names rank just after English (a name in one of them beats the same name in
# another language).
MAJOR_LANGUAGES = frozenset(["fr", "de", "es", "pt", "it", "ar", "zh", "ja", "ru"])

# Marks of Latin, Greek and Cyrillic letters (accents), once decomposed; other scripts keep theirs
# (an Indic vowel sign or a kana voicing mark changes the word).
_ACCENTS = re.compile(r"(?<=[\x00-\u052f])[\u0300-\u036f\u0483-\u0489]+")
_ASCII_SEPARATORS = re.compile(r"[^0-9a-z]+")


class _Folding(dict):
    """``str.translate`` table, filled as characters are met: letters, digits and marks stay,
    anything else is a space; letters without a decomposed form lose their accent as people type
    them (ø, æ, ł…); Arabic: the forms of alef written interchangeably, alef maksura as ya, no
    optional vowel marks and no tatweel (a stretching stroke)."""

    _SPECIAL = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                "ı": "i", "ħ": "h", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ـ": ""}  # fmt: skip

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in self._SPECIAL:
            folded = self._SPECIAL[char]
        elif 0x064B <= code <= 0x065F or code == 0x0670:
            folded = ""
        elif char.isalnum() or unicodedata.category(char).startswith("M"):
            folded = char
        else:
            folded = " "
        self[code] = folded
        return folded


_FOLDING = _Folding()


@lru_cache(maxsize=100_000)
def fold_place(text: str) -> str:
    """The key a place name is looked up under: "Côte d'Ivoire" → "cote d ivoire", "ＵＳＡ" → "usa".

    Case, punctuation and the accents of Latin, Greek and Cyrillic letters are folded.
    """
    text = str(text)
    if text.isascii():
        return _ASCII_SEPARATORS.sub(" ", text.lower()).strip()
    decomposed = _ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    folded = unicodedata.normalize("NFC", decomposed).casefold().translate(_FOLDING)
    return " ".join(folded.split())


# Short forms and decisions: folded on build, they override every other source.
_DECIDED = {
    "US": ["USA", "U.S.", "U.S.A.", "America", "Etats-Unis", "EEUU", "EE. UU.", "США", "アメリカ"],
    "GB": [
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Grande-Bretagne",
        "Angleterre",
        "Großbritannien",
        "Gran Bretaña",
        "Gran Bretagna",
        "Grã-Bretanha",
        "Inglaterra",
        "Великобритания",
        "Англия",
        "英国",
        "イギリス",
        "بريطانيا",
    ],
    # "Korea" alone: South Korea, as commonly meant; North Korea is written as such.
    "KR": ["Korea", "Corée", "Corea", "Coreia", "Корея", "كوريا", "韓国"],
    "KP": ["朝鲜"],
    # "Congo": ISO's short name of the Republic of the Congo.
    "CG": ["Congo", "Kongo", "Конго", "الكونغو"],
    "CD": ["DR Congo", "DRC", "RDC", "RD Congo", "DR Kongo"],
    "AE": ["UAE", "Emirates", "Émirats arabes unis", "Emirate"],
    "NL": ["Holland", "Hollande"],
    "CZ": ["Czechia", "Tchéquie", "Tschechien", "Chequia", "Chéquia", "Cechia"],
    "CI": ["Ivory Coast"],
    "TR": ["Türkiye", "Turquie", "Türkei"],
    "VA": ["Vatican"],
    "MM": ["Burma"],
    "CV": ["Cape Verde"],
    "HK": ["Hong Kong SAR"],
    "SA": ["KSA"],
    # Chinese catalogues give these names to two countries; the other is a mistranslation.
    "IS": ["冰島"],
    "MR": ["茅利塔尼亞"],
    "PG": ["巴布亚新几内亚"],
    "AS": ["美属萨摩亚群岛"],
    "PK": ["República Islâmica do Paquistão"],
}

_REGION_NAMES = {
    Region.EU: [
        "EU", "E.U.", "UE", "European Union", "Union européenne", "Europäische Union",
        "Unión Europea", "União Europeia", "Unione europea", "الاتحاد الأوروبي", "欧盟",
        "欧洲联盟", "欧州連合", "Европейский союз", "Евросоюз", "ЕС",
    ],
    Region.EUROPE: ["Europe", "European", "Europa", "أوروبا", "欧洲", "ヨーロッパ", "欧州", "Европа"],
    Region.AFRICA: [
        "Africa", "Afrique", "Afrika", "África", "أفريقيا", "إفريقيا", "非洲", "アフリカ", "Африка",
    ],
    Region.ASIA_PACIFIC: [
        "Asia Pacific", "Asia", "APAC", "Asie", "Asie-Pacifique", "Asien", "Asien-Pazifik",
        "Asia-Pacífico", "Ásia-Pacífico", "آسيا", "آسيا والمحيط الهادئ", "亚洲", "亚太", "亚太地区",
        "アジア", "アジア太平洋", "Азия", "Азиатско-Тихоокеанский регион",
    ],
    Region.LATIN_AMERICA: [
        "Latin America", "Latin America and the Caribbean", "LATAM", "Amérique latine",
        "Lateinamerika", "América Latina", "Latinoamérica", "أمريكا اللاتينية", "拉丁美洲", "拉美",
        "ラテンアメリカ", "中南米", "Латинская Америка",
    ],
    Region.NORTH_AMERICA: [
        "North America", "Amérique du Nord", "Nordamerika", "América del Norte", "Norteamérica",
        "América do Norte", "Nord America", "America settentrionale", "أمريكا الشمالية", "北美",
        "北美洲", "北アメリカ", "北米", "Северная Америка",
    ],
    Region.MIDDLE_EAST: [
        "Middle East", "MENA", "Moyen-Orient", "Naher Osten", "Nahost", "Mittlerer Osten",
        "Oriente Medio", "Oriente Médio", "Medio Oriente", "الشرق الأوسط", "中东", "中東",
        "Ближний Восток",
    ],
    Region.OECD: ["OECD", "OCDE", "OCSE", "ОЭСР", "经合组织"],
    Region.G7: ["G7"],
    Region.G20: ["G20"],
}  # fmt: skip

_INTERNATIONAL_NAMES = [
    "International", "Internationale", "Intl", "Global", "Globally", "Worldwide", "World",
    "World wide", "Monde", "Mondial", "Mondiale", "Multinational", "Multi-country",
    "Multiple countries", "Plusieurs pays", "Weltweit", "Internacional", "Mundial",
    "Internazionale", "Globale", "دولي", "عالمي", "国际", "全球", "国際", "Международный",
    "Глобальный",
]  # fmt: skip

# Leading articles tried off when the whole name is unknown ("the Gambia", "la France",
# "die Schweiz", "el Perú"): the name itself is looked up first ("El Salvador").
_ARTICLES = frozenset(
    ["the", "la", "le", "les", "l", "el", "los", "las", "il", "lo", "gli", "der", "die", "das"]
)


@dataclass(frozen=True)
class Place:
    kind: str  # COUNTRY, REGION or INTERNATIONAL
    code: str  # ISO alpha-2 for a country, a Region code, "" for international


@dataclass
class PlaceIndex:
    codes: dict[str, str]  # folded alpha-2 and alpha-3 codes → alpha-2
    names: dict[str, Place]  # folded names → place
    ambiguous: dict[str, tuple[str, ...]]  # folded names of several countries → their codes
    seconds: float  # how long building it took


def _english_names() -> dict[str, list[str]]:
    """Each country's English names in both packages (the messages their catalogues translate)."""
    names: dict[str, list[str]] = defaultdict(list)
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names[country.alpha_2].append(name)
    with translation.override(None):  # the untranslated messages
        for code, name in COUNTRIES.items():
            names[code].append(str(name))
        for code, name in CountriesBase.COMMON_NAMES.items():
            names[code].append(str(name))
        for code, old in CountriesBase.OLD_NAMES.items():
            names[code].extend(str(name) for name in old)
    return {code: list(dict.fromkeys(found)) for code, found in names.items()}


def _shortened(name: str) -> list[str]:
    """Forms of an ISO-style name people write: "Korea, Republic of" → "Republic of Korea",
    "Korea"; "Holy See (Vatican City State)" → "Holy See"; "Korea (the Republic of)" → "Korea",
    "the Republic of Korea". What brackets hold alone names no country ("(U.S.)")."""
    name = unicodedata.normalize("NFKC", name)
    forms = []
    for opening, closing in ("()", "[]"):
        if opening in name and name.endswith(closing):
            outside, _sep, inside = name[: -len(closing)].partition(opening)
            outside, inside = outside.strip(), inside.strip()
            forms.append(outside)
            if inside.endswith((" of", " of the")):
                forms.append(f"{inside} {outside}")
    if ", " in name:
        head, _sep, tail = name.partition(", ")
        forms.append(head)
        if tail.endswith((" of", " of the", " de")) or " " not in tail:
            forms.append(f"{tail} {head}")
    return [form for form in forms if form]


def _catalogues(domain: str, directory: str):
    """(language, catalogue) for each compiled catalogue of ``domain`` under ``directory``."""
    for language in sorted(os.listdir(directory)):
        path = os.path.join(directory, language, "LC_MESSAGES", f"{domain}.mo")
        if os.path.isfile(path):
            with open(path, "rb") as file:
                yield language, gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]


@cache
def index() -> PlaceIndex:
    """The index, built once per process on first use (0.4 s on the reference machine)."""
    started = time.perf_counter()
    english = _english_names()
    by_message: dict[str, set[str]] = defaultdict(set)
    for code, messages in english.items():
        for message in messages:
            by_message[message].add(code)

    # (name, code) → its best rank: English 0, major languages 2, others 4 (a lower rank wins;
    # +1 for a shortened form). Most names repeat across languages.
    ranked: dict[tuple[str, str], int] = {
        (message, code): 0 for message, codes in by_message.items() for code in codes
    }
    locales = [
        ("iso3166-1", pycountry.LOCALES_DIR),
        ("django", os.path.join(os.path.dirname(django_countries.__file__), "locale")),
    ]
    for domain, directory in locales:
        for language, catalogue in _catalogues(domain, directory):
            rank = 2 if language.split("_")[0] in MAJOR_LANGUAGES else 4
            for message in by_message.keys() & catalogue.keys():
                translated = catalogue[message]
                for code in by_message[message]:
                    if ranked.get((translated, code), rank) >= rank:
                        ranked[translated, code] = rank

    # folded name → rank → codes
    candidates: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (name, code), rank in ranked.items():
        candidates[fold_place(name)][rank].add(code)
        for form in _shortened(name):
            candidates[fold_place(form)][rank + 1].add(code)
    candidates.pop("", None)

    names: dict[str, Place] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, ranks in candidates.items():
        best = ranks[min(ranks)]
        if len(best) == 1:
            names[key] = Place(COUNTRY, next(iter(best)))
        else:
            ambiguous[key] = tuple(sorted(best))
    for code, decided in _DECIDED.items():
        for name in decided:
            names[fold_place(name)] = Place(COUNTRY, code)
            ambiguous.pop(fold_place(name), None)
    for region, region_names in _REGION_NAMES.items():
        for name in region_names:
            names[fold_place(name)] = Place(REGION, str(region))
    for name in _INTERNATIONAL_NAMES:
        names[fold_place(name)] = Place(INTERNATIONAL, "")
    by_code = {}
    for country in pycountry.countries:
        by_code[country.alpha_2.casefold()] = by_code[country.alpha_3.casefold()] = country.alpha_2
    return PlaceIndex(by_code, names, ambiguous, time.perf_counter() - started)


def _without_article(key: str) -> str:
    first, _sep, rest = key.partition(" ")
    return rest if rest and first in _ARTICLES else ""


def find(text: str, *, codes: bool = True) -> Place | None:
    """The country, region or "international" that ``text`` names, or None.

    ``codes``: whether ISO codes count ("DE", "DEU"); a search box leaves them out, as two-letter
    codes are also words ("in", "it", "no").
    """
    key = fold_place(text)
    places = index()
    if codes and key in places.codes:
        return Place(COUNTRY, places.codes[key])
    found = places.names.get(key)
    if found is None and (bare := _without_article(key)):
        found = places.names.get(bare)
    return found


def country(text: str) -> str | None:
    """The alpha-2 code of the country ``text`` names (a name in any language, or a code)."""
    found = find(text)
    return found.code if found is not None and found.kind == COUNTRY else None


def label(place: Place) -> str:
    """A place's name in the active language."""
    if place.kind == COUNTRY:
        return str(country_names.name(place.code))
    if place.kind == REGION:
        return str(Region(place.code).label)
    return str(translation.gettext("International"))


def suggestions(text: str, *, limit: int = 3, countries_only: bool = False) -> list[str]:
    """Names of the places closest to ``text`` (in the active language), best first: the
    countries an ambiguous name may mean, else the places with the most similar names."""
    key = fold_place(text)
    places = index()
    if key in places.ambiguous:
        return [label(Place(COUNTRY, code)) for code in places.ambiguous[key]][:limit]
    if not key:
        return []
    found: list[str] = []
    closest = process.extract(
        key, places.names.keys(), scorer=fuzz.ratio, score_cutoff=75, limit=20 * limit
    )
    for name, _score, _position in closest:
        place = places.names[name]
        if place.kind == INTERNATIONAL or (countries_only and place.kind != COUNTRY):
            continue
        shown = label(place)
        if shown not in found:
            found.append(shown)
        if len(found) == limit:
            break
    return found
