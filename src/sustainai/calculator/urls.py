from django.urls import path

from sustainai.core.views import placeholder

app_name = "calculator"
urlpatterns = [
    path("", placeholder, name="calculator"),
]
