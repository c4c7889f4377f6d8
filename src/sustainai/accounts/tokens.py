"""API tokens: made once (the caller shows the token, we keep only its hash), looked up by hash."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.utils import timezone

from sustainai.accounts.models import ApiToken, User

TOKEN_PREFIX = "sai_"
# Recording every use would write to the database on every request; once a minute is enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the record and the token itself (never stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name, prefix=token[:10], digest=digest(token))
    return record, token


def user_for_token(token: str) -> User | None:
    """The active user a valid, unrevoked token belongs to, or ``None``."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


def revoke_tokens(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
