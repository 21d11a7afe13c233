"""The API, mounted at /api/ (see `vangnet.urls`). Version 1 lives under /api/v1/; its
OpenAPI description is served at /api/v1/schema/ and committed as docs/openapi.yaml."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from . import (
    learning_discussions,
    learning_measures,
    learning_signals,
    partner_figures,
    reports,
    second_line,
)
from .complaints import urls as complaints_urls

app_name = "api"

urlpatterns = [
    path(
        "v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    path("v1/", include(complaints_urls.urlpatterns)),
    path("v1/", include(partner_figures.urlpatterns)),
    path("v1/", include(reports.urlpatterns)),
    path("v1/", include(learning_measures.urlpatterns)),
    path("v1/", include(learning_discussions.urlpatterns)),
    path("v1/", include(second_line.urlpatterns)),
    path("v1/", include(learning_signals.urlpatterns)),
]
