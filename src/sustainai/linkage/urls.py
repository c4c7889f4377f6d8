from django.urls import path, register_converter

from sustainai.linkage import views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export_format")

app_name = "linkage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<int:pk>/decide/", views.decide, name="decide"),
    path("decisions/<int:pk>/undo/", views.undo, name="undo"),
    path("refresh/", views.refresh, name="refresh"),
    path("hint/", views.hint, name="hint"),
    path("merge/<int:duplicate>/into/<int:keep>/", views.merge_duplicate, name="merge_duplicate"),
    path("overlaps/", views.overlaps, name="overlaps"),
    path("overlaps/export.<export_format:fmt>", views.overlaps_export, name="overlaps_export"),
]
