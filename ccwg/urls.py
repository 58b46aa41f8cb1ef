from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from ccwg import views
from meetings import views as meeting_views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("ccwg.core.urls")),
    path("", include("ccwg.members.urls")),
    path("meetings/", include("meetings.urls")),
    path("processes/", include("engagements.urls")),
    path("search/", meeting_views.search, name="search"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("ccwg.api_urls")),
    path("reports/", include("reports.urls")),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
]
