"""System checks of a production set-up (docs/operations.md), run by ``sustainai check`` and at the
start of ``runserver`` and ``migrate``."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Warning
from django.core.files.storage import storages

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "", None})


def static_manifest(app_configs, **kwargs) -> list[Warning]:
    """With DEBUG off, every page names its static files through the manifest that
    ``collectstatic`` writes; without it every page is a 500."""
    storage = storages[STATICFILES_STORAGE_ALIAS]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.manifest_storage.exists(storage.manifest_name):
        return []
    return [
        Warning(
            f"The static files' manifest {storage.path(storage.manifest_name)} is missing: every "
            "page will answer 500 until the static files are collected.",
            hint="Run `sustainai collectstatic --no-input` after each installation or upgrade.",
            id="sustainai.W001",
        )
    ]


def site_url(app_configs, **kwargs) -> list[Warning]:
    """Exports and mails link to SITE_URL, whose default is the development server's."""
    if settings.DEBUG or urlsplit(settings.SITE_URL).hostname not in LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: the links in exports and mails will point to "
            "this machine, not to the platform.",
            hint="Set SITE_URL to the platform's public address, e.g. https://sustainai.example.org.",
            id="sustainai.W002",
        )
    ]
