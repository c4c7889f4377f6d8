"""Statistical disclosure control for the coalition's confidential figures (no Django).

Organisations report figures in confidence; only aggregates that pass the disclosure rules are
published, with secondary suppression so that no hidden cell can be recomputed from the others.
``aggregate`` is the whole pipeline; the modules hold its parts.
"""

from sustainai.disclosure.aggregate import aggregate, read_contributions
from sustainai.disclosure.rules import Contribution, DisclosureError, Parameters, Reason

__all__ = [
    "Contribution",
    "DisclosureError",
    "Parameters",
    "Reason",
    "aggregate",
    "read_contributions",
]
