"""Annual reports: narrative written by staff, the rest assembled from the records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Max, Q
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.fields import LONG_TEXT, SHORT_TEXT, CappedTextField
from ccwg.core.models import DatePrecision, WorkingGroup
from reports.errors import ReportFrozen

#: The years a report may be for (ICANN was founded in 1998).
FIRST_YEAR, LAST_YEAR = 1998, 2200


def report_file_stem(acronym: str, year: int, version: int = 1) -> str:
    """The name every document of a report is saved under, without the extension:
    `CCWG-IG-annual-report-2017`, and `...-2017-v2` from the second version on."""
    stem = f"{acronym}-annual-report-{year}"
    if version > 1:
        stem += f"-v{version}"
    return stem


def report_file_name(acronym: str, year: int, fmt: str, version: int = 1) -> str:
    """`CCWG-IG-annual-report-2017.pdf`; see `report_file_stem`."""
    return f"{report_file_stem(acronym, year, version)}.{fmt}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class StatementsPlacement(models.TextChoices):
    """Where the statements quoted at teleconferences are printed."""

    ANNEX = "annex", "In Annex A, the table referring to them"
    TABLE = "table", "In the teleconference table, under their agenda item"


def visible_condition(user: Any, *, through: str = "") -> Q:
    """Who may see which report, the one definition the ORM reads and the published-download
    lookup's SQL is compiled from (`reports.selectors`): everyone the published versions,
    a signed-in user every version, drafts included. `through` is the path from the model
    queried to the report (`"report__"` from its documents)."""
    if user is not None and user.is_authenticated:
        return Q()
    return Q(**{f"{through}status": ReportStatus.PUBLISHED})


class AnnualReportQuerySet(models.QuerySet):
    def published(self) -> AnnualReportQuerySet:
        return self.filter(status=ReportStatus.PUBLISHED)

    def drafts(self) -> AnnualReportQuerySet:
        return self.filter(status=ReportStatus.DRAFT)

    def visible_to(self, user: Any) -> AnnualReportQuerySet:
        """Published reports for everyone; drafts only for logged-in users."""
        return self.filter(visible_condition(user))


class AnnualReport(models.Model):
    """One group's report to its chartering organizations for one period (by default a year).

    A published report is frozen: its documents are stored (see PublishedDocument) and the
    record is no longer edited; a new version starts as a new draft.
    """

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    period_start = models.DateField(blank=True, help_text="Default: 1 January of the year.")
    period_end = models.DateField(blank=True, help_text="Default: 31 December of the year.")
    title = models.CharField(max_length=300, blank=True)
    issued_on = models.DateField(
        null=True,
        blank=True,
        help_text="The report's date, shown on its cover; records dated after it are left out "
        "(planned items say so). Blank: the publication date once published.",
    )
    issued_on_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        blank=True,
        help_text="'Month' when the report is dated by its month ('October 2017'): records "
        "of that whole month are included.",
    )
    way_forward_heading = models.CharField(
        max_length=300,
        blank=True,
        help_text="The title of section 3. Default: 'Work on developing a way forward'.",
    )
    introduction = CappedTextField(blank=True, help_text="Markdown.", max_length=LONG_TEXT)
    internal_work_intro = CappedTextField(
        blank=True, help_text="Markdown; opens section 2.4 (internal work).", max_length=LONG_TEXT
    )
    way_forward = CappedTextField(blank=True, help_text="Markdown.", max_length=LONG_TEXT)
    threats_intro = CappedTextField(
        blank=True, help_text="Markdown; opens section 4.", max_length=LONG_TEXT
    )
    statements_placement = models.CharField(
        max_length=10,
        choices=StatementsPlacement.choices,
        default=StatementsPlacement.ANNEX,
        help_text="Where the statements quoted at teleconferences are printed.",
    )
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_despite_errors = models.BooleanField(
        default=False, help_text="Set when staff confirmed publishing with open errors."
    )
    publish_note = CappedTextField(blank=True, max_length=SHORT_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "year", "version"],
                name="annual_report_unique_version",
                violation_error_message="This group already has this version of the report "
                "for that year.",
            ),
            models.UniqueConstraint(
                fields=["working_group", "year"],
                condition=Q(status="draft"),
                name="annual_report_one_draft",
                violation_error_message="This group already has a draft report for that year.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="annual_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="annual_report_period_ordered",
                violation_error_message="The period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="annual_report_year_sane",
            ),
            models.CheckConstraint(
                condition=Q(issued_on_precision__in=DatePrecision.values),
                name="annual_report_issued_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="annual_report_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" v{self.version}" if self.version > 1 else ""
        return f"{self.working_group} annual report {self.year}{suffix}"

    def save(self, *args, _publishing: bool = False, **kwargs) -> None:
        """A last line of defence for writes that bypass `reports.services` (which lock the
        row and refuse with `ReportFrozen`): a stored published report is never written
        again, except by publishing itself."""
        if not _publishing:
            self._refuse_if_stored_as_published()
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def is_frozen(self) -> bool:
        """The rule "a published report is frozen": its record, its stored documents and its
        acknowledged findings are never written again; a new version starts as a new draft.
        The services refuse with it under the row's lock (`reports.services.lock_draft`),
        the model's last line of defence (`save`, `PublishedDocument`) and the admin's
        view-only pages ask it too."""
        return self.is_published

    def refuse_if_frozen(self, message: str | None = None) -> None:
        """`ReportFrozen` when the report is frozen (`is_frozen`)."""
        if self.is_frozen:
            raise ReportFrozen(
                message
                or f"{self} is published and cannot be edited or deleted; start a new version "
                "instead."
            )

    @classmethod
    def stored(cls, pk: int | None) -> AnnualReport | None:
        """The report as stored now (its status only), to apply the rules to what is stored
        rather than to the instance in hand."""
        return None if pk is None else cls.objects.filter(pk=pk).only("status").first()

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        group = self.working_group
        return f"Report on the {self.year} Activities of the {group.name} ({group.acronym})"

    def file_name(self, fmt: str) -> str:
        """The file name of the report in a format (`html`, `pdf`, `docx`, `md`)."""
        return report_file_name(self.working_group.acronym, self.year, fmt, self.version)

    @staticmethod
    def default_period(year: int) -> tuple[dt.date, dt.date]:
        """The period a report covers unless staff say otherwise: the calendar year."""
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    @classmethod
    def next_version(cls, *, working_group: WorkingGroup, year: int) -> int:
        """The version number a new report of the group for the year gets."""
        latest = cls.objects.filter(working_group=working_group, year=year).aggregate(
            latest=Max("version")
        )["latest"]
        return (latest or 0) + 1

    def _refuse_if_stored_as_published(self) -> None:
        stored = AnnualReport.stored(self.pk)
        if stored is not None:
            stored.refuse_if_frozen(
                "A published report cannot be edited; start a new version instead."
            )

    def clean(self) -> None:
        self._refuse_if_stored_as_published()
        if not self.issued_on_precision:
            self.issued_on_precision = DatePrecision.DAY
        if self.year:
            start, end = self.default_period(self.year)
            if self.period_start is None:
                self.period_start = start
            if self.period_end is None:
                self.period_end = end


class DocumentFormat(models.TextChoices):
    HTML = "html", "Web page"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"
    MD = "md", "Markdown"


FROZEN_DOCUMENTS = "The documents of a published report are frozen."


class PublishedDocument(models.Model):
    """The frozen bytes of one format of a published report, served as they are."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="documents")
    format = models.CharField(max_length=4, choices=DocumentFormat.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "format"]
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="published_document_once"),
            models.CheckConstraint(
                condition=Q(format__in=DocumentFormat.values), name="published_document_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.format})"

    # A last line of defence, like `AnnualReport.save()`: the stored bytes never change.
    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ReportFrozen(FROZEN_DOCUMENTS)
        self._refuse_if_report_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_report_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_report_frozen(self) -> None:
        report = AnnualReport.stored(self.report_id)
        if report is not None:
            report.refuse_if_frozen(FROZEN_DOCUMENTS)


class CheckAcknowledgement(models.Model):
    """Staff's reason for accepting a consistency-check warning on a report; kept visible."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    check_key = models.CharField(
        max_length=200, help_text="Identifies the finding: check code and the record it names."
    )
    reason = CappedTextField(max_length=SHORT_TEXT)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "check_key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "check_key"], name="acknowledgement_once"),
            models.CheckConstraint(condition=~Q(reason=""), name="acknowledgement_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.check_key}: {self.reason[:60]}"


FROZEN_WORDS = "A published report's words are frozen; start a new version to change them."


class ReportBlockEdit(models.Model):
    """Staff's words in place of a generated block of a report (`reports.blocks`), or the
    block left out. `generated_at_edit` is the text generated when staff edited it: when
    the records make another text since, the edit is stale (a finding asks staff to look)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="block_edits")
    key = models.CharField(max_length=200, help_text="The block, as `reports.blocks` names it.")
    text = CappedTextField(
        null=True, blank=True, max_length=LONG_TEXT, help_text="Empty: the generated text."
    )
    omitted = models.BooleanField(default=False, help_text="Left out of the report.")
    position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="A section's place among its sibling sections (1: first); "
        "empty: the generated order.",
    )
    generated_at_edit = CappedTextField(blank=True, max_length=LONG_TEXT)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="block_edit_once"),
            models.CheckConstraint(condition=~Q(key=""), name="block_edit_has_key"),
            models.CheckConstraint(
                condition=Q(text__isnull=False) | Q(omitted=True) | Q(position__isnull=False),
                name="block_edit_changes_something",
                violation_error_message="An edit replaces the text, leaves it out or moves it.",
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(position__gte=1),
                name="block_edit_position_from_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.key}"

    # A last line of defence, like `AnnualReport.save()`: a published report's words are frozen.
    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_report_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_report_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_report_frozen(self) -> None:
        report = AnnualReport.stored(self.report_id)
        if report is not None:
            report.refuse_if_frozen(FROZEN_WORDS)
