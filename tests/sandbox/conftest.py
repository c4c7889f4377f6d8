import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session", autouse=True)
def bubblewrap():
    """Debian's bubblewrap, installed when missing (CI runs as root), as `make browser` does."""
    if not shutil.which("bwrap"):
        if os.geteuid() != 0:
            pytest.fail("bubblewrap is missing and cannot be installed without root")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "bubblewrap"], check=True)
    return shutil.which("bwrap")
