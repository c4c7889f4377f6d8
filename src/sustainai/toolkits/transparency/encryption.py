"""Confidential figures are encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from
``cryptography``), under the keys of ``SUSTAINAI_CONFIDENTIAL_KEYS``.

Rotation (docs/transparency.md): put a new key first in the list, keep the old ones after it, run
``sustainai transparency rotate-keys`` (every token re-encrypted under the first key), then drop
the old keys. ``MultiFernet`` decrypts with any listed key and encrypts with the first.
"""

from __future__ import annotations

import base64
import hashlib
import math

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def development_key(secret_key: str) -> str:
    """A key derived from ``SECRET_KEY``, for development and tests only (a deployment sets its
    own keys: the system check ``sustainai.E101`` insists)."""
    digest = hashlib.sha256(b"sustainai-confidential-figures:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _cipher() -> MultiFernet:
    keys = settings.SUSTAINAI_CONFIDENTIAL_KEYS or [development_key(settings.SECRET_KEY)]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "SUSTAINAI_CONFIDENTIAL_KEYS: each key must be 32 url-safe base64-encoded bytes "
            "(make one with `sustainai transparency new-key`)"
        ) from None


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt_value(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError("only finite figures are stored")
    return _cipher().encrypt(repr(float(value)).encode()).decode()


def decrypt_value(token: str) -> float:
    try:
        return float(_cipher().decrypt(token.encode()).decode())
    except InvalidToken:
        raise ImproperlyConfigured(
            "A confidential figure cannot be decrypted with SUSTAINAI_CONFIDENTIAL_KEYS: a key "
            "that encrypted it is missing from the list"
        ) from None


def rotate(token: str) -> str:
    return _cipher().rotate(token.encode()).decode()
