"""Agentic AI foresight: a scenario model of data-centre electricity, emissions and water
2024–2035, with the IEA's cases as baselines and an agentic layer on top.

Pure Python and numpy, no Django: ``run(spec)`` runs a scenario (central run, Monte Carlo ranges,
Sobol sensitivity, tornado), ``read(spec)`` validates one, ``PRESETS`` and ``PARAMETERS`` describe
what a scenario may say. See docs/foresight.md.
"""

from sustainai.foresight.errors import ForesightInputError
from sustainai.foresight.parameters import PARAMETERS, Distribution, Parameter
from sustainai.foresight.presets import DEFAULT_PRESET, PRESETS, Preset
from sustainai.foresight.run import DEFAULT_SAMPLES, MAX_SAMPLES, run
from sustainai.foresight.scenario import Scenario, read
from sustainai.foresight.sources import SOURCES

__all__ = [
    "DEFAULT_PRESET",
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "PARAMETERS",
    "PRESETS",
    "SOURCES",
    "Distribution",
    "ForesightInputError",
    "Parameter",
    "Preset",
    "Scenario",
    "read",
    "run",
]
