from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from ccwg import views
from meetings import views as meeting_views


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """To the icon's static URL, looked up per request: with hashed names (production) the
    manifest exists only once collectstatic ran, after the URLs are first imported."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("", views.home, name="home"),
    path("", include("ccwg.core.urls")),
    path("", include("ccwg.members.urls")),
    path("meetings/", include("meetings.urls")),
    path("processes/", include("engagements.urls")),
    path("search/", meeting_views.search, name="search"),
    path("accounts/", include("ccwg.members.accounts")),
    path("admin/", admin.site.urls),
    path("api/", include("ccwg.api_urls")),
    path("reports/", include("reports.urls")),
    path("favicon.ico", favicon),
]

# JSON bodies under /api/, and a 503 while the database cannot be reached (ccwg.site.faults).
handler400 = "ccwg.site.faults.bad_request"
handler403 = "ccwg.site.faults.permission_denied"
handler404 = "ccwg.site.faults.page_not_found"
handler500 = "ccwg.site.faults.server_error"
