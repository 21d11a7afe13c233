"""The partner-figures endpoints: thin views over `vangnet.partnerportal.figures` (every
read and write).

- `GET  partner-figures/`       the submissions the user may see: a coordinator every
  partner's, a partner user their own partner's; every version, newest first; filters
  `year`, `period`, `partner` (id) and `current` (true/false).
- `GET  partner-figures/<id>/`  one submission with its lines (404 when not visible).
- `POST partner-figures/`       submit figures for a period: the same rules as the portal's
  form; a correction is simply a new submission for the same period (a new version).

Anyone else (handler, viewer, administrator) gets 403. Bad input gives 400 with messages
per field in the shape of the body: `{"period": [...]}`, `{"lines": [{}, {"handled":
[...]}]}` (the service's `lines.<i>.<field>`, a list by position: `errors_as_lists`, see
`common.errors`); nothing is stored then.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from vangnet.partnerportal import figures
from vangnet.partnerportal.models import PartnerReport, Period, Source

from ..common import schema
from ..common.errors import ErrorSerializer
from ..common.pagination import Page
from ..common.params import id_param, year_param
from ..common.schema import BAD_INPUT, not_found
from .serializers import ReportInputSerializer, ReportSerializer


class FiguresPermission(BasePermission):
    """Coordinators and partner users (until `partnerportal.submit_figures` exists in
    core/permissions.py, by role)."""

    def has_permission(self, request, view) -> bool:
        return figures.can_submit(request.user)


FILTERS = [
    OpenApiParameter("year", int, description="Only this year."),
    OpenApiParameter("period", str, enum=Period.values, description="Only this period."),
    OpenApiParameter("partner", int, description="Only this partner (id)."),
    OpenApiParameter("current", bool, description="true: only current versions."),
]
ERRORS = {
    **schema.ERRORS,
    403: OpenApiResponse(ErrorSerializer, description="Not a coordinator or partner user."),
}


class PartnerFiguresListView(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated, FiguresPermission]
    serializer_class = ReportSerializer
    pagination_class = Page
    #: The service reports a line's errors as `lines.<i>.<field>`: a list by position.
    errors_as_lists = ("lines",)

    def get_queryset(self):
        reports = figures.reports_visible_to(self.request.user).prefetch_related(
            "lines__theme__parent"
        )
        params = self.request.query_params
        filters = {}
        year, partner = year_param(params), id_param(params, "partner")
        if year is not None:
            filters["year"] = year
        if partner is not None:
            filters["partner_id"] = partner
        if params.get("period"):
            filters["period"] = params["period"]
        if params.get("current") in ("true", "1"):
            filters["is_current"] = True
        elif params.get("current") in ("false", "0"):
            filters["is_current"] = False
        return reports.filter(**filters).order_by("-period_start", "partner__name", "-version")

    @extend_schema(
        operation_id="partner_figures_list",
        summary="Partners' figures: the submissions the user may see",
        parameters=FILTERS,
        responses={200: ReportSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="partner_figures_create",
        summary="Submit a partner's figures for a period (a new version when corrected)",
        request=ReportInputSerializer,
        responses={201: ReportSerializer, **BAD_INPUT, **ERRORS},
    )
    def post(self, request, *args, **kwargs):
        data = ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = request.user
        partner = values.get("partner")
        if partner is None:
            if not user.partner_id:
                raise ValidationError({"partner": ["Kies de partner."]})
            partner = user.partner
        report = figures.submit_report(
            partner=partner,
            year=values["year"],
            period=values["period"],
            lines=[dict(line) for line in values["lines"]],
            actor=user,
            source=Source.API,
            note=values["note"],
        )
        report = PartnerReport.objects.prefetch_related("lines__theme__parent").get(pk=report.pk)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class PartnerFiguresDetailView(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated, FiguresPermission]
    serializer_class = ReportSerializer

    def get_queryset(self):
        return figures.reports_visible_to(self.request.user).prefetch_related(
            "lines__theme__parent"
        )

    @extend_schema(
        operation_id="partner_figures_retrieve",
        summary="One submission of a partner's figures",
        responses={
            200: ReportSerializer,
            **not_found("No such submission, or not yours."),
            **ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
