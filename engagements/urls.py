from django.urls import path

from engagements import views

app_name = "engagements"

urlpatterns = [
    path("<int:pk>/", views.process_detail, name="process_detail"),
]
