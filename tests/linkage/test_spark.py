"""The Spark path runs the same job as DuckDB and gives the same pairs (``-m "not spark"`` skips it)."""

import pytest

from sustainai.linkage import engine
from tests.linkage.test_engine import ALL, CODE_CARBON_TRACKER


@pytest.mark.spark
def test_spark_engine_finds_the_same_pairs_as_duckdb():
    records = [*ALL, CODE_CARBON_TRACKER]  # every name level, the compact one included
    session = engine.spark()
    try:
        on_spark = engine.find_duplicates(records, engine="spark", spark_session=session)
    finally:
        session.stop()
    on_duckdb = engine.find_duplicates(records, engine="duckdb")
    assert on_spark == on_duckdb
    assert len(on_duckdb) == 7
