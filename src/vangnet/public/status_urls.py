"""The resident's status pages, under /status/ in the "public" namespace (included by
`vangnet.public.urls`). The fixed paths come before the token paths."""

from django.urls import path

from . import status_views

urlpatterns = [
    path("opnieuw/", status_views.status_request, name="status_request"),
    path("opnieuw/verstuurd/", status_views.status_request_sent, name="status_request_sent"),
    path("<str:token>/", status_views.status, name="status"),
    path(
        "<str:token>/aanvullen/",
        status_views.status_add_information,
        name="status_add_information",
    ),
    path("<str:token>/intrekken/", status_views.status_withdraw, name="status_withdraw"),
    path(
        "<str:token>/brieven/<int:letter_pk>/",
        status_views.status_letter,
        name="status_letter",
    ),
]
