"""Counters of attempts in a period, in Django's default cache: how the platform slows down robots.

Used by the application form's spam guard (posts per address), the password reset (mails per
address and per IP address) and the API (failed token authentications per IP address). Keys are
hashed, so the cache holds no address. With several web processes, the cache must be shared
(``CACHE_URL=redis://...``) for the counts to be counted once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` attempts in ``period`` seconds, the period starting at the first one."""

    limit: int
    period: int

    @property
    def period_minutes(self) -> int:
        return max(1, round(self.period / 60))


def client_ip(request) -> str:
    """The address the request came from.

    ``REMOTE_ADDR`` only: ``X-Forwarded-For`` is set by the client and would let a robot choose a
    new address for each request. Behind a reverse proxy, let the proxy set ``REMOTE_ADDR`` (for
    waitress: ``trusted_proxy`` and ``trusted_proxy_headers``).
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def counter_key(scope: str, value: str) -> str:
    return f"{scope}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def hit(scope: str, value: str, limit: Limit) -> bool:
    """Count one attempt of ``value`` (an address...) in ``scope``; ``False`` once over the limit.

    The period starts at the first attempt: ``cache.add`` sets the expiry once and ``cache.incr``
    keeps it (the local-memory, Redis and Memcached backends do; the database backend's ``incr``
    sets the default timeout again).
    """
    key = counter_key(scope, value)
    cache.add(key, 0, timeout=limit.period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired or evicted between the two calls
        cache.set(key, 1, timeout=limit.period)
        count = 1
    return count <= limit.limit


def is_over(scope: str, value: str, limit: Limit) -> bool:
    """Whether ``value`` has used up its attempts in ``scope``, without counting one more."""
    return cache.get(counter_key(scope, value), 0) >= limit.limit
