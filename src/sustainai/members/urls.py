from django.urls import path

from sustainai.core.views import placeholder

app_name = "members"
urlpatterns = [
    path("", placeholder, name="directory"),
    path("applications/", placeholder, name="applications"),
]
