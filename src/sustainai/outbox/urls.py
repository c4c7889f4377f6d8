from django.urls import path

from sustainai.outbox import views

app_name = "outbox"
urlpatterns = [
    path("", views.mail_list, name="list"),
    path("<int:pk>/", views.mail_edit, name="edit"),
]
