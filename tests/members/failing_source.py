"""A personal-data source whose erasure fails, registered by a test to check that erasure is
all or nothing."""


def export_personal_data(user) -> dict:
    return {}


def erase_personal_data(user) -> int:
    raise RuntimeError("disk full")
