"""Spam protection of the public application form, without a third-party captcha.

- A honeypot field, hidden from people, that robots fill in.
- A token signed into the form when it is rendered (``TimestampSigner``): a form sent back sooner
  than ``MEMBERS_APPLY_MIN_FILL_SECONDS`` after it was rendered, later than
  ``MEMBERS_APPLY_FORM_MAX_AGE``, or with a missing or altered token, is refused.
- At most ``MEMBERS_APPLY_RATE_LIMIT`` POSTs per client IP address in ``MEMBERS_APPLY_RATE_PERIOD``
  seconds, counted in Django's default cache.

Each setting has a default here, so none is needed in the settings module.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

# Named so that a robot takes it for a field to fill in; people never see it.
HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_token"
TOKEN_SALT = "sustainai.members.apply.rendered"
TOKEN_VALUE = "apply"

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


def new_token() -> str:
    """A token recording when the form was rendered."""
    return signer().sign(TOKEN_VALUE)


class TokenRefused(Exception):
    """The form's token does not show a person filling it in; ``reason`` says why."""

    MISSING = "missing"
    INVALID = "invalid"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_token(token: str | None) -> float:
    """The seconds since the form was rendered; raises ``TokenRefused`` when it must be refused."""
    if not token:
        raise TokenRefused(TokenRefused.MISSING)
    token_signer = signer()
    try:
        value = token_signer.unsign(token, max_age=datetime.timedelta(seconds=form_max_age()))
    except signing.SignatureExpired as error:
        raise TokenRefused(TokenRefused.EXPIRED) from error
    except signing.BadSignature as error:
        raise TokenRefused(TokenRefused.INVALID) from error
    if value != TOKEN_VALUE:
        raise TokenRefused(TokenRefused.INVALID)
    # The signature is good, so the token is "value:timestamp:signature".
    rendered_at = signing.b62_decode(token.rsplit(token_signer.sep, 2)[1])
    elapsed = time.time() - rendered_at
    if elapsed < min_fill_seconds():
        raise TokenRefused(TokenRefused.TOO_FAST)
    return elapsed


@dataclass(frozen=True)
class RateLimit:
    limit: int
    period: int

    @property
    def period_minutes(self) -> int:
        return max(1, round(self.period / 60))


def rate_limit() -> RateLimit | None:
    """The configured limit, or ``None`` when ``MEMBERS_APPLY_RATE_LIMIT`` is ``None`` (no limit)."""
    limit = getattr(settings, "MEMBERS_APPLY_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if limit is None:
        return None
    return RateLimit(
        int(limit), int(getattr(settings, "MEMBERS_APPLY_RATE_PERIOD", DEFAULT_RATE_PERIOD))
    )


def client_ip(request) -> str:
    """The address the request came from.

    ``REMOTE_ADDR`` only: ``X-Forwarded-For`` is set by the client and would let a robot choose a
    new address for each request. Behind a reverse proxy, let the proxy set ``REMOTE_ADDR`` (for
    waitress: ``trusted_proxy`` and ``trusted_proxy_headers``).
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _counter_key(ip: str) -> str:
    # Hashed: the cache holds no IP address.
    return "members:apply:posts:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def allow_post(request) -> bool:
    """Count this POST against the client's address; ``False`` once the limit is passed.

    The period starts at the address's first POST: ``cache.add`` sets the expiry once and
    ``cache.incr`` keeps it (the local-memory, Redis and Memcached backends do; the database
    backend's ``incr`` sets the default timeout again). Every POST counts, accepted or not.
    """
    limit = rate_limit()
    if limit is None:
        return True
    key = _counter_key(client_ip(request))
    cache.add(key, 0, timeout=limit.period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired or evicted between the two calls
        cache.set(key, 1, timeout=limit.period)
        count = 1
    return count <= limit.limit
