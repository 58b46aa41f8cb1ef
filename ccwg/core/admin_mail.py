"""The admin of outgoing mail and of the background tasks (issue 24): staff see every mail
and every task that failed (what, when, which attempt, the error) and may retry them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ccwg.core import mail_services, tasks
from ccwg.core.mail_models import Message, MessageStatus
from ccwg.core.text import count_of


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by services and the worker only: staff look, and act through actions."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Their actions need no change permission: staff may always retry.
        return {
            name: action
            for name, action in super().get_actions(request).items()
            if name != "delete_selected"
        }


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = [
        "subject",
        "recipients",
        "status",
        "queued_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["subject", "message_id"]
    date_hierarchy = "queued_at"
    actions = ["retry"]
    fields = readonly_fields = (
        "subject",
        "from_email",
        "to",
        "cc",
        "reply_to",
        "status",
        "queued_at",
        "sent_at",
        "attempts",
        "last_error",
        "message_id",
        "about_type",
        "about_id",
        "queued_by",
        "text_body",
        "html_body",
    )

    @admin.display(description="to")
    def recipients(self, message: Message) -> str:
        return ", ".join(message.to)

    @admin.action(description="Send the selected failed mails again")
    def retry(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        count = 0
        for message in queryset.filter(status=MessageStatus.FAILED):
            mail_services.retry_message(message=message)
            count += 1
        messages.success(request, f"{count_of(count, 'failed mail')} queued again.")


class OutcomeFilter(admin.SimpleListFilter):
    title = "outcome"
    parameter_name = "outcome"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("gave_up", "Gave up"), ("retried", "Failed, tried again")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        retried = queryset.filter(exception_class_path__endswith=tasks.RetryScheduled.__qualname__)
        if self.value() == "gave_up":
            return queryset.filter(status=TaskResultStatus.FAILED).exclude(
                pk__in=retried.values("pk")
            )
        if self.value() == "retried":
            return retried
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(ReadOnlyAdmin):
    """django-tasks-db's task results, as staff need them: what, when, which attempt, why."""

    list_display = [
        "task_name",
        "status",
        "enqueued_at",
        "finished_at",
        "attempt",
        "error",
    ]
    list_filter = [OutcomeFilter, "status", "queue_name"]
    ordering = ["-enqueued_at"]
    actions = ["retry"]
    fields = readonly_fields = (
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "started_at",
        "finished_at",
        "run_after",
        "worker_ids",
        "exception_class_path",
        "formatted_traceback",
    )

    @admin.display(description="task")
    def task_name(self, result: DBTaskResult) -> str:
        return result.task_path.rsplit(".", 1)[-1].replace("_", " ")

    @admin.display(description="attempt")
    def attempt(self, result: DBTaskResult) -> str:
        return f"{tasks.attempt_of(result)} of {tasks.max_attempts()}"

    @admin.display(description="error")
    def error(self, result: DBTaskResult) -> str:
        lines = [line for line in result.traceback.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    @admin.display(description="traceback")
    def formatted_traceback(self, result: DBTaskResult) -> str:
        return format_html("<pre>{}</pre>", result.traceback) if result.traceback else "-"

    @admin.action(description="Retry the selected tasks that gave up")
    def retry(self, request: HttpRequest, queryset: QuerySet[DBTaskResult]) -> None:
        count = 0
        for result in queryset.filter(status=TaskResultStatus.FAILED):
            if tasks.gave_up(result):
                tasks.retry_now(result)
                count += 1
        messages.success(request, f"{count_of(count, 'task')} queued again.")
