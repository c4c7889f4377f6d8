"""Every publication the scenario model takes a figure from, by key.

Figures marked "ours" in ``parameters.py`` are the platform's own assumptions and cite no source;
they are shown as assumptions, never as sourced figures.
"""

from __future__ import annotations

from typing import Any

SOURCES: dict[str, dict[str, Any]] = {
    "iea-energy-ai": {
        "title": "IEA, Energy and AI (World Energy Outlook Special Report), Base Case and sensitivity "
        "cases: data-centre electricity about 415 TWh in 2024, about 945 TWh in 2030 and about "
        "1,200 TWh in 2035 (Base Case); 2035: about 1,700 TWh (Lift-Off), 970 TWh (High "
        "Efficiency), 700 TWh (Headwinds)",
        "url": "https://www.iea.org/reports/energy-and-ai/energy-demand-from-ai",
        "year": 2025,
    },
    "iea-energy-ai-emissions": {
        "title": "IEA, Energy and AI: data-centre emissions about 180 Mt CO2 today, about 300 Mt "
        "CO2 in 2035 in the Base Case (intensities here are those totals over the cases' TWh)",
        "url": "https://www.iea.org/reports/energy-and-ai",
        "year": 2025,
    },
    "iea-energy-ai-water": {
        "title": "IEA, Energy and AI: data-centre water consumption about 560 billion litres "
        "(2023) rising to about 1,200 billion litres (2030), about two thirds of it at power "
        "plants; about 1.3 litres per kWh over the Base Case's TWh",
        "url": "https://www.iea.org/reports/energy-and-ai",
        "year": 2025,
    },
    "anthropic-multi-agent": {
        "title": "Anthropic Engineering, How we built our multi-agent research system (agents use "
        "about 4× the tokens of chat interactions, multi-agent systems about 15×)",
        "url": "https://www.anthropic.com/engineering/built-multi-agent-research-system",
        "year": 2025,
    },
    "uptime-2024": {
        "title": "Uptime Institute Global Data Center Survey 2024 (average annual PUE 1.56); "
        "Google Environmental Report 2024 (fleet PUE 1.10)",
        "url": "https://uptimeinstitute.com/resources/research-and-reports/"
        "uptime-institute-global-data-center-survey-results-2024",
        "year": 2024,
    },
    "llama-3.1": {
        "title": "Meta, Llama 3.1 model card (8B parameters, dense)",
        "url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md",
        "year": 2024,
    },
    "deepseek-v3": {
        "title": "DeepSeek-AI, DeepSeek-V3 Technical Report (mixture of experts, 671B parameters, "
        "37B active per token, FP8)",
        "url": "https://arxiv.org/abs/2412.19437",
        "year": 2024,
    },
    "footprint-engine": {
        "title": "SustainAI footprint engine: roofline model of prefill and decoding on the "
        "accelerator's datasheet figures (docs/footprint.md); the range spans its MFU, memory "
        "bandwidth and power ranges",
        "url": None,
        "year": 2025,
    },
}


def cite(key: str) -> dict[str, Any]:
    return {"id": key, **SOURCES[key]}
