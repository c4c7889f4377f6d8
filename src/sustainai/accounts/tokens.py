"""API tokens: made once (the caller shows the token, we keep only its hash), looked up by hash.

Every token expires: ``API_TOKEN_LIFETIME_DAYS`` (90) after its creation unless its creator says
otherwise. A token carries scopes (``ApiScope``); one made without any may do everything. Failed
authentications are counted per IP address (``core.throttle``): past ``API_TOKEN_FAILURE_LIMIT``
(20) in ``API_TOKEN_FAILURE_PERIOD`` seconds (600), the address is refused until the period ends.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from sustainai.accounts.models import ApiScope, ApiToken, User
from sustainai.core import throttle

TOKEN_PREFIX = "sai_"
# Recording every use would write to the database on every request; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
FAILURES = "accounts:api-token:failures"

DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 3650
DEFAULT_FAILURE_LIMIT = 20
DEFAULT_FAILURE_PERIOD = 10 * 60


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_lifetime() -> datetime.timedelta:
    return datetime.timedelta(
        days=getattr(settings, "API_TOKEN_LIFETIME_DAYS", DEFAULT_LIFETIME_DAYS)
    )


def failure_limit() -> throttle.Limit:
    return throttle.Limit(
        int(getattr(settings, "API_TOKEN_FAILURE_LIMIT", DEFAULT_FAILURE_LIMIT)),
        int(getattr(settings, "API_TOKEN_FAILURE_PERIOD", DEFAULT_FAILURE_PERIOD)),
    )


def create_token(
    user: User,
    name: str = "",
    *,
    expires_in: datetime.timedelta | None = None,
    scopes: Iterable[str] = (),
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the record and the token itself (never stored).

    ``expires_in`` defaults to ``API_TOKEN_LIFETIME_DAYS``; ``scopes`` to none, that is every one.
    """
    chosen = sorted(set(scopes))
    unknown = [scope for scope in chosen if scope not in ApiScope.values]
    if unknown:
        raise ValueError(f"Unknown scope(s): {', '.join(unknown)}.")
    lifetime = default_lifetime() if expires_in is None else expires_in
    if lifetime <= datetime.timedelta(0):
        raise ValueError("A token's lifetime must be positive.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:10],
        digest=digest(token),
        expires_at=timezone.now() + lifetime,
        scopes=" ".join(chosen),
    )
    return record, token


def find_token(token: str) -> ApiToken | None:
    """The unrevoked token of an active user that ``token`` is, expired or not, or ``None``."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def record_use(record: ApiToken) -> None:
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)


def is_blocked(ip: str) -> bool:
    """Whether ``ip`` has used up its failed authentications for the period."""
    return throttle.is_over(FAILURES, ip, failure_limit())


def count_failure(ip: str) -> None:
    throttle.hit(FAILURES, ip, failure_limit())


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def revoke_tokens(user: User, prefix: str = "") -> int:
    """Revoke ``user``'s tokens, or only the one starting with ``prefix``; returns how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if prefix:
        tokens = tokens.filter(prefix=prefix[:10])
    return tokens.update(revoked_at=timezone.now())
