"""Survey pages, mounted at /tevredenheid/ (namespace "surveys"). The coordinator's
fixed paths come before the token paths."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("beheer/", views.unhappy, name="unhappy"),
    path("beheer/<int:pk>/gezien/", views.mark_handled, name="mark_handled"),
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/bedankt/", views.thanks, name="thanks"),
]
