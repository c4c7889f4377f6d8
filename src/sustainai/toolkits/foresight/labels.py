"""Translatable labels of the model's presets and parameters (the Django-free package holds them
in English only)."""

from django.utils.translation import gettext_lazy as _

PRESET_TITLES = {
    "iea-base": _("IEA Base Case"),
    "iea-lift-off": _("IEA Lift-Off"),
    "iea-high-efficiency": _("IEA High Efficiency"),
    "iea-headwinds": _("IEA Headwinds"),
    "single-agent": _("Single agents on the IEA Base Case"),
    "multi-agent": _("Multi-agent systems on the IEA Base Case"),
    "reasoning-heavy": _("Reasoning-heavy agents on the IEA Base Case"),
}

PARAMETER_HELP = {
    "baseline_2035_twh": _("Data-centre electricity in 2035 without the agentic layer (TWh)"),
    "agent_users_millions": _("People using agents once adoption saturates (millions)"),
    "tasks_per_user_per_day": _("Agentic tasks per user per day"),
    "adoption_midpoint_year": _("Year in which half of the saturation level is reached"),
    "adoption_steepness": _("Steepness of the logistic adoption curve (per year)"),
    "calls_per_task": _("Model calls per task (a chat answer is one call)"),
    "input_tokens_per_call": _("Input (context) tokens per call in 2024"),
    "output_tokens_per_call": _("Output tokens per call, reasoning included"),
    "context_growth_per_year": _("Yearly growth of the input tokens per call (share)"),
    "large_model_share": _("Share of tokens served by the large model"),
    "per_token_energy_factor": _("Multiplier on the footprint engine's energy per token"),
    "hardware_efficiency_gain_per_year": _("Yearly fall in energy per token from hardware (share)"),
    "software_efficiency_gain_per_year": _("Yearly fall in energy per token from software (share)"),
    "fleet_utilisation": _("Share of provisioned accelerator time spent serving"),
    "idle_power_share": _("Draw of an idle accelerator as a share of its serving draw"),
    "pue_2024": _("Power usage effectiveness in 2024"),
    "pue_2035": _("Power usage effectiveness in 2035"),
    "grid_intensity_2024_g_per_kwh": _("Carbon intensity of the electricity in 2024 (gCO2e/kWh)"),
    "grid_intensity_2035_g_per_kwh": _("Carbon intensity of the electricity in 2035 (gCO2e/kWh)"),
    "water_intensity_l_per_kwh": _("Water consumed per kWh, on site and at power plants (L)"),
    "baseline_overlap": _("Share of the agentic layer already counted in the baseline"),
}
