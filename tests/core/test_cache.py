"""The cache from ``CACHE_URL``: local memory by default, or a Redis server shared by processes.

The Redis tests use a real server (the ``redis_cache`` fixture: 127.0.0.1:6379 unless
``REDIS_URL`` names another; skipped where none answers).
"""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from sustainai.settings import cache_settings
from tests.conftest import REDIS_URL
from tests.members.helpers import form_token
from tests.members.test_applications import FORM


def test_local_memory_by_default():
    expected = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert cache_settings("") == expected
    assert cache_settings("locmem://") == expected


def test_a_redis_url_gives_a_shared_redis_cache():
    assert cache_settings("rediss://cache.example.org:6380/2") == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "rediss://cache.example.org:6380/2",
            "KEY_PREFIX": "sustainai",
        }
    }


def test_an_unknown_scheme_is_refused_with_the_ones_understood():
    with pytest.raises(ValueError) as error:
        cache_settings("memcached://127.0.0.1:11211")
    assert str(error.value) == (
        "CACHE_URL: unknown scheme 'memcached' (use redis://, rediss:// or locmem://)"
    )


def test_two_processes_count_on_one_counter_that_keeps_its_expiry(redis_cache):
    # Two clients built from the same settings, as two web processes would build them.
    settings_of_a_process = {**cache_settings(REDIS_URL)["default"], "KEY_PREFIX": redis_cache}
    one = RedisCache(settings_of_a_process["LOCATION"], settings_of_a_process)
    other = RedisCache(settings_of_a_process["LOCATION"], settings_of_a_process)

    assert one.add("posts", 0, timeout=3600) is True
    assert other.add("posts", 0, timeout=3600) is False  # already there: the period has begun
    assert one.incr("posts") == 1
    assert other.incr("posts") == 2
    assert one.get("posts") == 2
    # What the rate limit relies on: incrementing keeps the expiry set by ``add``.
    ttl = one._cache.get_client(write=False).ttl(one.make_and_validate_key("posts"))
    assert 3590 < ttl <= 3600


@pytest.mark.django_db
def test_the_application_form_is_rate_limited_through_redis(client, settings, redis_cache):
    del settings.MEMBERS_APPLY_RATE_LIMIT  # the production default: 5 posts an hour
    url = reverse("members:apply")
    for _ in range(5):
        assert client.post(url, {"name": "x"}).status_code == 400
    assert client.post(url, {**FORM, "form_token": form_token()}).status_code == 429
    stored = caches["default"]._cache.get_client(write=False).keys(f"{redis_cache}:*")
    assert len(stored) == 1
    assert cache.get(stored[0].decode().split(":", 2)[2]) == 6
