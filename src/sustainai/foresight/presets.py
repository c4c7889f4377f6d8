"""Presets: the IEA's four data-centre cases as baselines, and agentic variants on the Base Case.

Every baseline's central path runs through the Base Case's published figures (415 TWh in 2024,
945 in 2030, 1,200 in 2035), at a constant yearly growth rate between them, and is bent towards
its case's 2035 figure (``baseline_2035_twh``; the model multiplies the path by
(2035 figure / 1,200) ^ ((year - 2024) / 11)), so that each case keeps the Base Case's shape and
reproduces the 2024 and 2035 totals the IEA publishes for it; the Base Case also reproduces 2030.
The range of ``baseline_2035_twh`` is the IEA's own spread of cases around its Base Case (Headwinds
at 700/1,200 of it, Lift-Off at 1,700/1,200), applied to each case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sustainai.foresight.parameters import Distribution

D = Distribution

IEA_2035 = {"base": 1200.0, "lift-off": 1700.0, "high-efficiency": 970.0, "headwinds": 700.0}
IEA_LOW, IEA_HIGH = min(IEA_2035.values()), max(IEA_2035.values())

# The two models of the mix, run through the footprint engine (inference, compute route).
MODELS: dict[str, dict[str, Any]] = {
    "small": {
        "label": "Llama 3.1 8B (dense)",
        "params": 8e9,
        "precision": "fp8",
        "accelerator": "H100",
        "batch_size": 64,
        "source": "llama-3.1",
    },
    "large": {
        "label": "DeepSeek-V3 (mixture of experts, 671B, 37B active)",
        "params": 671e9,
        "active_params": 37e9,
        "precision": "fp8",
        "accelerator": "H100",
        "batch_size": 64,
        "source": "deepseek-v3",
    },
}

# The agentic layer's defaults, shared by every preset unless the preset says otherwise.
AGENTIC: dict[str, Distribution] = {
    "agent_users_millions": D(
        100,
        500,
        1500,
        None,
        "ours: from a tenth to more than one in five of the world's internet users by 2035",
    ),
    "tasks_per_user_per_day": D(0.5, 2, 10, None),
    "adoption_midpoint_year": D(2027, 2029, 2032, None),
    "adoption_steepness": D(0.5, 0.9, 1.5, None),
    "calls_per_task": D(
        1,
        1,
        1,
        "anthropic-multi-agent",
        "a chat answer: the unit the multipliers are measured against",
    ),
    "input_tokens_per_call": D(500, 2000, 8000, None),
    "output_tokens_per_call": D(200, 500, 1500, None),
    "context_growth_per_year": D(0.0, 0.1, 0.3, None),
    "large_model_share": D(0.2, 0.5, 0.8, None),
    # per_token_energy_factor is filled from the engine's range (model.engine_factor()).
    "hardware_efficiency_gain_per_year": D(0.0, 0.10, 0.25, None),
    "software_efficiency_gain_per_year": D(0.0, 0.10, 0.30, None),
    "fleet_utilisation": D(0.3, 0.5, 0.8, None),
    "idle_power_share": D(0.2, 0.3, 0.5, None),
    "pue_2024": D(1.1, 1.56, 2.0, "uptime-2024", "industry average; low end a hyperscale fleet"),
    "pue_2035": D(1.1, 1.3, 1.56, None, "ours: from the hyperscale fleet to today's average"),
    "grid_intensity_2024_g_per_kwh": D(
        400, 434, 475, "iea-energy-ai-emissions", "180 Mt CO2 over 415 TWh; range ours"
    ),
    "grid_intensity_2035_g_per_kwh": D(
        150,
        250,
        434,
        "iea-energy-ai-emissions",
        "300 Mt CO2 over 1,200 TWh (Base Case); low end ours, high end no decarbonisation",
    ),
    "water_intensity_l_per_kwh": D(
        1.0,
        1.3,
        1.8,
        "iea-energy-ai-water",
        "about 560 GL over 415 TWh and 1,200 GL over 945 TWh; range ours",
    ),
    "baseline_overlap": D(0.0, 0.0, 0.5, None, "ours: the IEA cases include some agentic use"),
}


@dataclass(frozen=True)
class Preset:
    slug: str
    title: str
    description: str
    anchors: dict[int, float]  # the baseline's central path: year -> TWh, each published
    overrides: dict[str, Distribution] = field(default_factory=dict)

    def distributions(self) -> dict[str, Distribution]:
        return {**AGENTIC, **self.overrides}


_BASE_ANCHORS = {2024: 415.0, 2030: 945.0, 2035: IEA_2035["base"]}


def _iea(case: str, title: str, description: str, anchors: dict[int, float]) -> Preset:
    return Preset(
        f"iea-{case}",
        title,
        description,
        anchors,
        {
            "baseline_2035_twh": D(
                round(IEA_2035[case] * IEA_LOW / IEA_2035["base"], 1),
                IEA_2035[case],
                round(IEA_2035[case] * IEA_HIGH / IEA_2035["base"], 1),
                "iea-energy-ai",
                "mode: this case; range: the IEA's spread of cases around its Base Case",
            )
        },
    )


PRESETS: dict[str, Preset] = {
    p.slug: p
    for p in (
        _iea(
            "base",
            "IEA Base Case",
            "Data centres at about 945 TWh in 2030 and 1,200 TWh in 2035, with assistants used "
            "as chats (one call per task).",
            _BASE_ANCHORS,
        ),
        _iea(
            "lift-off",
            "IEA Lift-Off",
            "Faster AI uptake and supply chains that keep up: about 1,700 TWh in 2035.",
            _BASE_ANCHORS,
        ),
        _iea(
            "high-efficiency",
            "IEA High Efficiency",
            "The same services with faster efficiency gains: about 970 TWh in 2035.",
            _BASE_ANCHORS,
        ),
        _iea(
            "headwinds",
            "IEA Headwinds",
            "Slower uptake and local bottlenecks: about 700 TWh in 2035.",
            _BASE_ANCHORS,
        ),
    )
}

_BASE = PRESETS["iea-base"]


def _variant(slug: str, title: str, description: str, extra: dict[str, Distribution]) -> Preset:
    return Preset(slug, title, description, _BASE.anchors, {**_BASE.overrides, **extra})


PRESETS.update(
    {
        p.slug: p
        for p in (
            _variant(
                "single-agent",
                "Single agents on the IEA Base Case",
                "Each task runs one agent that uses about 4 times the tokens of a chat.",
                {
                    "calls_per_task": D(
                        2,
                        4,
                        8,
                        "anthropic-multi-agent",
                        "about 4× the tokens of a chat; range ours",
                    )
                },
            ),
            _variant(
                "multi-agent",
                "Multi-agent systems on the IEA Base Case",
                "Each task runs a lead agent and sub-agents: about 15 times the tokens of a chat.",
                {
                    "calls_per_task": D(
                        8,
                        15,
                        30,
                        "anthropic-multi-agent",
                        "about 15× the tokens of a chat; range ours",
                    )
                },
            ),
            _variant(
                "reasoning-heavy",
                "Reasoning-heavy agents on the IEA Base Case",
                "Single agents whose calls think at length: several thousand output tokens each.",
                {
                    "calls_per_task": D(2, 4, 8, "anthropic-multi-agent"),
                    "output_tokens_per_call": D(1000, 4000, 15000, None),
                    "large_model_share": D(0.5, 0.8, 1.0, None),
                },
            ),
        )
    }
)

DEFAULT_PRESET = "iea-base"
