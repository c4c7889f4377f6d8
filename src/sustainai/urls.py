"""The site's URLs: each app's pages under the prefix its configuration declares (``core.registry``)."""

from django.contrib import admin
from django.urls import include, path

from sustainai import api_docs
from sustainai.api import api
from sustainai.core import registry
from sustainai.core import views as core_views

admin.site.site_header = "SustainAI administration"

urlpatterns = [
    *(path(prefix, include(module)) for prefix, module in registry.url_includes()),
    # Django's language switch, also recording a signed-in person's choice (``core.languages``).
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/", api.urls),
    # The API's reference, drawn from its OpenAPI schema (after the API: Swagger UI is at
    # api/docs/try).
    path("api/docs", api_docs.reference, name="api-reference"),
    path("api/docs/<str:operation_id>", api_docs.operation, name="api-operation"),
    path("admin/", admin.site.urls),
]
