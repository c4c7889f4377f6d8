from django.urls import path

from sustainai.toolkits.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.standard_list, name="list"),
    path("<int:pk>/", views.standard_detail, name="detail"),
    path("<int:pk>/status/", views.standard_status, name="status"),
    path("<int:pk>/relations/", views.standard_relate, name="relate"),
    path("propose/", views.propose, name="propose"),
    path("<int:pk>/propose/", views.propose, name="propose_change"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<int:pk>/decide/", views.decide, name="decide"),
    path("coverage/", views.coverage, name="coverage"),
    path("export.<str:fmt>", views.export, name="export"),
    path("editions/", views.editions, name="editions"),
    path("editions/<str:name>/", views.edition, name="edition"),
    path("graph/", views.relation_graph, name="graph"),
    path("editions/<str:name>.pdf", views.edition_pdf, name="edition_pdf"),
    path("editions/<str:name>/publish/", views.edition_publish, name="edition_publish"),
]
