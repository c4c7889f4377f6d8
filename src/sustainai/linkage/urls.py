from django.urls import path

from sustainai.core.views import placeholder

app_name = "linkage"
urlpatterns = [
    path("queue/", placeholder, name="queue"),
    path("overlaps/", placeholder, name="overlaps"),
    path("hint/", placeholder, name="hint"),  # branch atlas only: the linkage helper builds it
]
