"""Small pieces of the layout: the favicon, and a moment followed by punctuation."""

import datetime

from django.contrib.staticfiles import finders
from django.template import Context, Template


def test_every_page_links_our_favicon_which_exists(client, db):
    html = client.get("/").text
    assert '<link rel="icon" href="/static/sustainai/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("sustainai/favicon.svg") is not None


def test_a_moment_followed_by_a_full_stop_has_no_space_before_it():
    moment = datetime.datetime(2025, 9, 30, 22, 0, tzinfo=datetime.UTC)
    html = Template('{% include "core/_moment.html" with moment=moment %}.').render(
        Context({"moment": moment})
    )
    assert html.endswith('<span class="timezone">(UTC)</span>.')
