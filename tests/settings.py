"""Settings for the test suite: the production settings, with plain HTTP and fast hashing."""

import os

os.environ.setdefault("SUSTAINAI_HTTPS", "0")

from sustainai.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run where they are enqueued, so tests see their effect; the database backend and its
# worker are tested on their own.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "en"
# The application form's spam protection (sustainai.members.spam): no minimum fill time, so that
# the browser tests may fill the form at machine speed, and no limit of posts per address, so that
# tests do not count each other's posts. Tests of both set them back with the `settings` fixture.
MEMBERS_APPLY_MIN_FILL_SECONDS = 0
MEMBERS_APPLY_RATE_LIMIT = None
