from django.urls import path

from sustainai.members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.applied, name="applied"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.edit_organisation, name="edit_organisation"),
    path("organisations/<slug:slug>/contacts/add/", views.add_contact, name="add_contact"),
    path(
        "organisations/<slug:slug>/contacts/<int:pk>/edit/",
        views.edit_contact,
        name="edit_contact",
    ),
    path(
        "organisations/<slug:slug>/contacts/<int:pk>/remove/",
        views.remove_contact,
        name="remove_contact",
    ),
    path("contacts/withdraw/<str:token>/", views.withdraw_contact, name="withdraw_contact"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/export/", views.export_my_data, name="export_my_data"),
    path("my-data/erase/", views.erase_my_data, name="erase_my_data"),
]
