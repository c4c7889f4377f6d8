"""Personal data held by the sign-in lockout (django-axes): failed sign-ins, by e-mail address."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

SOURCE_NAME = "accounts"


def _attempts(user):
    return AccessAttempt.objects.filter(username__iexact=user.email).order_by("attempt_time")


def export_personal_data(user) -> dict:
    return {
        "failed_sign_ins": [
            {
                "ip_address": attempt.ip_address,
                "attempt_time": attempt.attempt_time.isoformat(),
                "failures": attempt.failures_since_start,
            }
            for attempt in _attempts(user)
        ]
    }


def erase_personal_data(user) -> int:
    deleted = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count, _by_model = model.objects.filter(username__iexact=user.email).delete()
        deleted += count
    return deleted
