"""Fixtures shared by the whole suite: users of each role, and a real browser."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.factories.accounts import PASSWORD, CoordinatorFactory, MemberUserFactory, UserFactory

# The person present everywhere, for the tests of erasure (members, core).
pytest_plugins = ["tests.erasure"]

CHROMIUM = os.environ.get("SUSTAINAI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def english_by_default():
    """A request in French leaves French active in the thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate limits, cached figures)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """Django's default cache on a real Redis server (``REDIS_URL``; the test is skipped where
    none answers), under a key prefix of the test's own, whose keys are removed afterwards."""
    import uuid

    import redis
    from django.core.cache import caches

    from sustainai.settings import cache_settings

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis server at {REDIS_URL}")
    prefix = f"sustainai-test-{uuid.uuid4().hex}"
    shared = cache_settings(REDIS_URL)
    shared["default"]["KEY_PREFIX"] = prefix
    settings.CACHES = shared
    yield prefix
    client = caches["default"]._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The shared world of ``tests.world``, built once per test module inside a transaction that
    is rolled back after the module; each test (``db``) runs in a savepoint within it."""
    from django.db import transaction

    from tests.world import build_world

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="coord@example.org")


@pytest.fixture
def member_user(db):
    return MemberUserFactory(email="member@example.org")


@pytest.fixture
def plain_user(db):
    """Signed in, but of no member organisation."""
    return UserFactory(email="someone@example.org")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def member_client(client, member_user):
    client.force_login(member_user)
    return client


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (``playwright install`` cannot download browsers)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: 'make test' installs Debian's chromium.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log a user in through the real login form."""

    def do_login(user, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("#id_username", user.email)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return do_login
