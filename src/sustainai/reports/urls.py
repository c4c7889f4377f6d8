from django.urls import path

from sustainai.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.create, name="create"),
    path("diff/", views.diff, name="diff"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/freeze/", views.freeze, name="freeze"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/review/", views.review, name="review"),
    path("<slug:slug>/review/<slug:key>/", views.review_section, name="review_section"),
    path("<slug:slug>/review/<slug:key>/comment/", views.add_comment, name="comment"),
    path("<slug:slug>/review/<slug:key>/approve/", views.approve, name="approve"),
    path("<slug:slug>/data/", views.data, name="data"),
    path("<slug:slug>/data/<str:language>.xlsx", views.workbook, name="workbook"),
    path(
        "<slug:slug>/data/<str:language>/<slug:key>/<slug:table>.<fmt>",
        views.table,
        name="table",
    ),
    path("<slug:slug>/<str:language>/", views.page, name="page"),
    path("<slug:slug>/<str:language>/pdf/", views.pdf, name="pdf"),
    path("<slug:slug>/<str:language>/<slug:key>/", views.section, name="section"),
]
