from django.contrib import admin
from django.urls import include, path

from sustainai.api import api
from sustainai.core import views as core_views

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
    # Django's language switch, also recording a signed-in person's choice (``core.languages``).
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
