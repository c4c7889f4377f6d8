from django.urls import path

from tests.toolkit_app import views

app_name = "toolkit_app"
urlpatterns = [path("", views.home, name="home")]
