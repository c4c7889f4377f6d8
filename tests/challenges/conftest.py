# Submissions run in the sandbox: bubblewrap, installed when missing (tests/sandbox/conftest.py).
from tests.sandbox.conftest import bubblewrap  # noqa: F401
