from django.urls import path

from sustainai.core.views import placeholder

app_name = "atlas"
urlpatterns = [
    path("", placeholder, name="directory"),
    path("i/<slug:slug>/", placeholder, name="detail"),
    path("map/", placeholder, name="map"),
    path("moderation/", placeholder, name="moderation"),
    path("import/", placeholder, name="import"),
]
