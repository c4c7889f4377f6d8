from django.conf import settings

from sustainai.core import registry


def platform(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "DEMO_MODE": getattr(settings, "DEMO_MODE", False),
        # Lazy: a page that never draws the navigation (an export, a fragment) does not compute it.
        "navigation": lambda: registry.navigation_menu(request.user),
    }
