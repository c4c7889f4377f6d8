import os
import subprocess
import sys


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SUSTAINAI_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "sustainai.settings",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-of-sixty-characters",
        "ALLOWED_HOSTS": "sustainai.example.org",
        "SUSTAINAI_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "sustainai", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
