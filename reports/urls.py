from django.urls import path, register_converter

from ccwg.core.renames import follow_renamed_group
from reports import compare_views, views


class FormatConverter:
    regex = "pdf|docx|md|html"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "report_format")

app_name = "reports"

urlpatterns = [
    path("<str:acronym>/", follow_renamed_group(views.group_reports), name="group_reports"),
    path("<str:acronym>/<int:year>/", follow_renamed_group(views.report_page), name="report_page"),
    path(
        "<str:acronym>/<int:year>.<report_format:fmt>",
        follow_renamed_group(views.report_download),
        name="report_download",
    ),
    path(
        "<str:acronym>/<int:year>/changes/",
        follow_renamed_group(compare_views.report_changes),
        name="report_changes",
    ),
]
