from django.urls import path

from sustainai.calls import views

app_name = "calls"
workstream = "<slug:slug>/workstreams/<slug:ws>/"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/", views.dashboard_export, name="dashboard_export"),
    # Workstream spaces moved to the workstreams app (``/workstreams/``): old links follow them.
    path("spaces/", views.spaces_moved, name="spaces_moved"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/interest/", views.express, name="express"),
    path("<slug:slug>/expressions/", views.expression_list, name="expressions"),
    path("<slug:slug>/expressions/<int:pk>/", views.expression_detail, name="expression"),
    path("<slug:slug>/decisions/", views.decisions, name="decisions"),
    path("<slug:slug>/tally/", views.tally, name="tally"),
    path(workstream, views.workstream_detail, name="workstream"),
    path(workstream + "decide/", views.decide, name="decide"),
    path(workstream + "space/", views.space_moved, name="space_moved"),
    path(workstream + "space/<path:rest>", views.space_moved, name="space_moved_page"),
]
