from django.urls import path

from sustainai.workstreams import views

app_name = "workstreams"
space = "<slug:slug>/"
urlpatterns = [
    path("", views.space_list, name="list"),
    path(space, views.space, name="space"),
    path(space + "advance/", views.advance, name="advance"),
    path(space + "meetings.ics", views.space_calendar, name="space_ics"),
    path(space + "meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(space + "meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(space + "meetings/<int:pk>.ics", views.meeting_calendar, name="meeting_ics"),
    path(space + "<str:kind>/add/", views.add_space_item, name="space_add"),
]
