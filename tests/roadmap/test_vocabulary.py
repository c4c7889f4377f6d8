import datetime

import pytest

from sustainai.roadmap import matrix, vocabulary


def test_statuses_map_free_text():
    assert vocabulary.status_of("published (in force)") == "published"
    assert vocabulary.status_of("under development (consultation)") == "in-development"
    assert vocabulary.status_of("proposed / early stage") == "proposed"
    assert vocabulary.status_of("published (voluntary spec, not a standard); updated") == "revised"
    assert vocabulary.status_of("adopted for publication") == "published"
    assert vocabulary.status_of("Withdrawn") == "withdrawn"
    assert vocabulary.status_of("maybe later") is None


def test_phases_map_synonyms_and_report_unknown_terms():
    mapped = vocabulary.map_phases("training (and, per guidance, inference); end of life; moon")
    assert mapped.terms == ("design-development", "end-of-life")
    assert mapped.unknown == ("moon",)
    assert vocabulary.map_phases("all (cradle-to-grave)").terms == vocabulary.PHASES
    assert vocabulary.map_phases("organisation-wide").terms == vocabulary.AI_STAGES


def test_dimensions_map_synonyms():
    mapped = vocabulary.map_dimensions("Energy; GHG, e-waste + eco-label; data-centres")
    assert mapped.terms == ("energy", "carbon", "materials", "labelling")
    assert mapped.unknown == ("data-centres",)


def test_dates():
    assert vocabulary.parse_date("2025") == datetime.date(2025, 1, 1)
    assert vocabulary.parse_date("2025-07") == datetime.date(2025, 7, 1)
    assert vocabulary.parse_date("2026-02-06") == datetime.date(2026, 2, 6)
    assert vocabulary.parse_date(" ") is None
    for bad in ("soon", "2025-13", "2025-02-30", "1066"):
        with pytest.raises(ValueError):
            vocabulary.parse_date(bad)


def test_coverage_counts_every_cell_and_skips_withdrawn():
    entries = [
        matrix.Entry("A", "published", ("deployment",), ("energy", "water")),
        matrix.Entry("B", "in-development", ("deployment",), ("energy",)),
        matrix.Entry("C", "withdrawn", ("deployment",), ("energy",)),
    ]
    cells = matrix.coverage(entries)
    assert len(cells) == len(vocabulary.PHASES) * len(vocabulary.DIMENSIONS) == 81
    by_key = {(c.phase, c.dimension): c for c in cells}
    assert by_key[("deployment", "energy")].identifiers == ("A", "B")
    assert by_key[("deployment", "water")].identifiers == ("A",)
    assert sum(c.count for c in cells) == 3
    assert matrix.crowded_threshold(cells) == 3


def test_compare_editions():
    before = {
        "A": matrix.Entry("A", "in-development", ("deployment",), ("energy",)),
        "B": matrix.Entry("B", "published", ("deployment",), ("energy",)),
        "C": matrix.Entry("C", "published", ("deployment",), ("energy",)),
    }
    after = {
        "A": matrix.Entry("A", "published", ("deployment",), ("energy",)),
        "B": matrix.Entry("B", "published", ("deployment",), ("energy", "water")),
        "D": matrix.Entry("D", "proposed", (), ()),
    }
    diff = matrix.compare(before, after)
    assert diff.added == ("D",)
    assert diff.removed == ("C",)
    assert diff.status_changed == (matrix.StatusChange("A", "in-development", "published"),)
    assert diff.changed == ("B",)
