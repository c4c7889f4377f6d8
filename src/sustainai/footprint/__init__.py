"""The footprint engine: energy, carbon, embodied emissions and water of AI training and inference.

Pure Python, no Django: ``estimate(spec)`` for estimates, ``measure(command)`` for measurements with
CodeCarbon (imported only there), ``sources()`` for every constant's source, and the exports
``model_card_yaml`` and ``sci``. See docs/footprint.md.
"""

from typing import Any

from sustainai.footprint.catalogue import sources
from sustainai.footprint.engine import FIELDS, estimate, validate
from sustainai.footprint.errors import FootprintInputError
from sustainai.footprint.exports import model_card, model_card_yaml, sci


def measure(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """Run a command and measure its energy with CodeCarbon (see ``measuring.measure``)."""
    from sustainai.footprint.measuring import measure as run

    return run(*args, **kwargs)


__all__ = [
    "FIELDS",
    "FootprintInputError",
    "estimate",
    "measure",
    "model_card",
    "model_card_yaml",
    "sci",
    "sources",
    "validate",
]
