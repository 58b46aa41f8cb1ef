from django.urls import path

from ccwg.members import views

app_name = "members"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("calendar/upcoming.ics", views.upcoming_feed, name="upcoming_feed"),
    path("calendar/deadlines.ics", views.deadlines_feed, name="deadlines_feed"),
    path("calendar/meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("calendar/<str:acronym>.ics", views.group_feed, name="group_feed"),
]
