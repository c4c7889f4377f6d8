import pytest

from sustainai.linkage import normalise


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("ISO/IEC 21031:2024", ["iso 21031"]),
        ("ISO/IEC DIS 21031", ["iso 21031"]),
        ("ISO/IEC AWI TR 20226", ["iso 20226"]),
        ("ISO 14064-1:2018", ["iso 14064-1"]),
        ("ITU-T L.1801", ["etsi 204135"]),  # its known ETSI twin is the canonical key
        ("ITU-T L.1802", ["itu-t l.1802"]),
        ("Recommendation ITU-T L.1801 (2024)", ["etsi 204135"]),
        ("IEEE P7100", ["ieee 7100"]),
        ("IEEE Std 7100-2025", ["ieee 7100"]),
        ("ETSI GR SAI 011", ["etsi sai 011"]),
        ("prEN 50600-4-2", ["en 50600-4-2"]),
        ("EN 50600-4-2:2016", ["en 50600-4-2"]),
        ("AFNOR Spec 2314", ["afnor spec 2314"]),
        ("Référentiel publié en 2024 en France", []),
        ("", []),
    ],
)
def test_standard_ids_normalises_provisional_and_published_numbers(text, ids):
    assert normalise.standard_ids(text) == ids


@pytest.mark.parametrize(
    ("url", "keys"),
    [
        ("https://www.afnor.org/fr/spec-2314/", ("afnor.org", "afnor.org/spec-2314")),
        ("afnor.org/en/spec-2314", ("afnor.org", "afnor.org/spec-2314")),
        (
            "https://github.com/mlco2/codecarbon/tree/master",
            ("github.com", "github.com/mlco2/codecarbon"),
        ),
        ("https://greenai.example.co.uk/index.html", ("example.co.uk", "greenai.example.co.uk")),
        ("", ("", "")),
        ("not a url at all", ("", "")),
    ],
)
def test_website_keys_give_registered_domain_and_path(url, keys):
    assert normalise.website_keys(url) == keys


def test_name_key_ignores_case_accents_articles_and_versions():
    assert normalise.name_key("The AI Energy Score v2") == normalise.name_key("AI energy score")
    assert (
        normalise.name_key("Référentiel général de l'IA frugale")
        == "ai framework frugal general"
        == normalise.name_key("General framework for frugal AI")
    )
    assert normalise.name_key("Green Algorithms (2nd edition)") == "algorithms green"


def test_name_keys_include_aliases_and_acronyms():
    assert normalise.name_keys("Software Carbon Intensity (SCI) Specification", ["SCI spec"]) == [
        "carbon intensity software specification",
        "sci",
        "sci spec",
    ]


def test_organisation_key_drops_legal_forms():
    assert normalise.organisation_key("GreenCompute Labs SAS") == "greencompute labs"
    assert normalise.organisation_key("Hugging Face, Inc.") == "hugging face"


def test_known_equivalences_read_as_one_identifier():
    # ETSI ES 204 135 is the identical twin of ITU-T L.1801, whose provisional name was L.EnvAI.
    assert normalise.standard_ids("ETSI ES 204 135") == ["etsi 204135"]
    assert normalise.standard_ids("L.EnvAI draft", title=True) == ["etsi 204135"]
    # A title stands for its identifier only as the whole name, not inside another one.
    assert normalise.standard_ids("Software Carbon Intensity specification", title=True) == [
        "iso 21031"
    ]
    assert normalise.standard_ids("Software Carbon Intensity for AI", title=True) == []
    # "extends ISO/IEC 21031" names another standard: not the text's own.
    assert normalise.standard_ids("Extends ISO/IEC 21031 to AI.") == []
    assert normalise.related_standard_ids("Extends ISO/IEC 21031 to AI.") == ["iso 21031"]


def test_equivalences_offered_by_apps_join_the_packaged_ones():
    try:
        normalise.set_identifier_equivalences(
            [*normalise.default_equivalences(), ("ISO/IEC 99999", "IEEE 9999")]
        )
        assert normalise.standard_ids("IEEE Std 9999-2030") == ["ieee 9999"]
        assert normalise.standard_ids("ISO/IEC 99999:2031") == ["ieee 9999"]
    finally:
        normalise.set_identifier_equivalences(normalise.default_equivalences())


def test_organisations_match_after_normalisation_and_acronyms():
    assert normalise.organisation_key("IEEE SA") == normalise.organisation_key(
        "IEEE Standards Association"
    )
    assert "ademe" in normalise.organisation_forms("Agence de la transition écologique (ADEME)")


def test_the_blue_angels_criteria_numbers_are_standard_identifiers():
    assert normalise.standard_ids("Blue Angel DE-UZ 215 for software") == ["de-uz 215"]
    # Written RAL-UZ until 2019: the same criteria.
    assert normalise.standard_ids("Umweltzeichen RAL-UZ 215") == ["de-uz 215"]
    assert normalise.standard_ids("Uzbekistan's 2030 strategy") == []


def test_a_site_name_is_the_registered_name_without_its_suffix():
    assert normalise.site_name("https://www.green-coding.io/") == "green-coding"
    assert normalise.site_name("https://docs.green-coding.berlin/x") == "green-coding"
    # Platforms and short names say nothing of who runs the site.
    assert normalise.site_name("https://github.com/mlco2/codecarbon") == ""
    assert normalise.site_name("https://mlco2.github.io/impact/") == ""
    assert normalise.site_name("https://www.itu.int/") == ""
    assert normalise.site_name("") == ""


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ISO/IEC JTC1/SC42", "iso iec jtc 1 sc 42"),
        ("ISO/IEC JTC 1/SC 42", "iso iec jtc 1 sc 42"),
        ("ITU-T SG5", "itu t sg 5"),
        ("ITU-T Study Group 5", "itu t sg 5"),
        ("CEN-CENELEC Joint Technical Committee 21", "cen cenelec jtc 21"),
    ],
)
def test_committees_are_written_one_way(written, key):
    assert normalise.organisation_key(written) == key


def test_a_committee_is_named_with_its_last_unit_and_has_its_body_as_parent():
    # SC 42 is one committee, written under JTC 1 or not.
    assert normalise.organisation_names("ISO/IEC JTC 1/SC 42") == [
        "iso iec jtc 1 sc 42",
        "iso iec sc 42",
    ]
    assert normalise.organisation_names("ISO / IEC SC 42") == ["iso iec sc 42"]
    assert "iso iec" in normalise.organisation_forms("ISO/IEC JTC 1/SC 42")
    # Sibling committees are not named alike.
    assert not set(normalise.organisation_names("ISO/IEC JTC 1/SC 39")) & set(
        normalise.organisation_names("ISO/IEC JTC 1/SC 42")
    )


def test_a_joint_name_names_each_organisation():
    assert normalise.organisation_names("Ecolab / CGDD") == ["ecolab cgdd", "ecolab", "cgdd"]
    assert normalise.organisation_names("Agence de la transition écologique (ADEME)") == [
        "agence transition ecologique ademe",
        "ademe",
    ]


def test_name_tokens_are_stems_without_a_working_groups_kind_nor_version_words():
    assert normalise.name_token_set(
        "Standardization for AI Environmental Sustainability – Towards a coordinated global approach"
    ) == ["ai", "approach", "coordin", "environment", "global", "standard", "sustain", "toward"]
    # British and American spellings, plurals; "2026 update" is a version marker.
    assert normalise.name_token_set(
        "Coordinated global approach to AI environmental sustainability standards – 2026 update"
    ) == ["ai", "approach", "coordin", "environment", "global", "standard", "sustain"]
    assert normalise.name_token_set(
        "Standardisation working group on AI environmental sustainability (UNESCO, Oct 2024)"
    ) == ["ai", "environment", "standard", "sustain"]
    assert normalise.name_token_set("Groupe de travail IA durable") == ["ai", "sustain"]
    # Acronyms are kept whole: "AWS" is no plural.
    assert normalise.name_token_set("AWS Sustainability Pillar") == ["aws", "pillar", "sustain"]
