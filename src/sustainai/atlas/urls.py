from django.urls import path

from sustainai.atlas.views import browse, contribute

app_name = "atlas"
urlpatterns = [
    # Read side (public).
    path("", browse.directory, name="directory"),
    path("i/<slug:slug>/", browse.detail, name="detail"),
    path("map/", browse.map_view, name="map"),
    path("charts/", browse.charts, name="charts"),
    path("export.<str:fmt>", browse.export, name="export"),
    path("dcat.jsonld", browse.dcat, name="dcat"),
    # Write side.
    path("submit/", contribute.submit, name="submit"),
    path("i/<slug:slug>/propose-edit/", contribute.propose_edit, name="propose_edit"),
    path("mine/", contribute.my_submissions, name="my_submissions"),
    path("mine/<int:pk>/edit/", contribute.edit_submission, name="edit_submission"),
    path("moderation/", contribute.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", contribute.review, name="review"),
    path("moderation/edits/<int:pk>/", contribute.review_edit, name="review_edit"),
    path("import/", contribute.import_file, name="import"),
]
