from django.urls import path

from ccwg.core import views
from ccwg.core.renames import follow_renamed_group

app_name = "core"

urlpatterns = [
    path("groups/<str:acronym>/", follow_renamed_group(views.group_detail), name="group_detail"),
    path("organizations/<str:acronym>/", views.organization_detail, name="organization_detail"),
]
