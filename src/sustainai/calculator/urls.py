from django.urls import path

from sustainai.calculator import views

app_name = "calculator"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("export/<str:fmt>/", views.export, name="export"),
]
