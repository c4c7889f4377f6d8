from django.urls import path

from sustainai.toolkits.pilots import views

app_name = "pilots"
urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("submit/", views.submit, name="submit"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<slug:slug>/", views.moderate, name="moderate"),
    path("collections/", views.collections, name="collections"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("collections/<slug:slug>.pdf", views.brochure, name="brochure"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
]
