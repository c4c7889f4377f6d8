"""Spam protection of the public application form, without a third-party captcha.

- A honeypot field, hidden from people, that robots fill in.
- A token signed into the form when it is rendered (``TimestampSigner``): a form sent back sooner
  than ``MEMBERS_APPLY_MIN_FILL_SECONDS`` after it was rendered, later than
  ``MEMBERS_APPLY_FORM_MAX_AGE``, or with a missing or altered token, is refused. Each token is
  good for one post: it carries a random nonce, and a token already sent is refused (the cache
  remembers it until it would have expired anyway).
- At most ``MEMBERS_APPLY_RATE_LIMIT`` POSTs per client IP address in ``MEMBERS_APPLY_RATE_PERIOD``
  seconds, counted in Django's default cache (``core.throttle``).

Each setting has a default here, so none is needed in the settings module.
"""

from __future__ import annotations

import datetime
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from sustainai.core import throttle

# Named so that a robot takes it for a field to fill in; people never see it.
HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_token"
TOKEN_SALT = "sustainai.members.apply.rendered"
TOKEN_VALUE = "apply"
USED_TOKENS = "members:apply:used"
COUNTER_SCOPE = "members:apply:posts"

DEFAULT_MIN_FILL_SECONDS = 3
DEFAULT_FORM_MAX_AGE = 24 * 60 * 60
DEFAULT_RATE_LIMIT = 5
DEFAULT_RATE_PERIOD = 60 * 60


def min_fill_seconds() -> float:
    return getattr(settings, "MEMBERS_APPLY_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS)


def form_max_age() -> float:
    return getattr(settings, "MEMBERS_APPLY_FORM_MAX_AGE", DEFAULT_FORM_MAX_AGE)


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=TOKEN_SALT)


def token_value() -> str:
    """What a token signs: ``apply.<nonce>``, so that two forms rendered in the same second differ."""
    return f"{TOKEN_VALUE}.{secrets.token_urlsafe(12)}"


def new_token() -> str:
    """A token recording when the form was rendered, good for one post."""
    return signer().sign(token_value())


class TokenRefused(Exception):
    """The form's token does not show a person filling it in; ``reason`` says why."""

    MISSING = "missing"
    INVALID = "invalid"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"
    USED = "used"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_token(token: str | None) -> float:
    """The seconds since the form was rendered; raises ``TokenRefused`` when it must be refused.

    A token that passes is spent: sent again, it is refused as ``USED``.
    """
    if not token:
        raise TokenRefused(TokenRefused.MISSING)
    token_signer = signer()
    try:
        value = token_signer.unsign(token, max_age=datetime.timedelta(seconds=form_max_age()))
    except signing.SignatureExpired as error:
        raise TokenRefused(TokenRefused.EXPIRED) from error
    except signing.BadSignature as error:
        raise TokenRefused(TokenRefused.INVALID) from error
    prefix, _dot, nonce = value.partition(".")
    if prefix != TOKEN_VALUE or not nonce:
        raise TokenRefused(TokenRefused.INVALID)
    # The signature is good, so the token is "value:timestamp:signature".
    rendered_at = signing.b62_decode(token.rsplit(token_signer.sep, 2)[1])
    elapsed = time.time() - rendered_at
    if elapsed < min_fill_seconds():
        raise TokenRefused(TokenRefused.TOO_FAST)
    # ``add`` writes only when the key is absent, atomically: of two posts of one token, one wins.
    if not cache.add(
        throttle.counter_key(USED_TOKENS, token), True, timeout=int(form_max_age()) + 60
    ):
        raise TokenRefused(TokenRefused.USED)
    return elapsed


RateLimit = throttle.Limit


def rate_limit() -> RateLimit | None:
    """The configured limit, or ``None`` when ``MEMBERS_APPLY_RATE_LIMIT`` is ``None`` (no limit)."""
    limit = getattr(settings, "MEMBERS_APPLY_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if limit is None:
        return None
    return RateLimit(
        int(limit), int(getattr(settings, "MEMBERS_APPLY_RATE_PERIOD", DEFAULT_RATE_PERIOD))
    )


def allow_post(request) -> bool:
    """Count this POST against the client's address; ``False`` once the limit is passed.

    Every POST counts, accepted or not.
    """
    limit = rate_limit()
    if limit is None:
        return True
    return throttle.hit(COUNTER_SCOPE, throttle.client_ip(request), limit)
