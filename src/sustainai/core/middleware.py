"""Show dates in the visitor's time zone.

A small script of ours stores the browser's IANA zone in the ``tz`` cookie; times are stored in UTC
and rendered in that zone. An unknown or missing zone falls back to UTC.
"""

from __future__ import annotations

import zoneinfo

from django.utils import timezone

TIMEZONE_COOKIE = "tz"


def visitor_zone(request) -> zoneinfo.ZoneInfo | None:
    name = request.COOKIES.get(TIMEZONE_COOKIE, "")
    if not name or len(name) > 64:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class VisitorTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = visitor_zone(request)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
