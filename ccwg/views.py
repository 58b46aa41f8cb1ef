from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ccwg.core.selectors import groups_overview


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "ccwg/home.html", {"groups": groups_overview()})
