"""The Spark path runs the same job as DuckDB and gives the same pairs (``-m "not spark"`` skips it)."""

import pytest

from sustainai.linkage import engine
from tests.linkage.test_engine import ALL


@pytest.mark.spark
def test_spark_engine_finds_the_same_pairs_as_duckdb():
    session = engine.spark()
    try:
        on_spark = engine.find_duplicates(ALL, engine="spark", spark_session=session)
    finally:
        session.stop()
    on_duckdb = engine.find_duplicates(ALL, engine="duckdb")
    assert on_spark == on_duckdb
    assert len(on_duckdb) == 6
