"""Demo data of this app (filled in by the app)."""


def load(out) -> None:
    return None
