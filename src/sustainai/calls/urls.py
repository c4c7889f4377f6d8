from django.urls import path

from sustainai.calls import views

app_name = "calls"
workstream = "<slug:slug>/workstreams/<slug:ws>/"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/", views.dashboard_export, name="dashboard_export"),
    path("spaces/", views.my_spaces, name="spaces"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/interest/", views.express, name="express"),
    path("<slug:slug>/expressions/", views.expression_list, name="expressions"),
    path("<slug:slug>/expressions/<int:pk>/", views.expression_detail, name="expression"),
    path("<slug:slug>/decisions/", views.decisions, name="decisions"),
    path("<slug:slug>/tally/", views.tally, name="tally"),
    path(workstream, views.workstream_detail, name="workstream"),
    path(workstream + "decide/", views.decide, name="decide"),
    path(workstream + "advance/", views.advance, name="advance"),
    path(workstream + "space/", views.space, name="space"),
    path(workstream + "space/meetings.ics", views.space_calendar, name="space_ics"),
    path(workstream + "space/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(workstream + "space/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(workstream + "space/meetings/<int:pk>.ics", views.meeting_calendar, name="meeting_ics"),
    path(workstream + "space/<str:kind>/add/", views.add_space_item, name="space_add"),
]
