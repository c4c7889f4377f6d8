from django.urls import path

from sustainai.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("coordination/", views.coordination, name="coordination"),
]
