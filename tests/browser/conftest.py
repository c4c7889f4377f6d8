"""Browser tests run in transactional tests, which end by emptying every table: the topics seeded
by a data migration included. Each browser test gets them back, whatever ran before it."""

from importlib import import_module

import pytest

from sustainai.atlas.models import Topic

SEEDED_TOPICS = import_module("sustainai.atlas.migrations.0002_seed_topics").TOPICS


@pytest.fixture(autouse=True)
def seeded_topics(transactional_db):
    for position, (slug, name) in enumerate(SEEDED_TOPICS):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(viewport, javascript=True)``: a fresh page at that size."""
    contexts = []

    def make(viewport, javascript=True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport=viewport,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
