"""What organisations may report in confidence: additive metrics with their units, and the
attributes figures are grouped by.

Only additive figures are collected here (totals add up across organisations, which is what an
aggregate publishes). Ratios such as PUE do not add up; they belong with intensities.
"""

from __future__ import annotations

import dataclasses

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclasses.dataclass(frozen=True)
class Metric:
    slug: str
    name: Promise
    #: The unit values are stored and published in.
    unit: str
    #: Accepted units, each with its factor to ``unit``.
    units: dict[str, float]
    #: Largest plausible yearly figure for one organisation, in ``unit`` (a typing error above).
    maximum: float


METRICS: dict[str, Metric] = {
    metric.slug: metric
    for metric in (
        Metric(
            "electricity_kwh",
            _("Electricity used by AI workloads"),
            "kWh",
            {"Wh": 1e-3, "kWh": 1.0, "MWh": 1e3, "GWh": 1e6},
            # 100 TWh: more than any single company's whole electricity use.
            1e11,
        ),
        Metric(
            "water_m3",
            _("Water withdrawn for cooling AI workloads"),
            "m³",
            {"L": 1e-3, "m³": 1.0, "m3": 1.0, "ML": 1e3},
            1e10,
        ),
        Metric(
            "emissions_tco2e",
            _("Greenhouse-gas emissions of AI workloads (location-based)"),
            "t CO2e",
            {"kg CO2e": 1e-3, "t CO2e": 1.0, "kt CO2e": 1e3},
            1e9,
        ),
        Metric(
            "accelerator_hours",
            _("Accelerator hours used (GPU, TPU and similar)"),
            "h",
            {"h": 1.0, "thousand h": 1e3, "million h": 1e6},
            1e11,
        ),
    )
}


class Region(models.TextChoices):
    """UN M49 continental regions."""

    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    GLOBAL = "global", _("Several regions")


class Sector(models.TextChoices):
    CLOUD = "cloud", _("Cloud and hosting")
    AI_DEVELOPER = "ai-developer", _("AI developer")
    PUBLIC = "public", _("Public sector")
    RESEARCH = "research", _("Research and education")
    INDUSTRY = "industry", _("Industry and services")


class ModelClass(models.TextChoices):
    """By parameter count of the models mostly run."""

    SMALL = "small", _("Small models (under 10 billion parameters)")
    MEDIUM = "medium", _("Medium models (10 to 100 billion parameters)")
    LARGE = "large", _("Large models (over 100 billion parameters)")
    MIXED = "mixed", _("A mix of model sizes")


class Method(models.TextChoices):
    MEASURED = "measured", _("Measured (metering)")
    ESTIMATED = "estimated", _("Estimated from partial measurements")
    MODELLED = "modelled", _("Modelled")


class Evidence(models.TextChoices):
    VERIFIED = "verified", _("Verified by a third party")
    SELF_DECLARED = "self-declared", _("Self-declared")


#: The attributes an aggregate table may group by: name → (label, choices).
GROUPINGS: dict[str, tuple[Promise, type[models.TextChoices]]] = {
    "region": (_("Region"), Region),
    "sector": (_("Sector"), Sector),
    "model_class": (_("Model class"), ModelClass),
}


class Task(models.TextChoices):
    """Tasks an energy intensity is given for, per 1,000 runs (AI Energy Score's task list)."""

    TEXT_GENERATION = "text-generation", _("Text generation")
    SUMMARIZATION = "summarization", _("Summarisation")
    EXTRACTIVE_QA = "extractive-qa", _("Question answering")
    TEXT_CLASSIFICATION = "text-classification", _("Text classification")
    SENTENCE_SIMILARITY = "sentence-similarity", _("Sentence similarity")
    IMAGE_GENERATION = "image-generation", _("Image generation")
    IMAGE_CLASSIFICATION = "image-classification", _("Image classification")
    SPEECH_RECOGNITION = "speech-recognition", _("Speech recognition")


class Disclosure(models.TextChoices):
    """How an organisation lets its energy intensity be published."""

    NONE = "none", _("Not published")
    BAND = "band", _("As a band (A to G) only")
    RATE = "rate", _("As the rate itself")


BANDS = "ABCDEFG"
