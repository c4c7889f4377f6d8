from django.urls import path

from sustainai.toolkits.transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<int:pk>/", views.table_detail, name="table"),
    path("tables/<int:pk>/publish/", views.publish, name="publish"),
    path("submit/", views.submit, name="submit"),
    path("upload/", views.upload, name="upload"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("figures/", views.figures, name="figures"),
    path("manage/", views.manage, name="manage"),
    path("readers/", views.readers, name="readers"),
    path("readers/<int:user_id>/revoke/", views.revoke, name="revoke"),
    path("intensities/", views.intensities, name="intensities"),
    path("intensities/report/", views.report_intensity, name="report_intensity"),
    path("intensities/scales/", views.band_scales, name="band_scales"),
    path("auditors/", views.auditors, name="auditors"),
    path("auditors/<int:user_id>/revoke/", views.revoke_auditor, name="revoke_auditor"),
    path("audit/", views.audit, name="audit"),
    path("audit/<slug:slug>/", views.audit_organisation, name="audit_organisation"),
]
