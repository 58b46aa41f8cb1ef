from django.urls import path

from ccwg.members import views

app_name = "members"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("calendar/upcoming.ics", views.upcoming_feed, name="upcoming_feed"),
    path("calendar/deadlines.ics", views.deadlines_feed, name="deadlines_feed"),
    path("calendar/my-actions.ics", views.my_actions_feed, name="my_actions_feed"),
    path("my/actions/", views.my_actions, name="my_actions"),
    path("calendar/meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("calendar/<str:acronym>.ics", views.group_feed, name="group_feed"),
]
