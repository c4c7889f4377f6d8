"""Reading a scenario: ``{"preset", "overrides", "years", "models", "baseline_anchors", "name"}``,
validated as a whole before anything runs; every error names its field."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Any

from sustainai.footprint import FootprintInputError
from sustainai.foresight.errors import ForesightInputError
from sustainai.foresight.model import FIRST_YEAR, LAST_YEAR
from sustainai.foresight.parameters import BY_NAME, NAMES, Distribution
from sustainai.foresight.presets import DEFAULT_PRESET, MODELS, PRESETS

KEYS = ("preset", "overrides", "years", "models", "baseline_anchors", "name", "samples", "seed")
MODEL_FIELDS = ("params", "active_params", "precision", "accelerator", "batch_size")
MAX_NAME = 200
MAX_SEED = 2**32 - 1


@dataclass(frozen=True)
class Scenario:
    preset: str
    name: str
    years: list[int]
    distributions: dict[str, Distribution]
    overridden: frozenset[str]
    anchors: dict[int, float]
    models: dict[str, dict[str, Any]]
    samples: int | None
    seed: int | None


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    value = float(raw)
    return value if math.isfinite(value) else None


def _bad_text(raw: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in raw)


def _bounded(name: str, raw: Any, errors: dict[str, str], field: str) -> float | None:
    value = _number(raw)
    parameter = BY_NAME[name]
    if value is None:
        errors[field] = f"must be a finite number (got {str(raw)[:40]!r})"
        return None
    if value < parameter.minimum:
        errors[field] = f"must be at least {parameter.minimum:g} (got {value:g})"
        return None
    if value > parameter.maximum:
        errors[field] = f"must be at most {parameter.maximum:g} (got {value:g})"
        return None
    return value


def _override(name: str, raw: Any, errors: dict[str, str]) -> Distribution | None:
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - {"low", "mode", "high"})
        missing = [k for k in ("low", "mode", "high") if k not in raw]
        if unknown or missing:
            errors[name] = (
                'a distribution is {"low", "mode", "high"}'
                + (f"; unknown: {', '.join(str(k)[:40] for k in unknown[:5])}" if unknown else "")
                + (f"; missing: {', '.join(missing)}" if missing else "")
            )
            return None
        before = len(errors)
        low = _bounded(name, raw["low"], errors, f"{name}.low")
        mode = _bounded(name, raw["mode"], errors, f"{name}.mode")
        high = _bounded(name, raw["high"], errors, f"{name}.high")
        if len(errors) > before or low is None or mode is None or high is None:
            return None
        if low > high:
            errors[name] = f"low ({low:g}) is above high ({high:g})"
            return None
        if not low <= mode <= high:
            errors[name] = f"mode ({mode:g}) must lie between low ({low:g}) and high ({high:g})"
            return None
        return Distribution(low, mode, high, None, "set in this scenario")
    value = _bounded(name, raw, errors, name)
    return None if value is None else Distribution.fixed(value, None, "set in this scenario")


def _years(raw: Any, errors: dict[str, str]) -> list[int]:
    if raw is None:
        return list(range(FIRST_YEAR, LAST_YEAR + 1))
    if not isinstance(raw, list) or not raw:
        errors["years"] = "a non-empty list of years"
        return []
    if len(raw) > LAST_YEAR - FIRST_YEAR + 1:
        errors["years"] = f"at most {LAST_YEAR - FIRST_YEAR + 1} years"
        return []
    years: list[int] = []
    for year in raw:
        if isinstance(year, bool) or not isinstance(year, int):
            errors["years"] = f"{str(year)[:20]!r} is not a year"
            return []
        if not FIRST_YEAR <= year <= LAST_YEAR:
            errors["years"] = f"{year} is outside {FIRST_YEAR}–{LAST_YEAR}"
            return []
        if years and year <= years[-1]:
            errors["years"] = f"out of order: {year} comes after {years[-1]} (give them ascending)"
            return []
        years.append(year)
    return years


def _anchors(raw: Any, default: dict[int, float], errors: dict[str, str]) -> dict[int, float]:
    if raw is None:
        return dict(default)
    if not isinstance(raw, dict) or len(raw) < 2 or len(raw) > 12:
        errors["baseline_anchors"] = "2 to 12 {year: TWh} pairs"
        return dict(default)
    anchors: dict[int, float] = {}
    for key, value in raw.items():
        try:
            year = int(key)
        except (TypeError, ValueError):
            errors[f"baseline_anchors.{str(key)[:20]}"] = "not a year"
            continue
        number = _number(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            errors[f"baseline_anchors.{year}"] = f"outside {FIRST_YEAR}–{LAST_YEAR}"
        elif number is None or not 0 < number <= 10_000:
            errors[f"baseline_anchors.{year}"] = "a TWh figure above 0 and at most 10,000"
        else:
            anchors[year] = number
    return anchors


def _models(raw: Any, errors: dict[str, str]) -> dict[str, dict[str, Any]]:
    models = {name: dict(model) for name, model in MODELS.items()}
    if raw is None:
        return models
    if not isinstance(raw, dict):
        errors["models"] = 'an object: {"small": {...}, "large": {...}}'
        return models
    for name, fields in raw.items():
        if name not in MODELS:
            errors[f"models.{str(name)[:40]}"] = "unknown model; known: small, large"
            continue
        if not isinstance(fields, dict):
            errors[f"models.{name}"] = "an object of " + ", ".join(MODEL_FIELDS)
            continue
        for field, value in fields.items():
            if field not in MODEL_FIELDS:
                errors[f"models.{name}.{str(field)[:40]}"] = "unknown; known: " + ", ".join(
                    MODEL_FIELDS
                )
            else:
                models[name][field] = value
                models[name]["label"] = "set in this scenario"
                models[name]["source"] = None
        if "params" in fields and "active_params" not in fields:
            models[name].pop("active_params", None)
    return models


def read(spec: Any) -> Scenario:
    """Validate ``spec``; raise ``ForesightInputError`` naming every field at fault."""
    if not isinstance(spec, dict):
        raise ForesightInputError({"scenario": "a JSON object"})
    errors: dict[str, str] = {}
    for key in spec:
        if key not in KEYS:
            errors[str(key)[:40]] = "unknown field; known: " + ", ".join(KEYS)
    slug = spec.get("preset", DEFAULT_PRESET)
    if not isinstance(slug, str) or slug not in PRESETS:
        errors["preset"] = f"{str(slug)[:40]!r} is not a preset; known: " + ", ".join(PRESETS)
        slug = DEFAULT_PRESET
    preset = PRESETS[slug]
    name = spec.get("name", preset.title)
    if not isinstance(name, str) or len(name) > MAX_NAME or _bad_text(name):
        errors["name"] = f"text of at most {MAX_NAME} characters, without control characters"
        name = preset.title
    distributions = preset.distributions()
    overrides = spec.get("overrides") or {}
    if not isinstance(overrides, dict):
        errors["overrides"] = "an object: {parameter: number or {low, mode, high}}"
        overrides = {}
    unknown = [str(k)[:40] for k in overrides if k not in BY_NAME]
    for key in unknown[:10]:
        errors[key] = "unknown parameter; known: " + ", ".join(NAMES)
    for key, raw in overrides.items():
        if key in BY_NAME:
            dist = _override(key, raw, errors)
            if dist is not None:
                distributions[key] = dist
    years = _years(spec.get("years"), errors)
    anchors = _anchors(spec.get("baseline_anchors"), preset.anchors, errors)
    models = _models(spec.get("models"), errors)
    samples = spec.get("samples")
    if samples is not None and (
        isinstance(samples, bool) or not isinstance(samples, int) or samples < 1
    ):
        errors["samples"] = "a whole number of at least 1"
    seed = spec.get("seed")
    if seed is not None and (
        isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED
    ):
        errors["seed"] = f"a whole number from 0 to {MAX_SEED}"
    if not errors:
        from sustainai.foresight.model import per_token_kwh

        try:
            per_token_kwh(models)
        except FootprintInputError as error:
            errors.update(error.errors)
    if errors:
        raise ForesightInputError(errors)
    return Scenario(
        preset=slug,
        name=name,
        years=years,
        distributions=distributions,
        overridden=frozenset(k for k in overrides if k in BY_NAME),
        anchors=anchors,
        models=models,
        samples=samples,
        seed=seed,
    )
