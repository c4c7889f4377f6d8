"""How many password-reset mails may go out: per e-mail address and per IP address, in a period.

At most ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` (3) requests for one address and
``PASSWORD_RESET_LIMIT_PER_IP`` (10) from one IP address in ``PASSWORD_RESET_PERIOD`` seconds
(3600), counted in the cache (``core.throttle``) whether the address has an account or not. Past
either limit no mail is sent, and the answer is the same page as when one is, so that the form
tells no one which addresses have accounts nor that a limit was reached.
"""

from __future__ import annotations

import logging

from django.conf import settings

from sustainai.core import throttle

logger = logging.getLogger(__name__)

PER_ADDRESS = "accounts:password-reset:address"
PER_IP = "accounts:password-reset:ip"
DEFAULT_LIMIT_PER_ADDRESS = 3
DEFAULT_LIMIT_PER_IP = 10
DEFAULT_PERIOD = 60 * 60


def limits() -> tuple[throttle.Limit, throttle.Limit]:
    """(per address, per IP address)."""
    period = int(getattr(settings, "PASSWORD_RESET_PERIOD", DEFAULT_PERIOD))
    return (
        throttle.Limit(
            int(getattr(settings, "PASSWORD_RESET_LIMIT_PER_ADDRESS", DEFAULT_LIMIT_PER_ADDRESS)),
            period,
        ),
        throttle.Limit(
            int(getattr(settings, "PASSWORD_RESET_LIMIT_PER_IP", DEFAULT_LIMIT_PER_IP)), period
        ),
    )


def allow_mail(request, email: str) -> bool:
    """Count this request for ``email`` and for the client's address; ``False`` past either limit."""
    per_address, per_ip = limits()
    address_ok = throttle.hit(PER_ADDRESS, email.strip().lower(), per_address)
    ip_ok = throttle.hit(PER_IP, throttle.client_ip(request), per_ip)
    if not (address_ok and ip_ok):
        logger.warning(
            "Password reset limit reached (%s); no mail sent.",
            "per address" if not address_ok else "per IP address",
        )
    return address_ok and ip_ok
