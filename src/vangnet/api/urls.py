"""The API, mounted at /api/ (see `vangnet.urls`). Version 1 lives under /api/v1/; its
OpenAPI description is served at /api/v1/schema/ and committed as docs/openapi.yaml.

Every resource is a package with the same layout: `serializers.py` (what it shows and
takes), `views.py` (thin views over the services; their Django errors become API errors
in `common.errors.exception_handler`), `urls.py` (its `urlpatterns`, included below).
What they share is in `common`."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from .approvals import urls as approvals
from .complaints import urls as complaints
from .discussions import urls as discussions
from .measures import urls as measures
from .notifications import urls as notifications
from .ombudsman import urls as ombudsman
from .partner_figures import urls as partner_figures
from .reports import urls as reports
from .second_line import urls as second_line
from .trends import urls as trends

app_name = "api"

urlpatterns = [
    path(
        "v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    path("v1/", include(complaints.urlpatterns)),
    path("v1/", include(partner_figures.urlpatterns)),
    path("v1/", include(reports.urlpatterns)),
    path("v1/", include(measures.urlpatterns)),
    path("v1/", include(discussions.urlpatterns)),
    path("v1/", include(ombudsman.urlpatterns)),
    path("v1/", include(second_line.urlpatterns)),
    path("v1/", include(trends.urlpatterns)),
    path("v1/", include(notifications.urlpatterns)),
    path("v1/", include(approvals.urlpatterns)),
]
