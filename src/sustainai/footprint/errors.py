"""Errors of the footprint engine: each names the field at fault and why."""

from __future__ import annotations


class FootprintInputError(ValueError):
    """Invalid input; ``errors`` maps each field at fault to a sentence saying why."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))
