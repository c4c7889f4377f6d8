from django.urls import path, re_path

from sustainai.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/answer/", views.answer, name="answer"),
    path("<slug:slug>/results/", views.results, name="results"),
    re_path(r"^(?P<slug>[-\w]+)/answers\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
