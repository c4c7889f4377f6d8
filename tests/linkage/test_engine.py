"""The engine on real-world-like Atlas entries: each kind of duplicate, and the false friend.

No database: records go straight into the engine, as in the benchmark.
"""

import pytest

from sustainai.linkage import engine
from sustainai.linkage.engine import InitiativeRecord as R

# Distinct initiatives around the duplicates, so that the description vocabulary has a background.
BACKGROUND = [
    R(
        101,
        "CodeCarbon",
        (),
        "Python package estimating the carbon emissions of computing from the power drawn by CPU, GPU and RAM and the carbon intensity of the grid.",
        "https://codecarbon.io/",
        ("Mila", "BCG GAMMA", "Comet"),
        ("CA", "FR"),
        2020,
        "tool",
    ),
    R(
        102,
        "Climate Change AI",
        ("CCAI",),
        "Organisation of volunteers from academia and industry catalysing impactful work at the intersection of climate change and machine learning.",
        "https://www.climatechange.ai/",
        ("Climate Change AI",),
        ("US",),
        2019,
        "coalition",
    ),
    R(
        103,
        "Green Software Foundation",
        ("GSF",),
        "Non-profit foundation building a trusted ecosystem of people, standards, tooling and best practices for green software.",
        "https://greensoftware.foundation/",
        ("Linux Foundation",),
        ("US",),
        2021,
        "coalition",
    ),
    R(
        104,
        "MLPerf Power",
        (),
        "Benchmark methodology measuring the energy efficiency of machine learning systems from microwatt devices to datacenter racks.",
        "https://mlcommons.org/benchmarks/power/",
        ("MLCommons",),
        ("US",),
        2023,
        "tool",
    ),
    R(
        105,
        "Observatoire de l'IA frugale",
        (),
        "Veille sur les pratiques d'intelligence artificielle sobre en ressources dans les administrations publiques.",
        "https://www.numerique.gouv.fr/ia-frugale/",
        ("DINUM",),
        ("FR",),
        2024,
        "observatory",
    ),
    R(
        106,
        "Tracking the carbon footprint of European data centres",
        (),
        "Registry of energy performance indicators reported by data centres under the Energy Efficiency Directive.",
        "https://energy.ec.europa.eu/data-centres",
        ("European Commission",),
        ("BE",),
        2024,
        "dataset",
    ),
    R(
        107,
        "Carbontracker",
        (),
        "Tool for tracking and predicting the energy consumption and carbon footprint of training deep learning models.",
        "https://github.com/lfwa/carbontracker",
        ("University of Copenhagen",),
        ("DK",),
        2020,
        "tool",
    ),
    R(
        108,
        "Zeus",
        (),
        "Framework measuring and optimising the GPU energy consumption of deep learning training and inference.",
        "https://ml.energy/zeus/",
        ("University of Michigan",),
        ("US",),
        2022,
        "tool",
    ),
]

RENAMED = [  # a launch-era name and the final one
    R(
        1,
        "ML CO2 Impact",
        (),
        "Calculator estimating the carbon emissions of training machine learning models from the hardware, the hours of use, the cloud provider and the region.",
        "https://mlco2.github.io/impact/",
        ("Mila",),
        ("CA",),
        2019,
        "tool",
    ),
    R(
        2,
        "Machine Learning Emissions Calculator",
        (),
        "Estimate the carbon emissions of training machine learning models: choose the hardware, the hours of use, the provider and the region of compute.",
        "https://mlco2.github.io/impact",
        ("Mila", "Element AI"),
        ("CA",),
        2019,
        "tool",
    ),
]
TRANSLATED = [  # a French title and its English one
    R(
        3,
        "Coalition pour une IA durable",
        (),
        "Coalition lancée au Sommet pour l'action sur l'IA à Paris afin de placer l'IA sur une trajectoire compatible avec les objectifs environnementaux.",
        "https://www.ecologie.gouv.fr/fr/coalition-ia-durable",
        ("Ministère de la Transition écologique", "UNEP", "ITU"),
        ("FR",),
        2025,
        "coalition",
    ),
    R(
        4,
        "Coalition for Sustainable AI",
        (),
        "Coalition launched at the AI Action Summit in Paris to put AI on a path consistent with environmental goals.",
        "https://www.ecologie.gouv.fr/en/coalition-ia-durable",
        ("Ministère de la Transition écologique", "UNEP", "ITU"),
        ("FR",),
        2025,
        "coalition",
    ),
]
PROVISIONAL = [  # a provisional standard number and the published one
    R(
        5,
        "ISO/IEC AWI TR 20226 Environmental sustainability aspects of AI systems",
        (),
        "Work item describing the environmental sustainability aspects of AI systems over their life cycle.",
        "",
        ("ISO/IEC JTC 1/SC 42",),
        (),
        2023,
        "standard",
    ),
    R(
        6,
        "ISO/IEC TR 20226:2025 Information technology — Artificial intelligence — Environmental sustainability aspects of AI systems",
        (),
        "Technical report on the environmental sustainability aspects of AI systems across their life cycle.",
        "https://www.iso.org/standard/86177.html",
        ("ISO/IEC JTC 1/SC 42",),
        (),
        2025,
        "standard",
    ),
]
WORKING_GROUP = [  # a working group's name and its standard's number
    R(
        7,
        "Environmental Impacts of Artificial Intelligence Working Group",
        (),
        "IEEE working group developing IEEE P7100, a standard for measuring the environmental impacts of artificial intelligence systems.",
        "https://sagroups.ieee.org/7100/",
        ("IEEE Standards Association",),
        ("US",),
        2022,
        "coalition",
    ),
    R(
        8,
        "IEEE 7100 Standard for Measurement of Environmental Impacts of Artificial Intelligence Systems",
        (),
        "Standard defining metrics and methods to measure the environmental impacts of artificial intelligence systems.",
        "https://standards.ieee.org/ieee/7100/11037/",
        ("IEEE Standards Association",),
        ("US",),
        2024,
        "standard",
    ),
]
NEW_VERSION = [  # a new version of the same initiative
    R(
        9,
        "AI Energy Score",
        (),
        "Standardised energy-efficiency ratings of AI models for common tasks, measured on the same GPU, with a public leaderboard.",
        "https://huggingface.github.io/AIEnergyScore/",
        ("Hugging Face", "Salesforce"),
        ("US",),
        2025,
        "tool",
    ),
    R(
        10,
        "AI Energy Score v2",
        (),
        "Second version of the AI Energy Score: energy ratings of AI models for common tasks, new reasoning tasks and a public leaderboard.",
        "https://huggingface.github.io/AIEnergyScore/",
        ("Hugging Face", "Salesforce", "Cohere"),
        ("US",),
        2026,
        "tool",
    ),
]
PRESS = [  # the initiative, and a press description of it by another organisation
    R(
        11,
        "Software Carbon Intensity (SCI) Specification",
        (),
        "The SCI specification defines a methodology for calculating the rate of carbon emissions of a software system, to encourage elimination of emissions.",
        "https://sci.greensoftware.foundation/",
        ("Green Software Foundation",),
        ("US",),
        2021,
        "standard",
    ),
    R(
        12,
        "Software Carbon Intensity specification",
        (),
        "A press piece: the specification, from the Green Software Foundation, defines a methodology for calculating the rate of carbon emissions of a software system, and is now an ISO standard.",
        "https://www.linuxfoundation.org/press/software-carbon-intensity",
        ("Linux Foundation",),
        ("US",),
        2024,
        "standard",
    ),
]
FALSE_FRIEND = [  # distinct initiatives sharing their name
    R(
        13,
        "Green Algorithms",
        ("Green Algorithms calculator",),
        "Online calculator estimating the carbon footprint of computations from the number of cores, the memory, the runtime and the location.",
        "https://www.green-algorithms.org/",
        ("University of Cambridge",),
        ("GB",),
        2020,
        "tool",
    ),
    R(
        14,
        "Green Algorithms",
        (),
        "National funding programme supporting research on energy-efficient algorithms for scientific computing.",
        "https://www.research-agency.example/programmes/green-algorithms",
        ("National Research Agency",),
        ("NO",),
        2024,
        "research",
    ),
]

DUPLICATES = {
    "renamed": RENAMED,
    "translated": TRANSLATED,
    "provisional standard number": PROVISIONAL,
    "working group and standard": WORKING_GROUP,
    "new version": NEW_VERSION,
    "press description": PRESS,
}
ALL = [*BACKGROUND, *FALSE_FRIEND, *(r for pair in DUPLICATES.values() for r in pair)]


@pytest.fixture(scope="module")
def candidates():
    return {(c.a, c.b): c for c in engine.find_duplicates(ALL)}


def test_find_duplicates_returns_exactly_the_planted_pairs(candidates):
    expected = {(pair[0].id, pair[1].id) for pair in DUPLICATES.values()}
    assert set(candidates) == expected


@pytest.mark.parametrize(
    ("kind", "reasons"),
    [
        ("renamed", {"same_page", "shared_organisation", "same_country", "same_year"}),
        (
            "translated",
            {"translated_name", "same_page", "shared_organisations", "same_country", "same_year"},
        ),
        ("provisional standard number", {"same_standard", "shared_organisation"}),
        (
            "working group and standard",
            {"standard_named", "same_domain", "shared_organisation"},
        ),
        ("new version", {"new_version", "same_page", "shared_organisations"}),
        ("press description", {"same_name", "similar_description"}),
    ],
)
def test_each_kind_of_duplicate_scores_above_the_queue_threshold(candidates, kind, reasons):
    a, b = DUPLICATES[kind]
    found = candidates[(a.id, b.id)]
    assert found.score >= engine.QUEUE_THRESHOLD
    assert reasons <= set(found.reasons)


def test_false_friend_sharing_a_name_is_not_a_candidate():
    a, b = FALSE_FRIEND
    score, reasons = engine.score_pair(engine.record_features(a), engine.record_features(b))
    assert score < 0.01
    assert reasons == ("same_name",)
    assert engine.find_duplicates(ALL, threshold=0.01, exclude=[]) and all(
        {c.a, c.b} != {13, 14} for c in engine.find_duplicates(ALL, threshold=0.01)
    )


def test_find_duplicates_excludes_decided_pairs():
    found = engine.find_duplicates(ALL, exclude=[(4, 3), (9, 10)])
    assert (3, 4) not in {(c.a, c.b) for c in found}
    assert (9, 10) not in {(c.a, c.b) for c in found}
    assert (1, 2) in {(c.a, c.b) for c in found}


def test_python_scoring_agrees_with_splink_on_every_blocked_pair():
    """The hint's Python evaluator and Splink's SQL give the same comparison vector and weight."""
    corpus = engine.build_corpus(ALL)
    features = {row["unique_id"]: row for row in engine.Index(ALL).features}
    predictions = engine.predict(corpus.table)
    assert len(predictions) >= 7  # the six duplicates and the false friend, at least
    for row in predictions.to_dict("records"):
        a, b = features[row["unique_id_l"]], features[row["unique_id_r"]]
        vector = engine.vector_from_weights(
            {c.name: row[f"mw_{c.name}"] for c in engine.COMPARISONS}
        )
        assert engine.gammas(a, b) == vector
        weight, _ = engine.weigh(vector)
        assert weight == pytest.approx(row["match_weight"], abs=1e-6)


def test_index_search_finds_the_entry_a_member_is_typing():
    index = engine.Index([r for r in ALL if r.id != 2])
    typed = R(0, "Machine learning emissions calculator", website="mlco2.github.io/impact")
    (best_id, score, reasons), *_ = index.search(typed, limit=3)
    assert best_id == 1
    assert score >= 0.5
    assert reasons[0] == "same_page"


def test_index_search_excludes_the_entry_being_edited():
    index = engine.Index(ALL)
    typed = R(0, "AI Energy Score", website="https://huggingface.github.io/AIEnergyScore/")
    assert [pk for pk, _, _ in index.search(typed, exclude_id=9)][:1] == [10]


def test_reason_codes_all_have_labels():
    codes = {level.code for comp in engine.COMPARISONS for level in comp.levels if level.code}
    assert codes == set(engine.REASONS)


# "CodeCarbon" (101) again, with a descriptor and spaces: the one name, spaces removed, begins
# the other.
CODE_CARBON_TRACKER = R(
    901,
    "Code Carbon tracker",
    (),
    "Open-source Python library that tracks the carbon emissions of running code on CPUs and GPUs.",
    "",
    ("Mila",),
    ("CA",),
    2021,
    "tool",
)


def test_a_name_run_together_and_one_with_a_descriptor_are_one_initiative():
    found = {(c.a, c.b): c for c in engine.find_duplicates([*ALL, CODE_CARBON_TRACKER])}
    pair = found[(101, 901)]
    assert pair.score >= engine.QUEUE_THRESHOLD
    assert pair.reasons[0] == "compact_name"
    a, b = (engine.record_features(r) for r in (ALL[0], CODE_CARBON_TRACKER))
    assert engine.gammas(a, b)["name"] == 2  # the compact level, below alias and similar names


def test_two_longer_names_sharing_their_first_words_are_not_compact_names():
    a = engine.record_features(R(1, "Green Software Foundation"))
    b = engine.record_features(R(2, "Green Software Patterns"))
    assert engine.gammas(a, b)["name"] != 2


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        # A committee and its body; a committee written two ways; one of a joint name's two.
        (("ISO/IEC JTC 1/SC 42",), ("ISO/IEC",), True),
        (("ISO/IEC JTC1/SC42",), ("ISO / IEC SC 42",), True),
        (("Ecolab / CGDD",), ("Commissariat général au développement durable (CGDD)",), True),
        (("ITU-T Study Group 5",), ("ITU-T SG5",), True),
        # Two committees of one body are two organisations.
        (("ISO/IEC JTC 1/SC 39",), ("ISO/IEC JTC 1/SC 42",), False),
    ],
)
def test_organisations_written_as_committees_parents_or_joint_names(first, second, shared):
    a = engine.record_features(R(1, "First", organisations=first))
    b = engine.record_features(R(2, "Second", organisations=second))
    assert (engine.gammas(a, b)["organisations"] == 1) is shared


def _level(comparison, a, b):
    """The code of the level a pair reaches in one comparison."""
    levels = next(c for c in engine.COMPARISONS if c.name == comparison).levels
    return levels[len(levels) - 1 - engine.gammas(a, b)[comparison]].code


def test_a_reworded_title_and_its_working_group_are_within_each_other():
    first, update, group = (
        engine.record_features(R(i, name))
        for i, name in enumerate(
            [
                "Standardization for AI Environmental Sustainability – Towards a coordinated global "
                "approach",
                "Coordinated global approach to AI environmental sustainability standards – 2026 "
                "update",
                "Standardisation working group on AI environmental sustainability (UNESCO, Oct "
                "2024)",
            ]
        )
    )
    assert _level("name", first, update) == "name_within"
    assert _level("name", first, group) == "name_within"


def test_one_page_listing_two_numbered_standards_is_no_evidence_of_one_initiative():
    page = "https://www.iso.org/committee/654019.html"
    cue = R(1, "ISO/IEC 30134-8:2022 Carbon usage effectiveness (CUE)", website=page)
    ref = R(2, "ISO/IEC 30134-3:2016 Renewable energy factor (REF)", website=page)
    group = R(3, "Data centre KPIs of SC 39", website=page)
    a, b, c = (engine.record_features(r) for r in (cue, ref, group))
    assert _level("website", a, b) == "listing_page"
    assert _level("website", a, c) == "same_page"
    assert engine.REASONS["listing_page"] == (
        "one page listing both, with different standard numbers"
    )


def test_the_fitted_name_levels_keep_their_order():
    """A same name is also every word of one in the other; a name typed word by word in the hint
    goes from "begins" to "every word in" to "the same": none may weigh less than the next."""
    name = next(c for c in engine.COMPARISONS if c.name == "name")
    weight = {level.code: level.weight for level in name.levels}
    assert weight["same_name"] >= weight["name_within"] >= weight["compact_name"]
