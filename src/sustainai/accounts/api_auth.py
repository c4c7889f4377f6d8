"""How the API knows who calls it: ``Authorization: Bearer <token>``, for every router.

The API (``sustainai.api``) requires a token on every operation by default; an operation open to
everyone says so with ``auth=PUBLIC``, and one that needs a scope says so with
``auth=token_with_scope(ApiScope...)``, so each route declares who may use it. Tokens come from
``sustainai token create EMAIL``; the user a token belongs to is ``request.auth``, the token itself
``request.api_token``.

Refusals: an unknown, revoked or expired token, or one of an inactive user, is a 401 (an expired
one says so); a token without the operation's scope is a 403; an address that failed too often is
a 429 with ``Retry-After`` until its period ends (``accounts.tokens``).
"""

from __future__ import annotations

from django.utils import timezone
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import HttpBearer

from sustainai.accounts import tokens
from sustainai.core import throttle

#: ``auth=PUBLIC`` on an operation: anyone may call it, with or without a token.
PUBLIC = None


class TooManyFailures(HttpError):
    """429: this address sent too many bad tokens; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int):
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            429,
            "Too many failed token authentications from this address. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''} at the latest.",
        )
        self.retry_after = retry_after


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``, with ``scope`` required when one is given."""

    def __init__(self, scope: str | None = None):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        ip = throttle.client_ip(request)
        if tokens.is_blocked(ip):
            raise TooManyFailures(tokens.failure_limit().period)
        record = tokens.find_token(token)
        if record is None:
            tokens.count_failure(ip)
            return None
        if record.expires_at <= timezone.now():
            tokens.count_failure(ip)
            raise AuthenticationError(
                message=f"This API token expired on {record.expires_at:%Y-%m-%d %H:%M} UTC. "
                "Ask for a new one."
            )
        if self.scope and not record.allows(self.scope):
            raise AuthorizationError(
                message=f"This API token does not have the scope {self.scope!r} "
                f"(it has: {', '.join(record.scope_list)})."
            )
        tokens.record_use(record)
        request.api_token = record
        return record.user


api_token = ApiTokenAuth()


def token_with_scope(scope: str) -> ApiTokenAuth:
    return ApiTokenAuth(scope=str(scope))
