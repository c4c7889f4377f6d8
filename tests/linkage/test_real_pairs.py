"""One test per kind of same-initiative pair met in real Atlas entries, and false friends kept apart.

The records are public initiatives, written as a member would enter them (in our own words); the
source of each is beside it. Only the fields a member would fill are set. Each pair is scored
among the background records of ``test_engine`` (so that the description vocabulary is realistic),
by the batch run (Splink on DuckDB) and by the hint's Python evaluator, which must agree.
"""

import pytest

from sustainai.linkage import engine
from sustainai.linkage.engine import InitiativeRecord as R
from tests.linkage.test_engine import BACKGROUND

PAIRS = {
    # Renamed: the launch-era name and the final one (https://mlco2.github.io/impact/).
    "rename": (
        R(
            201,
            "ML CO2 Impact",
            description="Web calculator of the carbon emissions of training a model from the "
            "GPU model, the hours used, the cloud provider and its region.",
            website="https://mlco2.github.io/impact/",
            organisations=("Mila",),
            countries=("CA",),
            start_year=2019,
            type="tool",
        ),
        R(
            202,
            "Machine Learning Emissions Calculator",
            description="Estimate the CO2 emitted when training machine learning models: pick "
            "the hardware, the training time and the provider.",
            website="https://mlco2.github.io/impact#compute",
            organisations=("Mila", "Element AI"),
            countries=("CA",),
            start_year=2019,
            type="tool",
        ),
    ),
    # Translated: AFNOR Spec 2314, French title and English title
    # (https://normalisation.afnor.org/nos-solutions/afnor-spec/, June 2024).
    "translation": (
        R(
            203,
            "Référentiel général pour l'IA frugale",
            description="Méthodes et bonnes pratiques pour mesurer et réduire l'impact "
            "environnemental d'un service d'IA sur tout son cycle de vie.",
            organisations=("AFNOR", "Ecolab"),
            countries=("FR",),
            start_year=2024,
            type="standard",
        ),
        R(
            204,
            "General framework for frugal AI",
            description="Methods and good practices to measure and reduce the environmental "
            "footprint of an AI service over its whole life cycle.",
            organisations=("AFNOR",),
            countries=("FR",),
            start_year=2024,
            type="standard",
        ),
    ),
    # An acronym and the full name (https://www.climatechange.ai/).
    "acronym vs full name": (
        R(
            205,
            "Climate Change AI",
            description="Volunteers from academia and industry working where climate change "
            "meets machine learning: workshops, grants, a summer school.",
            organisations=("Climate Change AI",),
            countries=("US",),
            start_year=2019,
            type="coalition",
        ),
        R(
            206,
            "CCAI",
            description="Non-profit running workshops at NeurIPS and ICML on machine learning "
            "for climate action.",
            website="https://www.climatechange.ai/about",
            countries=("US",),
            start_year=2019,
            type="coalition",
        ),
    ),
    # A provisional ISO/IEC number and the published one
    # (https://www.iso.org/standard/86177.html).
    "provisional vs published number": (
        R(
            207,
            "ISO/IEC AWI TR 20226",
            description="Approved work item on the environmental sustainability aspects of AI "
            "systems.",
            organisations=("ISO/IEC JTC 1/SC 42",),
            start_year=2023,
            type="standard",
        ),
        R(
            208,
            "Environmental sustainability aspects of AI systems",
            aliases=("ISO/IEC TR 20226:2025",),
            description="Technical report giving an overview of the environmental aspects and "
            "candidate metrics of AI systems over their life cycle.",
            website="https://www.iso.org/standard/86177.html",
            organisations=("ISO",),
            start_year=2025,
            type="standard",
        ),
    ),
    # A specification and the ISO/IEC number it was published under
    # (https://www.iso.org/standard/86612.html; https://sci.greensoftware.foundation/).
    "spec vs ISO number": (
        R(
            209,
            "Software Carbon Intensity specification",
            description="Method to compute a rate of carbon emissions per functional unit of a "
            "software system.",
            website="https://sci.greensoftware.foundation/",
            organisations=("Green Software Foundation",),
            countries=("US",),
            start_year=2021,
            type="standard",
        ),
        R(
            210,
            "ISO/IEC 21031:2024",
            description="Information technology standard on the carbon intensity of software.",
            website="https://www.iso.org/standard/86612.html",
            organisations=("ISO/IEC JTC 1",),
            start_year=2024,
            type="standard",
        ),
    ),
    # A working group whose description names the standard it develops (https://sagroups.ieee.org/).
    "working group vs its standard": (
        R(
            211,
            "Environmental Impact Assessment of AI Systems Working Group",
            aliases=("EIAI WG",),
            description="IEEE SA working group drafting IEEE P7100 on measuring the "
            "environmental impacts of AI systems.",
            organisations=("IEEE SA",),
            start_year=2024,
            type="coalition",
        ),
        R(
            212,
            "IEEE 7100",
            description="Standard for the measurement of the environmental impacts of "
            "artificial intelligence systems: training and inference indicators.",
            organisations=("IEEE Standards Association",),
            start_year=2024,
            type="standard",
        ),
    ),
    # A new version (https://huggingface.github.io/AIEnergyScore/).
    "version/edition": (
        R(
            213,
            "AI Energy Score",
            description="Energy ratings of AI models on common tasks, measured on one GPU type.",
            website="https://huggingface.github.io/AIEnergyScore/",
            organisations=("Hugging Face",),
            start_year=2025,
            type="tool",
        ),
        R(
            214,
            "AI Energy Score v2",
            description="Second release of the leaderboard: reasoning models and new tasks.",
            website="https://huggingface.co/spaces/AIEnergyScore/Leaderboard",
            organisations=("Hugging Face", "Salesforce"),
            start_year=2026,
            type="tool",
        ),
    ),
    # A programme and its yearly report (https://hai.stanford.edu/ai-index).
    "programme vs its report": (
        R(
            215,
            "AI Index",
            description="Stanford programme tracking and visualising data on artificial "
            "intelligence, including the energy of training.",
            website="https://hai.stanford.edu/ai-index",
            organisations=("Stanford HAI",),
            countries=("US",),
            start_year=2017,
            type="research",
        ),
        R(
            216,
            "AI Index Report 2025",
            description="Yearly report with chapters on research, technical performance and "
            "the environmental cost of AI.",
            website="https://hai.stanford.edu/ai-index/2025-ai-index-report",
            organisations=("Stanford Institute for Human-Centered Artificial Intelligence",),
            countries=("US",),
            start_year=2025,
            type="research",
        ),
    ),
    # A proposal whose description says it became the other (ITU-T focus group to study group
    # work, https://www.itu.int/en/ITU-T/focusgroups/ai4ee/).
    "proposal that became another": (
        R(
            217,
            "Focus Group on Environmental Efficiency for AI",
            aliases=("FG-AI4EE",),
            description="Pre-standardisation group of ITU-T; its deliverables became the "
            "Green AI work items of ITU-T Study Group 5.",
            organisations=("ITU",),
            start_year=2019,
            type="coalition",
        ),
        R(
            218,
            "ITU-T Study Group 5 Green AI work items",
            description="Recommendations on environmentally sustainable AI systems and "
            "computing, carried on from FG-AI4EE deliverables.",
            organisations=("International Telecommunication Union (ITU)",),
            start_year=2022,
            type="standard",
        ),
    ),
    # The same page listed by two organisations under two names
    # (https://www.ecologie.gouv.fr/coalition-ia-durable).
    "same page by two organisations": (
        R(
            219,
            "Coalition for Sustainable AI",
            description="Launched at the Paris AI Action Summit to put AI on a sustainable path.",
            website="https://www.ecologie.gouv.fr/en/coalition-ia-durable",
            organisations=("UNEP",),
            start_year=2025,
            type="coalition",
        ),
        R(
            220,
            "Sustainable AI coalition (Paris 2025)",
            description="Multi-stakeholder group of companies, states and researchers formed in "
            "February 2025.",
            website="ecologie.gouv.fr/coalition-ia-durable/",
            organisations=("ITU",),
            start_year=2025,
            type="coalition",
        ),
    ),
}

FALSE_FRIENDS = {
    # The SCI specification and its AI extension (https://greensoftware.foundation/standards/sci-ai).
    "a specification and its extension": (
        PAIRS["spec vs ISO number"][0],
        R(
            230,
            "Software Carbon Intensity for Artificial Intelligence",
            aliases=("SCI for AI",),
            description="Extends ISO/IEC 21031 to AI systems with consumer and provider "
            "boundaries.",
            website="https://greensoftware.foundation/standards/sci-ai",
            organisations=("Green Software Foundation",),
            start_year=2025,
            type="standard",
        ),
    ),
    # Two ISO/IEC AI standards of one committee (https://www.iso.org/standard/81230.html).
    "two standards of one committee": (
        R(
            231,
            "ISO/IEC 42001:2023",
            description="AI management system standard.",
            website="https://www.iso.org/standard/81230.html",
            organisations=("ISO/IEC JTC 1/SC 42",),
            start_year=2023,
            type="standard",
        ),
        R(
            232,
            "ISO/IEC 42005:2025",
            description="AI system impact assessment guidance.",
            website="https://www.iso.org/standard/44545.html",
            organisations=("ISO/IEC JTC 1/SC 42",),
            start_year=2025,
            type="standard",
        ),
    ),
    # A foundation and one of its projects (https://patterns.greensoftware.foundation/).
    "a foundation and its project": (
        R(
            233,
            "Green Software Foundation",
            aliases=("GSF",),
            description="Non-profit building standards, tools and practices for green software.",
            website="https://greensoftware.foundation/",
            organisations=("Linux Foundation",),
            start_year=2021,
            type="coalition",
        ),
        R(
            234,
            "Green Software Patterns",
            description="Catalogue of patterns reducing software emissions, from the Green "
            "Software Foundation.",
            website="https://patterns.greensoftware.foundation/",
            organisations=("Green Software Foundation",),
            start_year=2022,
            type="tool",
        ),
    ),
    # Translated into German, the ecolabel's criteria number in both: the Blue Angel for software
    # (https://www.blauer-engel.de/en/productworld/resources-and-energy-efficient-software-products).
    "German translation with its ecolabel number": (
        R(
            241,
            "Blue Angel DE-UZ 215 – Resource and energy-efficient software products",
            description="German ecolabel for software that keeps its energy and hardware use "
            "under limits measured in standard usage scenarios.",
            website="https://www.blauer-engel.de/en/productworld/resources-and-energy-efficient-"
            "software-products",
            countries=("DE",),
            type="certification",
        ),
        R(
            242,
            "Blauer Engel – Ressourcen- und energieeffiziente Softwareprodukte",
            description="Umweltzeichen für Software mit geringem Energie- und Ressourcenbedarf "
            "(DE-UZ 215).",
            website="https://www.blauer-engel.de/",
            countries=("DE",),
            type="certification",
        ),
    ),
    # One tool on its organisation's two sites, under two top-level domains
    # (https://www.green-coding.io/ and https://docs.green-coding.berlin/).
    "one tool under two domains": (
        R(
            243,
            "Green Metrics Tool",
            description="Open-source framework measuring the energy of software in "
            "reproducible usage scenarios.",
            website="https://www.green-coding.io/products/green-metrics-tool/",
            countries=("DE",),
            type="tool",
        ),
        R(
            244,
            "Green Coding – Green Metrics Tool",
            description="Containerised measurement of the energy an application uses on fixed "
            "hardware.",
            website="https://docs.green-coding.berlin/",
            countries=("DE",),
            type="tool",
        ),
    ),
}

ALL = [
    *BACKGROUND,
    *(r for pair in PAIRS.values() for r in pair),
    *(r for pair in FALSE_FRIENDS.values() for r in pair[1:]),
    *FALSE_FRIENDS["two standards of one committee"][:1],
    *FALSE_FRIENDS["a foundation and its project"][:1],
]


@pytest.fixture(scope="module")
def found():
    return {(c.a, c.b): c for c in engine.find_duplicates(ALL, threshold=0.0)}


@pytest.fixture(scope="module")
def index():
    return engine.Index(ALL)


EXPECTED_REASON = {
    "rename": "same_page",
    "translation": "translated_name",
    "acronym vs full name": "acronym",
    "provisional vs published number": "same_standard",
    "spec vs ISO number": "same_standard",
    "working group vs its standard": "standard_named",
    "version/edition": "new_version",
    "programme vs its report": "new_version",
    "proposal that became another": "succession",
    "same page by two organisations": "same_page",
    "German translation with its ecolabel number": "same_standard",
    "one tool under two domains": "same_site_name",
}


@pytest.mark.parametrize("kind", list(PAIRS))
def test_each_kind_of_real_pair_reaches_the_review_queue(found, index, kind):
    a, b = PAIRS[kind]
    pair = found[(a.id, b.id)]
    assert pair.score >= engine.QUEUE_THRESHOLD
    assert EXPECTED_REASON[kind] in pair.reasons
    # The hint scores the pair alike (same model, same features).
    score, reasons = engine.score_pair(
        index.features[index.position_of[a.id]],
        index.features[index.position_of[b.id]],
        prior=engine.prior_for(len(ALL)),
    )
    assert score == pytest.approx(pair.score, abs=1e-4)
    assert reasons == pair.reasons


@pytest.mark.parametrize("kind", list(FALSE_FRIENDS))
def test_false_friends_stay_below_the_review_queue(found, kind):
    a, b = FALSE_FRIENDS[kind]
    pair = found.get((min(a.id, b.id), max(a.id, b.id)))
    assert pair is None or pair.score < engine.QUEUE_THRESHOLD


def test_the_hint_score_never_falls_as_a_member_types_the_name(index):
    """Typing an existing name word by word never lowers its score; a word typed past the whole
    name leaves it found, because every word of the name is still in the typed one."""
    for target in [*PAIRS["rename"], PAIRS["translation"][1], PAIRS["programme vs its report"][1]]:
        words = target.name.split()
        scores = []
        for end in range(1, len(words) + 1):
            found = {pk: s for pk, s, _ in index.search(R(0, " ".join(words[:end])), limit=20)}
            scores.append(found.get(target.id, 0.0))
        assert scores == sorted(scores), (target.name, scores)
        assert scores[-1] >= 0.5
        past = {pk: r for pk, _, r in index.search(R(0, f"{target.name} Europe"), limit=20)}
        assert "name_within" in past[target.id]
