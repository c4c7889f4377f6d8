"""The Atlas's figures warmed after a change, when the cache is shared by the processes."""

import pytest

from sustainai.atlas import selectors, warming
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_nothing_is_scheduled_with_each_process_s_own_memory(django_capture_on_commit_callbacks):
    assert not warming.shared_cache()
    with django_capture_on_commit_callbacks() as callbacks:
        InitiativeFactory(countries=["FR"], topics=["energy"])
    assert callbacks == []


def test_once_a_change_commits_the_worker_caches_the_figures_of_the_atlas_as_it_opens(
    redis_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert warming.shared_cache()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        InitiativeFactory(type="tool", countries=["FR"], topics=["energy"], start_year=2021)
        InitiativeFactory(type="standard", countries=["FR", "DE"], start_year=2024)
    assert len(callbacks) == 1  # once for the transaction, however many changes it made

    # The tests' task backend ran the task at once; visitors read the version alone.
    with django_assert_num_queries(1):
        counts = selectors.facet_counts(selectors.Filters())
    with django_assert_num_queries(1):
        countries = selectors.country_counts()
    with django_assert_num_queries(1):
        figures = selectors.figures()
    assert counts.types == {"tool": 1, "standard": 1}
    assert counts.topics == {"energy": 1}
    assert countries == {"FR": 2, "DE": 1}
    assert figures == {
        "types": {"tool": 1, "standard": 1},
        "topics": {"energy": 1},
        "years": {2021: 1, 2024: 1},
    }


@pytest.mark.django_db(transaction=True)
def test_each_committed_change_is_warmed_deletions_included(redis_cache, django_assert_num_queries):
    # Real transactions here: each write commits, and its callback runs at once.
    kept = InitiativeFactory(type="tool")
    doomed = InitiativeFactory(type="report")
    with django_assert_num_queries(1):
        assert selectors.facet_counts(selectors.Filters()).types == {"tool": 1, "report": 1}

    doomed.delete()  # the database's trigger removes its facet document

    with django_assert_num_queries(1):
        assert selectors.facet_counts(selectors.Filters()).types == {kept.type: 1}


def test_an_import_written_in_several_batches_is_warmed_once(
    redis_cache, django_capture_on_commit_callbacks, django_assert_num_queries, monkeypatch
):
    from sustainai.atlas import importing

    monkeypatch.setattr(importing, "WRITE_BATCH", 2)  # three batches, three index changes
    data = b"name,type,country\n" + b"".join(f"Initiative {n},tool,FR\n".encode() for n in range(5))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = importing.import_initiatives(data, filename="five.csv")
    assert report.created == 5
    assert len(callbacks) == 1
    with django_assert_num_queries(1):
        assert selectors.country_counts() == {"FR": 5}
