"""The production set-up (docs/operations.md): the proxy's header trusted only when asked, errors
mailed to the admins once, and the start-up checks of the static manifest and SITE_URL."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.checks import Warning

import sustainai
from sustainai.core import checks

# This checkout's package, whichever the virtual environment installed.
SRC = str(Path(sustainai.__file__).resolve().parents[1])


def production_settings(**env: str) -> dict:
    """A few settings as the settings module reads them from ``env`` (DEBUG off)."""
    script = (
        "import json, sustainai.settings as s; print(json.dumps({'proxy': s.SECURE_PROXY_SSL_HEADER,"
        " 'redirect': s.SECURE_SSL_REDIRECT, 'admins': s.ADMINS, 'server_email': s.SERVER_EMAIL}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SUSTAINAI_HTTPS", "SUSTAINAI_PROXY_SSL_HEADER", "SUSTAINAI_ADMINS"}
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "PYTHONPATH": SRC, "SECRET_KEY": "k" * 60, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_proxys_forwarded_proto_is_trusted_only_when_the_setting_says_so(tmp_path):
    var = {"SUSTAINAI_VAR_DIR": str(tmp_path)}
    assert production_settings(**var)["proxy"] is None
    assert production_settings(**var)["redirect"] is True
    assert production_settings(**var, SUSTAINAI_PROXY_SSL_HEADER="1")["proxy"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_admins_and_the_sender_of_error_mails_come_from_the_environment(tmp_path):
    found = production_settings(
        SUSTAINAI_VAR_DIR=str(tmp_path),
        SUSTAINAI_ADMINS="Ada Lovelace <ada@example.org>, ops@example.org",
        SERVER_EMAIL="errors@sustainai.example.org",
    )
    assert found["admins"] == [
        ["Ada Lovelace", "ada@example.org"],
        ["ops@example.org", "ops@example.org"],
    ]
    assert found["server_email"] == "errors@sustainai.example.org"


def test_a_forged_forwarded_proto_is_redirected_to_https_without_the_setting(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert (response.status_code, response["Location"]) == (301, "https://testserver/")


def test_behind_a_trusted_proxy_its_header_counts(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


@pytest.mark.parametrize("logger", ["django.request", "sustainai.outbox", "django_tasks"])
def test_an_error_is_mailed_to_the_admins_once(settings, logger):
    settings.ADMINS = [("Ops", "ops@example.org")]
    settings.SERVER_EMAIL = "errors@example.org"
    logging.getLogger(logger).error("Something broke")
    assert [(m.to, m.from_email, m.subject) for m in mail.outbox] == [
        (["ops@example.org"], "errors@example.org", "[Django] ERROR: Something broke")
    ]


def test_warnings_are_not_mailed(settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    logging.getLogger("django.request").warning("Not Found: /nowhere/")
    assert mail.outbox == []


def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def test_a_missing_static_manifest_is_a_warning(settings, tmp_path):
    manifest_storage(settings, tmp_path)
    assert checks.static_manifest(None) == [
        Warning(
            f"The static files' manifest {tmp_path / 'staticfiles.json'} is missing: every page "
            "will answer 500 until the static files are collected.",
            hint="Run `sustainai collectstatic --no-input` after each installation or upgrade.",
            id="sustainai.W001",
        )
    ]


def test_a_collected_manifest_passes(settings, tmp_path):
    manifest_storage(settings, tmp_path)
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    assert checks.static_manifest(None) == []


def test_without_a_manifest_storage_there_is_nothing_to_check(settings):
    assert checks.static_manifest(None) == []


def test_a_local_site_url_is_a_warning_outside_debug(settings):
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [warning.id for warning in checks.site_url(None)] == ["sustainai.W002"]
    settings.SITE_URL = "https://sustainai.example.org"
    assert checks.site_url(None) == []
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert checks.site_url(None) == []
