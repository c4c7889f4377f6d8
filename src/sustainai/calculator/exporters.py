"""Renderings of an estimate for download or printing: JSON, model-card YAML, SCI."""

from __future__ import annotations

import json

from sustainai.footprint import model_card_yaml, sci

FORMATS = {
    "json": ("application/json", "json"),
    "model-card": ("application/yaml", "yaml"),
    "sci": ("application/json", "json"),
}


def render(result: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if fmt == "model-card":
        return model_card_yaml(result)
    if fmt == "sci":
        return json.dumps(sci(result), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
