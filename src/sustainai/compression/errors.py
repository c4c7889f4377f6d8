"""The one error of the pipeline: what was wrong, keyed by the input at fault."""

from __future__ import annotations


class CompressionError(ValueError):
    """Raised for input the pipeline cannot use (a file that is not a loadable model, a malformed
    model card, a metric that does not fit the dataset); ``errors`` maps each field to its
    message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors
