"""REST API of annual reports, and publishing them.

Anonymous clients see published reports only (a draft answers 404 to them); members see
drafts too; staff write. `status` is read-only: a report is published with
`POST /api/v1/reports/<id>/publish/`, after which it is frozen (PUT, PATCH and DELETE
answer 409).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from ccwg.core.fields import LONG_TEXT, SHORT_TEXT
from ccwg.core.models import WorkingGroup
from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.concurrency import (
    PreconditionFailed,
    etag_of,
    if_match_allows,
    if_none_match_hits,
)
from ccwg.rest.fields import acronym_field
from ccwg.rest.schema import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_MODIFIED,
    PRECONDITION_FAILED,
    WRITE_ERRORS,
    record_schema,
)
from ccwg.rest.serializers import CleanModelSerializer, StrictSerializer
from ccwg.rest.viewsets import RecordViewSet
from reports import block_services
from reports import services as report_services
from reports.block_selectors import ReportBlock, report_block, report_blocks
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
            "statements_placement",
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


class BlockSerializer(serializers.Serializer):
    """One block of a report's words (`reports.blocks`)."""

    key = serializers.CharField(
        read_only=True,
        help_text="Names the records the text comes from and its place "
        "(`process/12/heading`); it survives regeneration.",
    )
    section = serializers.CharField(read_only=True, help_text="The section's number: `2.3.1`.")
    generated = serializers.CharField(read_only=True, help_text="The text the records make.")
    text = serializers.CharField(
        read_only=True, help_text="The text printed: the staff's words where `edited`."
    )
    edited = serializers.BooleanField(read_only=True)
    stale = serializers.BooleanField(
        read_only=True,
        help_text="The records under staff's edit (or omission) changed since: review it.",
    )
    omitted = serializers.BooleanField(read_only=True, help_text="Left out of the report.")
    omittable = serializers.BooleanField(
        read_only=True,
        help_text="False for a heading that cannot be left out (a threat's can: its text "
        "is then printed under section 4).",
    )
    movable = serializers.BooleanField(
        read_only=True,
        help_text="A section among sibling sections (events, processes, threats): its place "
        "can be chosen with `position`.",
    )
    position = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Staff's place for the section among its siblings (1: first); null: the "
        "generated order.",
    )
    edited_by = serializers.SerializerMethodField()
    edited_at = serializers.SerializerMethodField()

    def get_edited_by(self, block: ReportBlock) -> str | None:
        user = block.edit.edited_by if block.edit is not None else None
        return user.get_username() if user is not None else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_edited_at(self, block: ReportBlock) -> dt.datetime | None:
        return block.edit.edited_at if block.edit is not None else None


class BlockEditSerializer(StrictSerializer):
    """A change of one block: its text, or whether it is left out (either or both)."""

    text = serializers.CharField(
        required=False,
        allow_null=True,
        max_length=LONG_TEXT,
        help_text="Staff's words in place of the generated text; null reverts to it.",
    )
    omitted = serializers.BooleanField(
        required=False, help_text="True leaves the block out of the report; false puts it back."
    )
    position = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=999,
        help_text="A movable section's place among its siblings (1: first); null: back to "
        "the generated order.",
    )


#: A block's key in a URL: the characters `reports.blocks` makes keys of.
BLOCK_KEY = r"(?P<key>[A-Za-z0-9_./\-]+)"
BLOCK_FROZEN = {
    409: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='The report is published: its words are frozen (`{"detail"}`).',
    )
}


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

    @extend_schema(
        request=None,
        responses={200: BlockSerializer(many=True), **NOT_MODIFIED},
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        description="Every piece of text the report prints, in document order, with the "
        "staff's edits (not paginated: the parts of one report): members read drafts, "
        "anyone a published report.",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def blocks(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        return _tagged(request, BlockSerializer(report_blocks(report), many=True).data)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses={
            200: BlockSerializer,
            **NOT_MODIFIED,
            404: OpenApiResponse(description="No such report, or no such block in it."),
        },
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        description="One block of the report's words.",
    )
    @extend_schema(
        methods=["PATCH"],
        request=BlockEditSerializer,
        responses={
            200: BlockSerializer,
            **WRITE_ERRORS,
            404: OpenApiResponse(description="No such report."),
            **BLOCK_FROZEN,
            **PRECONDITION_FAILED,
        },
        parameters=[IF_MATCH, ETAG_HEADER],
        description='`{"text": "…"}` puts staff\'s words in place of the generated text, '
        '`{"text": null}` reverts to it, `{"omitted": true|false}` leaves the block out or '
        'back in, `{"position": n}` moves a section among its siblings (null: back). A key '
        "the report does not have answers 400 naming `key`; a published report answers 409.",
    )
    @action(
        detail=True, methods=["get", "patch"], url_path=f"blocks/{BLOCK_KEY}", filter_backends=[]
    )
    def block(self, request: Request, pk: str | None = None, key: str = "") -> Response:
        report = self.get_object()
        if request.method != "PATCH":  # GET, HEAD
            block = report_block(report, key)
            if block is None:
                raise NotFound("This report has no block with this key.")
            return _tagged(request, BlockSerializer(block).data)
        with transaction.atomic():
            report = report_services.lock_draft(report=report)
            header = request.headers.get("If-Match")
            if header is not None:
                current = report_block(report, key)
                data = BlockSerializer(current).data if current is not None else None
                if data is None or not if_match_allows(header, etag_of(data)):
                    raise PreconditionFailed()
            edit = BlockEditSerializer(data=request.data)
            edit.is_valid(raise_exception=True)
            values = edit.validated_data
            write: dict[str, Any] = {"report": report, "key": key, "user": request.user}
            if "text" in values:
                if values["text"] is None:
                    block_services.revert_block(**write)
                else:
                    block_services.edit_block(**write, text=values["text"])
            if "omitted" in values:
                block_services.omit_block(**write, omitted=values["omitted"])
            if "position" in values:
                block_services.move_block(**write, position=values["position"])
            if not values:
                block_services.check_key(report=report, key=key)
        block = report_block(report, key)
        assert block is not None  # its key was checked
        data = BlockSerializer(block).data
        return Response(data, headers={"ETag": etag_of(data)})


def _tagged(request: Request, data: Any) -> Response:
    """A read answer with its `ETag`; 304 when the client's copy (`If-None-Match`) is it."""
    etag = etag_of(data)
    header = request.headers.get("If-None-Match")
    if header is not None and if_none_match_hits(header, etag):
        return Response(status=304, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})
