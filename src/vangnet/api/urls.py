"""The API, mounted at /api/ (see `vangnet.urls`). Version 1 lives under /api/v1/; its
OpenAPI description is served at /api/v1/schema/ and committed as docs/openapi.yaml."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from . import (
    learning_discussions,
    learning_measures,
    learning_signals,
    partner_figures,
    reports,
    second_line,
)
from .views import ComplaintViewSet

app_name = "api"

router = SimpleRouter()
router.register("v1/complaints", ComplaintViewSet, basename="complaint")

urlpatterns = [
    path(
        "v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    *router.urls,
    path("v1/", include(partner_figures.urlpatterns)),
    path("v1/", include(reports.urlpatterns)),
    path("v1/", include(learning_measures.urlpatterns)),
    path("v1/", include(learning_discussions.urlpatterns)),
    path("v1/", include(second_line.urlpatterns)),
    path("v1/", include(learning_signals.urlpatterns)),
]
