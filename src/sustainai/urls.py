from django.contrib import admin
from django.urls import include, path

from sustainai.api import api

admin.site.site_header = "SustainAI administration"

urlpatterns = [
    path("", include("sustainai.core.urls")),
    path("accounts/", include("sustainai.accounts.urls")),
    path("atlas/", include("sustainai.atlas.urls")),
    path("atlas/duplicates/", include("sustainai.linkage.urls")),
    path("members/", include("sustainai.members.urls")),
    path("consultations/", include("sustainai.consultations.urls")),
    path("calls/", include("sustainai.calls.urls")),
    path("outbox/", include("sustainai.outbox.urls")),
    path("footprint/", include("sustainai.calculator.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
