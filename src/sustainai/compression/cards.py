"""Reading a Hugging Face model card's metadata (the YAML block at the top of README.md).

The fields read are those of the Hub's model-card specification: ``license``, ``pipeline_tag``,
``base_model``, ``co2_eq_emissions`` (a number of grams, or a mapping with ``emissions`` in grams,
``source``, ``training_type``, ``geographical_location``, ``hardware_used``) and ``model-index``
(a list of models, each with ``results``: ``task``, ``dataset`` and ``metrics``). Anything the card
gets wrong raises ``CompressionError`` naming the field; nothing is half-read.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from sustainai.compression.errors import CompressionError

MAX_CARD = 200_000


def front_matter(text: str) -> str:
    """The YAML between the opening ``---`` and the next ``---`` line, or the whole text when it
    has no such block (a bare metadata file)."""
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "\n".join(lines[1:index])
        raise CompressionError({"card": "the metadata block opened by '---' is never closed"})
    return text


def read_card(text: str) -> dict[str, Any]:
    """The card's metadata as an entry's fields: ``name``, ``licence``, ``task``, ``base_model``,
    ``co2_eq_emissions_g`` (training emissions in grams, or None), ``co2_source`` and ``results``
    (``task``, ``dataset``, ``metric``, ``value`` per reported metric)."""
    if len(text) > MAX_CARD:
        raise CompressionError({"card": f"at most {MAX_CARD:,} characters"})
    try:
        data = yaml.safe_load(front_matter(text))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CompressionError({"card": f"malformed YAML{where}: {problem}"}) from None
    if not isinstance(data, dict):
        raise CompressionError({"card": "the metadata is not a mapping of fields"})
    emissions, source = _emissions(data.get("co2_eq_emissions"))
    results, name = _results(data.get("model-index"))
    base = data.get("base_model")
    if isinstance(base, list):
        base = base[0] if base else None
    return {
        "name": name,
        "licence": _text(data.get("license"), "license"),
        "task": _text(data.get("pipeline_tag"), "pipeline_tag"),
        "base_model": _text(base, "base_model"),
        "co2_eq_emissions_g": emissions,
        "co2_source": source,
        "results": results,
    }


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise CompressionError({field: "a single value"})
    return str(value)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CompressionError({field: "a number"})
    try:
        number = float(value)
    except ValueError:
        raise CompressionError({field: f"a number, not {value!r}"}) from None
    if not math.isfinite(number) or number < 0:
        raise CompressionError({field: "a finite number, zero or more"})
    return number


def _emissions(value: Any) -> tuple[float | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, dict):
        if "emissions" not in value:
            raise CompressionError({"co2_eq_emissions": "a mapping needs 'emissions' (grams)"})
        grams = _number(value["emissions"], "co2_eq_emissions.emissions")
        return grams, _text(value.get("source"), "co2_eq_emissions.source")
    return _number(value, "co2_eq_emissions"), ""


def _results(value: Any) -> tuple[list[dict[str, Any]], str]:
    if value is None:
        return [], ""
    if not isinstance(value, list):
        raise CompressionError({"model-index": "a list of models"})
    results: list[dict[str, Any]] = []
    name = ""
    for m, model in enumerate(value):
        if not isinstance(model, dict):
            raise CompressionError({f"model-index[{m}]": "a mapping"})
        name = name or _text(model.get("name"), f"model-index[{m}].name")
        for r, result in enumerate(model.get("results") or []):
            where = f"model-index[{m}].results[{r}]"
            if not isinstance(result, dict):
                raise CompressionError({where: "a mapping"})
            task = result.get("task") or {}
            dataset = result.get("dataset") or {}
            if not isinstance(task, dict) or not isinstance(dataset, dict):
                raise CompressionError({where: "'task' and 'dataset' are mappings"})
            metrics = result.get("metrics")
            if not isinstance(metrics, list) or not metrics:
                raise CompressionError({f"{where}.metrics": "a list of metrics"})
            for k, metric in enumerate(metrics):
                if not isinstance(metric, dict) or "type" not in metric or "value" not in metric:
                    raise CompressionError(
                        {f"{where}.metrics[{k}]": "a mapping with 'type' and 'value'"}
                    )
                results.append(
                    {
                        "task": _text(task.get("type"), f"{where}.task.type"),
                        "dataset": _text(
                            dataset.get("name") or dataset.get("type"), f"{where}.dataset"
                        ),
                        "metric": _text(metric["type"], f"{where}.metrics[{k}].type"),
                        "value": _number(metric["value"], f"{where}.metrics[{k}].value"),
                    }
                )
    return results, name
