from django.urls import path

from ccwg.core import views

app_name = "core"

urlpatterns = [
    path("groups/<str:acronym>/", views.group_detail, name="group_detail"),
    path("organizations/<str:acronym>/", views.organization_detail, name="organization_detail"),
]
