from django.urls import path

from sustainai.toolkits.challenges import views

app_name = "challenges"
urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/data.npz", views.data, name="data"),
    path("<slug:slug>/team/", views.form_team, name="form_team"),
    path("<slug:slug>/team/<int:team_id>/invite/", views.invite, name="invite"),
    path("<slug:slug>/team/<int:team_id>/submit/", views.submit, name="submit"),
    path("<slug:slug>/finalise/", views.finalise, name="finalise"),
]
