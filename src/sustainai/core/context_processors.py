from django.conf import settings


def platform(request):
    return {"SITE_URL": settings.SITE_URL, "DEMO_MODE": getattr(settings, "DEMO_MODE", False)}
