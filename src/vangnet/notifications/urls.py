"""Notification pages, included at /backoffice/meldingen/ (namespace "notifications")."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelezen/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/gelezen/", views.mark_read, name="mark_read"),
    path("instellingen/", views.preferences, name="preferences"),
]
