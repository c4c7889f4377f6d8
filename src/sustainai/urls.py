"""The site's URLs: each app's pages under the prefix its configuration declares (``core.registry``)."""

from django.contrib import admin
from django.urls import include, path

from sustainai.api import api
from sustainai.core import registry
from sustainai.core import views as core_views

admin.site.site_header = "SustainAI administration"

urlpatterns = [
    *(path(prefix, include(module)) for prefix, module in registry.url_includes()),
    # Django's language switch, also recording a signed-in person's choice (``core.languages``).
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
