from django.urls import path

from sustainai.toolkits.procurement import views

app_name = "procurement"
urlpatterns = [
    path("", views.criteria, name="criteria"),
    path("criteria.<str:fmt>", views.export, name="export"),
    path("propose/", views.propose, name="propose"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.decide, name="decide"),
    path("criteria/<int:pk>/edit/", views.edit_criterion, name="edit_criterion"),
    path("packs/", views.packs, name="packs"),
    path("packs/new/", views.builder, name="builder"),
    path("packs/<int:pk>/", views.pack, name="pack"),
    path("packs/<int:pk>/<str:name>.<str:fmt>", views.pack_file, name="pack_file"),
    path("packs/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
]
