"""REST API of annual reports, and publishing them.

Anonymous clients see published reports only (a draft answers 404 to them); members see
drafts too; staff write. `status` is read-only: a report is published with
`POST /api/v1/reports/<id>/publish/`, after which it is frozen (PUT, PATCH and DELETE
answer 409).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ccwg.core.fields import SHORT_TEXT
from ccwg.core.models import WorkingGroup
from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.fields import acronym_field
from ccwg.rest.schema import WRITE_ERRORS, record_schema
from ccwg.rest.serializers import CleanModelSerializer, StrictSerializer
from ccwg.rest.viewsets import RecordViewSet
from reports import services as report_services
from reports.filters import AnnualReportFilter
from reports.models import FIRST_YEAR, LAST_YEAR, AnnualReport, DocumentFormat


class DownloadsSerializer(serializers.Serializer):
    html = serializers.URLField(read_only=True, help_text="The report as a web page.")
    pdf = serializers.URLField(read_only=True)
    docx = serializers.URLField(read_only=True)
    md = serializers.URLField(read_only=True)


class AnnualReportSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-report-detail")
    working_group = acronym_field(WorkingGroup)
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    published_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    display_title = serializers.CharField(read_only=True)
    downloads = serializers.SerializerMethodField(
        help_text="Where the report's documents are served (frozen once published)."
    )

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "url",
            "working_group",
            "year",
            "version",
            "period_start",
            "period_end",
            "title",
            "display_title",
            "issued_on",
            "issued_on_precision",
            "way_forward_heading",
            "introduction",
            "internal_work_intro",
            "way_forward",
            "threats_intro",
            "status",
            "published_at",
            "published_by",
            "published_despite_errors",
            "publish_note",
            "created_at",
            "updated_at",
            "downloads",
        ]
        read_only_fields = [
            "version",
            "status",
            "published_at",
            "published_despite_errors",
            "publish_note",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "period_start": {"help_text": "Default: 1 January of the year."},
            "period_end": {"help_text": "Default: 31 December of the year."},
        }

    # The version is the services' to set (the next one of the group's reports for the year).
    model_validation_exclude = ("version",)

    @extend_schema_field(DownloadsSerializer)
    def get_downloads(self, report: AnnualReport) -> dict[str, str]:
        """The web page and the downloads (whose files are named by `AnnualReport.file_name`)."""
        args = [report.working_group.acronym, report.year]
        query = f"?version={report.version}" if report.version > 1 else ""
        request = self.context.get("request")
        links = {}
        for fmt in DocumentFormat:
            if fmt == DocumentFormat.HTML:
                path = reverse("reports:report_page", args=args)
            else:
                path = reverse("reports:report_download", args=[*args, fmt])
            links[str(fmt)] = (request.build_absolute_uri(path) if request else path) + query
        return links


class PublishSerializer(StrictSerializer):
    confirm_errors = serializers.BooleanField(
        default=False,
        help_text="Publish even though the consistency checks report open errors.",
    )
    note = serializers.CharField(
        max_length=SHORT_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why, or what was confirmed.",
    )


@record_schema(AnnualReportSerializer, frozen_when="the report is published")
class AnnualReportViewSet(CachedListMixin, RecordViewSet):
    """Annual reports: published ones for everyone, drafts for members; staff write.

    Filters: `?working_group=` (acronym), `?year=`, `?status=`. A published report is
    frozen: PUT, PATCH and DELETE answer 409.
    """

    serializer_class = AnnualReportSerializer
    filterset_class = AnnualReportFilter
    anonymous_read = True
    services = report_services.REPORTS

    def get_queryset(self):
        return (
            AnnualReport.objects.visible_to(self.request.user)
            .select_related("working_group", "published_by")
            .order_by("working_group__acronym", "-year", "-version")
        )

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        # The draft stays locked from here to the write, and a published report answers
        # 409 before its input is validated.
        report_services.lock_draft(report=self.get_object())
        return super().update(request, *args, **kwargs)

    @extend_schema(
        request=PublishSerializer,
        responses={
            200: AnnualReportSerializer,
            **WRITE_ERRORS,
            404: OpenApiResponse(description="No such report."),
        },
        description="Freeze the report: its documents are stored and served as they are "
        "from now on. Answers 400 when it is already published, or when the consistency "
        "checks report open errors and `confirm_errors` is not true.",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        report = self.get_object()
        options = PublishSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        report_services.publish_report(
            report=report,
            user=request.user,
            confirm_errors=options.validated_data["confirm_errors"],
            note=options.validated_data["note"],
        )
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data)

    @extend_schema(
        request=None,
        responses={
            201: AnnualReportSerializer,
            **WRITE_ERRORS,
            404: OpenApiResponse(description="No such report."),
        },
        description="Start the next version of a published report as a new draft, with its "
        "narrative and period. Answers 400 when the report is still a draft or a draft of "
        "it already exists.",
    )
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        draft = report_services.start_new_version(report=self.get_object(), user=request.user)
        draft = self.get_queryset().get(pk=draft.pk)
        return Response(self.get_serializer(draft).data, status=201)
