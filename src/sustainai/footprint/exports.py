"""Exports of an estimate: a Hugging Face model-card ``co2_eq_emissions`` block and a Green Software
Foundation SCI figure."""

from __future__ import annotations

from typing import Any

from sustainai.footprint.quantity import Q, human, significant

MODEL_CARD_SPEC = "https://huggingface.co/docs/hub/model-cards-co2"
SCI_SPEC = "https://sci.greensoftware.foundation/"


def _q(d: dict[str, float]) -> Q:
    return Q(d["value"], d["low"], d["high"])


def model_card(
    result: dict[str, Any], source: str = "SustainAI footprint engine"
) -> dict[str, dict[str, Any]]:
    """The ``co2_eq_emissions`` block of a model card's YAML metadata (emissions in grams)."""
    inputs = result.get("inputs", {})
    carbon = result["carbon_kgco2e"]
    spread = (
        f"; range {human(carbon['low'] * 1000)}–{human(carbon['high'] * 1000)} g"
        if carbon["low"] != carbon["high"]
        else ""
    )
    block: dict[str, Any] = {
        "emissions": significant(carbon["value"] * 1000, 6),
        "source": f"{source} ({result['route']} route{spread})",
        "training_type": {"training": "pre-training"}.get(result["phase"], result["phase"]),
    }
    if "location" in inputs:
        block["geographical_location"] = inputs["location"]
    if "accelerator" in inputs:
        count = inputs.get("accelerator_count")
        block["hardware_used"] = (
            f"{count} x {inputs['accelerator']}" if count else inputs["accelerator"]
        )
    return {"co2_eq_emissions": block}


def model_card_yaml(result: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(model_card(result), sort_keys=False, allow_unicode=True)


def sci(
    result: dict[str, Any], functional_units: float | None = None, unit: str | None = None
) -> dict[str, Any]:
    """SCI = (E × I + M) / R in gCO2e per functional unit.

    E is the energy (kWh), I the grid intensity (gCO2e/kWh), M the embodied emissions (gCO2e) and R
    the number of functional units: the requests of an inference estimate, otherwise one training
    run unless given.
    """
    if functional_units is None:
        functional_units = result.get("requests") or 1
        if result.get("requests"):
            unit = unit or "request"
        else:
            unit = unit or ("training run" if result["phase"] == "training" else "run")
    energy, intensity = _q(result["energy_kwh"]), _q(result["carbon_intensity_g_per_kwh"])
    embodied = _q(result["embodied_kgco2e"]) * 1000
    per_unit = (energy * intensity + embodied) / functional_units
    return {
        "sci_gco2e_per_unit": per_unit.as_dict(),
        "functional_unit": unit or "unit",
        "R": functional_units,
        "E_kwh": result["energy_kwh"]["value"],
        "I_gco2e_per_kwh": result["carbon_intensity_g_per_kwh"]["value"],
        "M_gco2e": significant(embodied.value, 6),
        "formula": "SCI = (E × I + M) / R",
        "specification": SCI_SPEC,
    }
