from django.urls import path

from sustainai.toolkits.models import views

app_name = "model_library"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("pareto/", views.pareto, name="pareto"),
    path("export.<str:fmt>", views.export, name="export"),
    path("propose/", views.propose, name="propose"),
    path("proposals/", views.proposals, name="proposals"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("<slug:slug>/", views.entry, name="entry"),
    path("<slug:slug>/decide/", views.decide, name="decide"),
    path("<slug:slug>/benchmark/", views.benchmark, name="benchmark"),
]
