"""How the API knows who calls it: ``Authorization: Bearer <token>``, for every router.

The API (``sustainai.api``) requires a token on every operation by default; an operation open to
everyone says so with ``auth=PUBLIC``, so each route declares who may use it. Tokens come from
``sustainai token create EMAIL``; the user a token belongs to is ``request.auth``.
"""

from __future__ import annotations

from ninja.security import HttpBearer

from sustainai.accounts.tokens import user_for_token

#: ``auth=PUBLIC`` on an operation: anyone may call it, with or without a token.
PUBLIC = None


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; a revoked or unknown token is refused (401)."""

    def authenticate(self, request, token):
        return user_for_token(token)


api_token = ApiTokenAuth()
