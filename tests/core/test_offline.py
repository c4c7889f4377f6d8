"""Nothing loads from the network: every script, stylesheet and icon is served by us."""

import re

import pytest

ASSET = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"')


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/api/docs", "/accounts/login/"])
def test_page_assets_are_all_local(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assets = ASSET.findall(response.text)
    assert assets, "no asset found: the pattern is wrong"
    assert [a for a in assets if not a.startswith("/static/")] == []
