"""Learning pages of the back office, included at /backoffice/leren/ with the namespace
"learning"."""

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("signalen/", views.signals, name="signals"),
]
