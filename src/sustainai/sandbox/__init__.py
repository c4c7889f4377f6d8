"""The sandbox that runs submitted code: bubblewrap, resource limits, energy measured. No Django.

``evaluate(source, X_train, y_train, X_test, classes)`` runs a submission's ``predict`` and
returns an :class:`Evaluation`; ``scoring`` holds the metrics, the Pareto front and the rankings.
See docs/challenges.md for the threat model.
"""

from sustainai.sandbox.runner import (
    Evaluation,
    Limits,
    Run,
    SandboxUnavailable,
    evaluate,
    read_source,
    sandbox_command,
)

__all__ = [
    "Evaluation",
    "Limits",
    "Run",
    "SandboxUnavailable",
    "evaluate",
    "read_source",
    "sandbox_command",
]
