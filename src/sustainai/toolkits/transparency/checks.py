from __future__ import annotations

from django.conf import settings
from django.core.checks import Error


def confidential_keys(app_configs, **kwargs) -> list[Error]:
    """A deployment encrypts confidential figures with keys of its own, not one derived from
    SECRET_KEY (rotating SECRET_KEY would then make every figure unreadable)."""
    if settings.SUSTAINAI_CONFIDENTIAL_KEYS:
        return []
    return [
        Error(
            "SUSTAINAI_CONFIDENTIAL_KEYS is not set: confidential figures are encrypted with a "
            "key derived from SECRET_KEY, fit for development only.",
            hint="Create a key with `sustainai transparency new-key` and set it in the environment.",
            id="sustainai.E101",
        )
    ]
