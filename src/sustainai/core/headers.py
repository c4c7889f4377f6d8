"""Response headers that no view should have to remember (docs/security.md).

``NoStoreMiddleware`` keeps personal data out of browser and proxy caches: every response is sent
with Django's never-cache headers (``Cache-Control: max-age=0, no-cache, no-store,
must-revalidate, private``) unless it answers a GET or HEAD of an anonymous visitor, without
credentials, to a view declared ``public`` (``core.permissions``). A signed-in person's pages all
carry their e-mail address in the navigation; a view that needs a permission serves what not
everyone may see; a public view that shows a person's data to the holder of a link (a contact's
withdrawal page) is wrapped in ``django.views.decorators.cache.never_cache`` as well.

``PermissionsPolicyMiddleware`` sends ``Permissions-Policy`` (``settings.PERMISSIONS_POLICY``), which
Django does not.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from sustainai.core.permissions import declared_permission

SAFE_METHODS = frozenset({"GET", "HEAD"})


def may_be_stored(request) -> bool:
    """Whether a cache may keep the response to ``request``."""
    if request.method not in SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    if not getattr(request, "sustainai_public_view", False):
        return False
    return not request.user.is_authenticated


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not may_be_stored(request):
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.sustainai_public_view = declared_permission(view_func) == "public"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
