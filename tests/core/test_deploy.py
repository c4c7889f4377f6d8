import os
import subprocess
import sys
from pathlib import Path

import sustainai

# This checkout's package, whichever the virtual environment installed.
SRC = str(Path(sustainai.__file__).resolve().parents[1])


def production(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``sustainai ARGS`` with the production settings (DEBUG off, HTTPS hardening on)."""
    return subprocess.run(
        [sys.executable, "-m", "sustainai", *args],
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DEBUG", "SUSTAINAI_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
            },
            "PYTHONPATH": SRC,
            "DJANGO_SETTINGS_MODULE": "sustainai.settings",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-of-sixty-characters",
            "ALLOWED_HOSTS": "sustainai.example.org",
            # A Fernet key (32 url-safe base64 bytes) for the confidential figures.
            "SUSTAINAI_CONFIDENTIAL_KEYS": "5dJwKVR3wZ0lmR3hqnp9b8cJ7rLJ0n2dDvIh7uX3YkA=",
            "SUSTAINAI_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    collected = production(tmp_path, "collectstatic", "--no-input", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    result = production(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SITE_URL="https://sustainai.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_warns_of_what_production_still_needs(tmp_path):
    result = production(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert [line.split(")")[0] for line in result.stderr.splitlines() if line.startswith("?:")] == [
        "?: (sustainai.W001",
        "?: (sustainai.W002",
    ]
