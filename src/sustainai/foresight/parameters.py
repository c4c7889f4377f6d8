"""The scenario's parameters: each has a unit, bounds and, in every preset, a triangular
distribution (low, mode, high) with its source, or ``None`` where the figure is our assumption.

A fixed figure has low = mode = high. Bounds refuse absurd input (a negative adoption, a PUE
below 1) before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str
    what: str
    minimum: float
    maximum: float
    group: str


@dataclass(frozen=True)
class Distribution:
    low: float
    mode: float
    high: float
    source: str | None  # a key of sources.SOURCES; None: our assumption
    note: str = ""

    @classmethod
    def fixed(cls, value: float, source: str | None, note: str = "") -> Distribution:
        return cls(value, value, value, source, note)

    @property
    def uncertain(self) -> bool:
        return self.low < self.high


PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "baseline_2035_twh",
        "TWh",
        "Data-centre electricity in 2035 without the agentic layer; the path from 2024 bends "
        "towards it at a constant yearly growth rate",
        0,
        10_000,
        "baseline",
    ),
    Parameter(
        "agent_users_millions",
        "million",
        "People (or accounts) using agents once adoption saturates",
        0,
        10_000,
        "adoption",
    ),
    Parameter(
        "tasks_per_user_per_day", "tasks", "Agentic tasks per user per day", 0, 1_000, "adoption"
    ),
    Parameter(
        "adoption_midpoint_year",
        "year",
        "Year in which half of the saturation level is reached (logistic adoption curve)",
        2015,
        2050,
        "adoption",
    ),
    Parameter(
        "adoption_steepness",
        "per year",
        "Steepness of the logistic adoption curve",
        0.05,
        5,
        "adoption",
    ),
    Parameter(
        "calls_per_task",
        "calls",
        "Model calls per task (a chat answer is one call)",
        0,
        10_000,
        "workload",
    ),
    Parameter(
        "input_tokens_per_call",
        "tokens",
        "Input (context) tokens per call in 2024",
        0,
        10_000_000,
        "workload",
    ),
    Parameter(
        "output_tokens_per_call",
        "tokens",
        "Output tokens per call (reasoning tokens included)",
        0,
        1_000_000,
        "workload",
    ),
    Parameter(
        "context_growth_per_year",
        "share",
        "Yearly growth of the input tokens per call (longer contexts, tool results)",
        -0.5,
        2,
        "workload",
    ),
    Parameter(
        "large_model_share",
        "share",
        "Share of tokens served by the large model of the mix (the rest by the small one)",
        0,
        1,
        "models",
    ),
    Parameter(
        "per_token_energy_factor",
        "×",
        "Multiplier on the footprint engine's energy per token (its own uncertainty)",
        0.01,
        100,
        "models",
    ),
    Parameter(
        "hardware_efficiency_gain_per_year",
        "share",
        "Yearly fall in energy per token from new hardware",
        -0.5,
        0.9,
        "efficiency",
    ),
    Parameter(
        "software_efficiency_gain_per_year",
        "share",
        "Yearly fall in energy per token from software (serving, distillation, quantisation)",
        -0.5,
        0.9,
        "efficiency",
    ),
    Parameter(
        "fleet_utilisation",
        "share",
        "Share of provisioned accelerator time spent serving",
        0.01,
        1,
        "efficiency",
    ),
    Parameter(
        "idle_power_share",
        "share",
        "Draw of an idle accelerator as a share of its serving draw",
        0,
        1,
        "efficiency",
    ),
    Parameter(
        "pue_2024", "", "Power usage effectiveness of the agentic layer in 2024", 1, 3, "site"
    ),
    Parameter(
        "pue_2035", "", "Power usage effectiveness in 2035 (linear in between)", 1, 3, "site"
    ),
    Parameter(
        "grid_intensity_2024_g_per_kwh",
        "gCO2e/kWh",
        "Carbon intensity of data centres' electricity in 2024",
        0,
        2_000,
        "site",
    ),
    Parameter(
        "grid_intensity_2035_g_per_kwh",
        "gCO2e/kWh",
        "Carbon intensity in 2035 (linear in between)",
        0,
        2_000,
        "site",
    ),
    Parameter(
        "water_intensity_l_per_kwh",
        "L/kWh",
        "Water consumed per kWh, on site and at power plants",
        0,
        50,
        "site",
    ),
    Parameter(
        "baseline_overlap",
        "share",
        "Share of the agentic layer already counted in the baseline (not added to the total)",
        0,
        1,
        "baseline",
    ),
)

BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
NAMES: tuple[str, ...] = tuple(p.name for p in PARAMETERS)
