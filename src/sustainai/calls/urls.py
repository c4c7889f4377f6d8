from django.urls import path

from sustainai.core.views import placeholder

app_name = "calls"
urlpatterns = [
    path("", placeholder, name="list"),
    path("dashboard/", placeholder, name="dashboard"),
]
