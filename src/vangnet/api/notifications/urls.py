from django.urls import path

from .views import NotificationList, NotificationPreferences, NotificationRead

urlpatterns = [
    path("notifications/", NotificationList.as_view(), name="notification-list"),
    path(
        "notifications/preferences/",
        NotificationPreferences.as_view(),
        name="notification-preferences",
    ),
    path("notifications/<int:pk>/read/", NotificationRead.as_view(), name="notification-read"),
]
