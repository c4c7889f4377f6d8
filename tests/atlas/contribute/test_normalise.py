import datetime

import pytest

from sustainai.atlas.normalise import (
    fold_case_accents_punctuation,
    parse_geography,
    parse_status,
    parse_topics,
    parse_type,
    parse_website,
    parse_year,
    split_list,
)


@pytest.mark.parametrize(
    ("value", "countries", "regions", "scope"),
    [
        ("France", ["FR"], [], "national"),
        ("fr", ["FR"], [], "national"),
        ("FRA", ["FR"], [], "national"),
        ("Allemagne", ["DE"], [], "national"),
        ("Royaume-Uni", ["GB"], [], "national"),
        ("États-Unis", ["US"], [], "national"),
        ("USA", ["US"], [], "national"),
        ("U.K.", ["GB"], [], "national"),
        ("EU", [], ["EU"], "regional"),
        ("Union européenne", [], ["EU"], "regional"),
        ("International (France-led)", ["FR"], [], "international"),
        ("France / International", ["FR"], [], "international"),
        ("Global", [], [], "international"),
        ("France, Germany and Italy", ["FR", "DE", "IT"], [], "international"),
        ("Korea, Republic of", ["KR"], [], "national"),
        ("Bosnia and Herzegovina", ["BA"], [], "national"),
        ("the Netherlands; EU", ["NL"], ["EU"], "national"),
        (["CA", "Côte d’Ivoire"], ["CA", "CI"], [], "international"),
    ],
)
def test_parse_geography_places(value, countries, regions, scope):
    geography = parse_geography(value)
    assert (geography.countries, geography.regions, geography.scope(), geography.unknown) == (
        countries,
        regions,
        scope,
        [],
    )


def test_parse_geography_reports_what_it_cannot_place():
    assert parse_geography("France / Atlantis").unknown == ["Atlantis"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ("other", True)),
        ("Tool", ("tool", True)),
        ("Research programme", ("research", True)),
        ("Open-source software library", ("tool", True)),
        ("Norme", ("standard", True)),
        ("Data centre regulation", ("policy", True)),
        ("Leaderboard", ("observatory", True)),
        ("Gizmo", ("other", False)),
    ],
)
def test_parse_type_maps_free_text_to_the_vocabulary(value, expected):
    assert parse_type(value) == expected


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2023", 2023),
        ("2023-05", 2023),
        ("2023-05-01", 2023),
        (2023.0, 2023),
        (2023, 2023),
        ("2023.0", 2023),
        ("May 2023", 2023),
        (datetime.date(2021, 1, 4), 2021),
        ("", None),
        (None, None),
    ],
)
def test_parse_year_accepts_usual_forms(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", ["soon", 2023.5, 12, True])
def test_parse_year_refuses_what_is_not_a_year(value):
    with pytest.raises(ValueError):
        parse_year(value)


def test_parse_status_in_english_and_french():
    assert [parse_status(v) for v in ["", "Ongoing", "en cours", "Terminé", "upcoming"]] == [
        "active",
        "active",
        "active",
        "completed",
        "planned",
    ]
    with pytest.raises(ValueError, match="'paused' is not a status"):
        parse_status("paused")


def test_parse_topics_and_website_and_lists():
    assert parse_topics("Energy, CO2; IA frugale | gardening", {}) == (
        ["energy", "carbon", "frugal-ai"],
        ["gardening"],
    )
    assert parse_website("example.org/a") == "https://example.org/a"
    with pytest.raises(ValueError):
        parse_website("not a url")
    assert split_list("a; b | A\nc") == ["a", "b", "c"]
    assert fold_case_accents_punctuation("  Côte d'Ivoire ") == "cote d ivoire"
