from django.urls import path

from sustainai.core.views import placeholder

app_name = "outbox"
urlpatterns = [
    path("", placeholder, name="list"),
]
