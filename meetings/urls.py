from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("export.csv", views.meeting_export, name="export"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
]
