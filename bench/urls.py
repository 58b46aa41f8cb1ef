"""The application's URLs plus `/bench/trivial/`: the cheapest Django view (no database),
the yardstick of the throughput ratios."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ccwg.urls import urlpatterns as application


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *application]
