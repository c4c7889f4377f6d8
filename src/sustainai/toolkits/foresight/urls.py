from django.urls import path

from sustainai.toolkits.foresight import views

app_name = "foresight"
urlpatterns = [
    path("", views.scenario, name="scenario"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("save/", views.save, name="save"),
]
