"""django-axes hooks: how a sign-in is counted and what a locked-out person sees.

Axes counts failed sign-ins per e-mail address and IP address (settings: ``AXES_*``); once locked
out, the login page (the site's or the admin's) answers 429 with a message saying for how long.
"""

from __future__ import annotations

import ipaddress

from axes.helpers import get_cool_off
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


def client_ip(request) -> str | None:
    """``REMOTE_ADDR`` when it is an IP address, else ``None``: axes stores it in an address
    column, which PostgreSQL types (a request built by ``force_login`` or a test has none)."""
    value = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def username(request, credentials: dict | None) -> str:
    """The e-mail address tried, as counted: ``Member@Example.org`` and ``member@example.org``
    share one count."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()


def locked_out(request, original_response=None, credentials=None):
    """The login page, without the failed form's password, and a message saying how long."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    form = AuthenticationForm(request, initial={"username": username(request, credentials)})
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "locked_out_minutes": minutes,
            "next": request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, "")),
        },
        status=429,
    )
