"""Scoring of public tenders for AI services: the default rules of the procurement toolkit.

Pure Python, no Django (``tests/core/test_django_free.py``). ``evaluate(payload)`` ranks bids with
an explanation per bid; ``sensitivity(payload)`` tells whether the winner changes when the
environmental weight moves by ±10 points. See docs/procurement.md.
"""

from sustainai.procurement_scoring.scoring import (
    DEFAULT_FACTORS,
    ENERGY,
    EVIDENCE_LEVELS,
    PRICE,
    ScoringInputError,
    bid_energy,
    evaluate,
    read,
    sensitivity,
)

__all__ = [
    "DEFAULT_FACTORS",
    "ENERGY",
    "EVIDENCE_LEVELS",
    "PRICE",
    "ScoringInputError",
    "bid_energy",
    "evaluate",
    "read",
    "sensitivity",
]
