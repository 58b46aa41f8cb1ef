"""The REST API: /api/v1/ resources, /api/schema/ and /api/docs/."""

from typing import Any

from django.db.models import Model
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from ccwg.core.api import (
    ChartershipViewSet,
    ExternalEventViewSet,
    IcannMeetingViewSet,
    OrganizationViewSet,
    PersonViewSet,
    WorkingGroupViewSet,
)
from ccwg.core.mail_api import MessageViewSet
from ccwg.rest.errors import register_routes
from ccwg.rest.tokens import ObtainTokenView
from engagements.api import (
    ExternalProcessViewSet,
    ProcessInputViewSet,
    ThreatViewSet,
)
from meetings.api import MeetingViewSet
from reports.api import AnnualReportViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("working-groups", WorkingGroupViewSet, basename="api-working-group")
router.register("organizations", OrganizationViewSet, basename="api-organization")
router.register("charterships", ChartershipViewSet, basename="api-chartership")
router.register("icann-meetings", IcannMeetingViewSet, basename="api-icann-meeting")
router.register("meetings", MeetingViewSet, basename="api-meeting")
router.register("external-events", ExternalEventViewSet, basename="api-external-event")
router.register("external-processes", ExternalProcessViewSet, basename="api-external-process")
router.register("process-inputs", ProcessInputViewSet, basename="api-process-input")
router.register("threats", ThreatViewSet, basename="api-threat")
router.register("reports", AnnualReportViewSet, basename="api-report")
router.register("people", PersonViewSet, basename="api-person")
router.register("messages", MessageViewSet, basename="api-message")


# Where a record refused for deletion lists the records referring to it (409).
def _detail_routes() -> dict[type[Model], tuple[str, str]]:
    routes = {}
    for _prefix, viewset, basename in router.registry:
        resource: Any = viewset
        routes[resource.serializer_class.Meta.model] = (f"{basename}-detail", resource.lookup_field)
    return routes


register_routes(_detail_routes())


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: JSON by default (`?format=yaml` for YAML)."""

    renderer_classes = [
        OpenApiJsonRenderer2,
        OpenApiJsonRenderer,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]


class _PageOptions:
    """OPTIONS on an HTML page of the docs: its methods, no body (DRF would describe the
    view through the page's template renderer, which has no template for that)."""

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        methods: list[str] = getattr(self, "allowed_methods", ["GET", "HEAD", "OPTIONS"])
        return HttpResponse(headers={"Allow": ", ".join(methods)})


class DocsView(_PageOptions, SpectacularSwaggerSplitView):
    """Swagger UI, its start-up script a file of its own (no inline script: the
    Content-Security-Policy)."""


urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("token/", ObtainTokenView.as_view(), name="api-token"),
    # Our templates: no inline script or style (Content-Security-Policy).
    path(
        "docs/",
        DocsView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    # The one documentation page is Swagger UI (no inline script or style); the Redoc page
    # this address served could not run under the policy, and now leads there.
    path("redoc/", RedirectView.as_view(pattern_name="api-docs", permanent=True), name="api-redoc"),
]
