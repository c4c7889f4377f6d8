"""Every view of ours declares who may use it."""

from django.urls import URLPattern, URLResolver, get_resolver

from sustainai.core.permissions import declared_permission


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_of_ours_declares_a_permission():
    ours = [
        (route, view)
        for route, view in walk(get_resolver().url_patterns)
        if view.__module__.startswith("sustainai.") and not route.startswith("api/")
    ]
    assert ours, "no view found"
    undeclared = [route for route, view in ours if declared_permission(view) is None]
    assert undeclared == []
