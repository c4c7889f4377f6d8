class ForesightInputError(ValueError):
    """Invalid scenario: ``errors`` maps each field at fault (a parameter's name, ``years``,
    ``overrides.<name>.low``...) to a message. Nothing is run when this is raised."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors
