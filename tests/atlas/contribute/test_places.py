"""Country and region names as contributors write them: languages, codes, short forms, accents,
ambiguous and unknown names, and the import of a file mixing them."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sustainai.atlas import places
from sustainai.atlas.forms import InitiativeForm
from sustainai.atlas.importing import import_initiatives, parse_mapping
from sustainai.atlas.models import Initiative
from sustainai.atlas.normalise import parse_geography


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # English, French, German, Spanish, Portuguese, Italian, Arabic, Chinese, Japanese, Russian
        ("Germany", "DE"),
        ("Allemagne", "DE"),
        ("Deutschland", "DE"),
        ("Alemania", "DE"),
        ("Alemanha", "DE"),
        ("Germania", "DE"),
        ("ألمانيا", "DE"),
        ("德国", "DE"),
        ("ドイツ", "DE"),
        ("Германия", "DE"),
        ("España", "ES"),
        ("Espagne", "ES"),
        ("Spanien", "ES"),
        ("Espanha", "ES"),
        ("Spagna", "ES"),
        ("中国", "CN"),
        ("中國", "CN"),
        ("Chine", "CN"),
        ("Brasil", "BR"),
        ("Brésil", "BR"),
        ("المغرب", "MA"),
        ("Marokko", "MA"),
        ("Marruecos", "MA"),
        ("日本", "JP"),
        ("Россия", "RU"),
        ("Royaume-Uni", "GB"),
        ("Vereinigtes Königreich", "GB"),
        ("Reino Unido", "GB"),
        ("Regno Unito", "GB"),
        ("المملكة المتحدة", "GB"),
        ("Estados Unidos", "US"),
        ("Stati Uniti", "US"),
        ("美国", "US"),
        ("США", "US"),
        ("Corée du Sud", "KR"),
        ("Südkorea", "KR"),
        # The country's own language, beyond the ten above
        ("Polska", "PL"),
        ("Nederland", "NL"),
        ("Sverige", "SE"),
        ("Ελλάδα", "GR"),
        ("भारत", "IN"),
        ("Türkiye", "TR"),
        # Codes, short forms, official and ISO-style names
        ("DE", "DE"),
        ("deu", "DE"),
        ("UK", "GB"),
        ("U.S.A.", "US"),
        ("UAE", "AE"),
        ("Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("North Korea", "KP"),
        ("Congo", "CG"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Federal Republic of Germany", "DE"),
        ("Holy See", "VA"),
        # Accents, case, punctuation, articles, full-width letters
        ("COTE D'IVOIRE", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("espana", "ES"),
        ("ESPAÑA", "ES"),
        ("the Gambia", "GM"),
        ("la France", "FR"),
        ("die Schweiz", "CH"),
        ("El Salvador", "SV"),
        ("ＵＳＡ", "US"),
    ],
)
def test_a_country_is_found_by_its_names_in_many_languages_codes_and_short_forms(name, code):
    assert places.country(name) == code


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("EU", "EU"),
        ("Europäische Union", "EU"),
        ("Unión Europea", "EU"),
        ("Europa", "EUROPE"),
        ("África", "AFRICA"),
        ("Afrique", "AFRICA"),
        ("アジア太平洋", "ASIA_PACIFIC"),
        ("América Latina", "LATIN_AMERICA"),
        ("Nordamerika", "NORTH_AMERICA"),
        ("الشرق الأوسط", "MIDDLE_EAST"),
        ("OCDE", "OECD"),
        ("g20", "G20"),
    ],
)
def test_a_region_is_found_by_its_names(name, region):
    assert places.find(name) == places.Place(places.REGION, region)


def test_a_search_box_name_is_found_without_codes():
    assert places.find("IT", codes=False) is None
    assert places.find("Italia", codes=False) == places.Place(places.COUNTRY, "IT")


def test_unknown_and_ambiguous_names_get_the_closest_known_names():
    assert places.find("Deutchland") is None
    assert places.suggestions("Deutchland") == ["Germany"]
    assert places.suggestions("Frnace") == ["France"]
    assert places.find("Virgin Islands") is None
    assert places.suggestions("Virgin Islands") == [
        "Virgin Islands (British)",
        "Virgin Islands (U.S.)",
    ]
    assert places.suggestions("Atlantis") == []


def test_the_index_is_built_once_in_well_under_two_seconds():
    assert places.index() is places.index()
    assert places.index().seconds < 2


def test_geography_cells_mix_languages_and_list_punctuation():
    geography = parse_geography("Deutschland、中国，المغرب; Brasil und España")
    assert (geography.countries, geography.unknown) == (["DE", "CN", "MA", "BR", "ES"], [])
    assert parse_geography("Weltweit").scope() == "international"


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Country"])
    writer.writerows(rows)
    return out.getvalue().encode()


MIXED = [
    ["Berlin AI Watch", "Deutschland"],
    ["Observatoire", "Allemagne, Maroc"],
    ["Madrid Green", "ESPAÑA"],
    ["Beijing Compute", "中国"],
    ["São Paulo Lab", "Brasil"],
    ["Rabat Data", "المغرب"],
    ["Tokyo Frugal", "日本"],
    ["Moscow Models", "Россия"],
    ["Seoul Energy", "Korea"],
    ["London Labs", "UK"],
    ["Gulf Standard", "UAE"],
    ["Roma Verde", "it"],
    ["Lisboa", "PRT"],
    ["Brussels", "Union européenne"],
]


@pytest.mark.django_db
def test_a_file_mixing_languages_codes_and_short_forms_is_imported():
    report = import_initiatives(csv_bytes(MIXED), filename="mixed.csv")

    assert report.errors == []
    found = {
        initiative.name: sorted(str(link.country) for link in initiative.country_links.all())
        for initiative in Initiative.objects.prefetch_related("country_links")
    }
    assert found == {
        "Berlin AI Watch": ["DE"],
        "Observatoire": ["DE", "MA"],
        "Madrid Green": ["ES"],
        "Beijing Compute": ["CN"],
        "São Paulo Lab": ["BR"],
        "Rabat Data": ["MA"],
        "Tokyo Frugal": ["JP"],
        "Moscow Models": ["RU"],
        "Seoul Energy": ["KR"],
        "London Labs": ["GB"],
        "Gulf Standard": ["AE"],
        "Roma Verde": ["IT"],
        "Lisboa": ["PT"],
        "Brussels": [],
    }
    assert Initiative.objects.get(name="Brussels").regions == ["EU"]


@pytest.mark.django_db
def test_an_unknown_name_refuses_the_file_with_a_suggestion_and_a_mapping_settles_it(tmp_path):
    rows = [*MIXED, ["Bavarian Cloud", "Deutchland"], ["Munich", "Bavaria"]]
    report = import_initiatives(csv_bytes(rows), filename="typo.csv")

    assert [str(e) for e in report.errors] == [
        "Row 16, column “Country”: “Deutchland” is not a country or region (did you mean Germany?)",
        "Row 17, column “Country”: “Bavaria” is not a country or region (did you mean Bulgaria?)",
    ]
    assert Initiative.objects.count() == 0

    path = tmp_path / "typo.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="2 error"):
        call_command("import_initiatives", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    call_command(
        "import_initiatives",
        str(path),
        "--map",
        "Deutchland=DE",
        "--map",
        "Bavaria=Deutschland",
        stdout=io.StringIO(),
    )
    bavarian = Initiative.objects.get(name="Bavarian Cloud")
    assert [str(link.country) for link in bavarian.country_links.all()] == ["DE"]
    munich = Initiative.objects.get(name="Munich")
    assert [str(link.country) for link in munich.country_links.all()] == ["DE"]


def test_a_mapping_reads_places_as_countries_regions_or_international():
    assert parse_mapping(["Pays=countries", "Bavaria=DE", "Mercosur=Latin America"]) == {
        "pays": "countries",
        "place:bavaria": "country:DE",
        "place:mercosur": "region:LATIN_AMERICA",
    }
    with pytest.raises(ValueError, match="“atlantis” is not a field, a country or a region"):
        parse_mapping(["Bavaria=Atlantis"])


@pytest.mark.django_db
def test_the_submission_form_reads_country_names_as_codes():
    form = InitiativeForm({"name": "X", "type": "other", "scope": "national", "status": "active",
                           "countries": ["FR", "Deutschland", "中国", "de"]})  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.values()["countries"] == ["CN", "DE", "FR"]

    form = InitiativeForm({"name": "X", "type": "other", "scope": "national", "status": "active",
                           "countries": ["Deutchland"]})  # fmt: skip
    assert form.errors["countries"] == ["“Deutchland” is not a country (did you mean Germany?)"]
