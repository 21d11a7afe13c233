"""The partners' complaint figures in the JSON API v1 (issue 5, part 6): thin views over
`vangnet.partnerportal.figures` (every read and write).

- `GET  partner-figures/`       the submissions the user may see: a coordinator every
  partner's, a partner user their own partner's; every version, newest first; filters
  `year`, `period`, `partner` (id) and `current` (true/false).
- `GET  partner-figures/<id>/`  one submission with its lines (404 when not visible).
- `POST partner-figures/`       submit figures for a period: the same rules as the portal's
  form; a correction is simply a new submission for the same period (a new version).

Anyone else (handler, viewer, administrator) gets 403. Bad input gives 400 with messages
per field in the shape of the body: `{"period": [...]}`, `{"lines": [{}, {"handled":
[...]}]}`; nothing is stored then.

Include under /api/v1/ with `path("v1/", include(partner_figures.urlpatterns))`.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from vangnet.organisations.models import Partner, Theme
from vangnet.partnerportal import figures, figures_csv
from vangnet.partnerportal.models import PartnerReport, PartnerReportLine, Period, Source

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer, api_error_detail

NUMBER_FIELDS = figures.NUMBER_FIELDS


# --- Serializers ----------------------------------------------------------------------


@extend_schema_field({"type": "string", "nullable": True, "example": "schulden"})
class ThemeOrOtherField(serializers.Field):
    """A theme by slug or id; null (or "other") for other/unknown."""

    default_error_messages = {
        "unknown": "Het thema ‘{value}’ kennen we niet.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data in (None, "", "other"):
            return None
        theme = None
        if isinstance(data, int) and not isinstance(data, bool):
            theme = Theme.objects.filter(pk=data).first()
        elif isinstance(data, str):
            theme = Theme.objects.filter(slug=data).first()
        if theme is None:
            self.fail("unknown", value=data)
        return theme

    def to_representation(self, value):
        return value.slug if value is not None else None


class LineSerializer(serializers.ModelSerializer):
    theme = ThemeOrOtherField(help_text="The theme's slug (or id); null for other/unknown.")
    theme_name = serializers.SerializerMethodField()

    class Meta:
        model = PartnerReportLine
        fields = ["theme", "theme_name", *NUMBER_FIELDS]
        # The same range on every database (the schema must not depend on it).
        extra_kwargs = dict.fromkeys(
            NUMBER_FIELDS, {"min_value": 0, "max_value": figures_csv.MAX_INTEGER}
        )

    def get_theme_name(self, line) -> str:
        return str(line.theme) if line.theme_id else "Overig/onbekend"


class LineInputSerializer(serializers.Serializer):
    theme = ThemeOrOtherField(help_text="The theme's slug (or id); null for other/unknown.")

    def get_fields(self):
        fields = super().get_fields()
        for name in NUMBER_FIELDS:
            # Any whole number: negatives are refused by the service, with its message.
            fields[name] = serializers.IntegerField(required=False, default=0)
        return fields


class PartnerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", "name", "slug"]


class ReportSerializer(serializers.ModelSerializer):
    partner = PartnerSummarySerializer(read_only=True)
    label = serializers.CharField(source="period_label", read_only=True)
    submitted_by = serializers.SerializerMethodField()
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = PartnerReport
        fields = [
            "id",
            "partner",
            "year",
            "period",
            "label",
            "period_start",
            "period_end",
            "version",
            "is_current",
            "submitted_at",
            "submitted_by",
            "source",
            "note",
            "lines",
        ]
        # Read-only output: the same schema on every database.
        read_only_fields = fields
        extra_kwargs = {
            "year": {"min_value": 2000, "max_value": 2200},
            "version": {"min_value": 1, "max_value": 32767},
        }

    def get_submitted_by(self, report) -> str | None:
        user = report.submitted_by
        if user is None:
            return None
        return (user.get_full_name() or "").strip() or user.get_username()


class ReportInputSerializer(serializers.Serializer):
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Partner.objects.all(),
        required=False,
        allow_null=True,
        help_text="The partner's id; a partner user may leave it out (their own partner).",
    )
    year = serializers.IntegerField()
    period = serializers.ChoiceField(choices=Period.choices, help_text="Y, H1, H2 or Q1..Q4.")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineInputSerializer(many=True)


# --- Views ----------------------------------------------------------------------------


class FiguresPermission(BasePermission):
    """Coordinators and partner users (until `partnerportal.submit_figures` exists in
    core/permissions.py, by role)."""

    def has_permission(self, request, view) -> bool:
        return figures.can_submit(request.user)


class FiguresPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _nested_errors(message_dict: dict, line_count: int) -> dict:
    """The service's `lines.<i>.<field>` keys as DRF's list shape."""
    flat: dict[str, list[str]] = {}
    lines: list[dict] = [{} for _ in range(line_count)]
    has_line_errors = False
    for key, messages in message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "lines" and parts[1].isdigit():
            index = int(parts[1])
            if index < line_count:
                lines[index].setdefault(parts[2], []).extend(str(m) for m in messages)
                has_line_errors = True
                continue
        flat[key] = messages
    detail = api_error_detail(flat)
    if has_line_errors:
        detail["lines"] = lines
    return detail


FILTERS = [
    OpenApiParameter("year", int, description="Only this year."),
    OpenApiParameter("period", str, enum=Period.values, description="Only this period."),
    OpenApiParameter("partner", int, description="Only this partner (id)."),
    OpenApiParameter("current", bool, description="true: only current versions."),
]
ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    403: OpenApiResponse(ErrorSerializer, description="Not a coordinator or partner user."),
}


class PartnerFiguresListView(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated, FiguresPermission]
    serializer_class = ReportSerializer
    pagination_class = FiguresPagination

    def get_queryset(self):
        reports = figures.reports_visible_to(self.request.user).prefetch_related(
            "lines__theme__parent"
        )
        params = self.request.query_params
        filters = {}
        for name in ("year", "partner"):
            value = params.get(name, "")
            if value:
                if not value.isdigit():
                    raise ValidationError({name: ["Geef een getal."]})
                filters[f"{name}_id" if name == "partner" else name] = int(value)
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
        responses={200: ReportSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="partner_figures_create",
        summary="Submit a partner's figures for a period (a new version when corrected)",
        request=ReportInputSerializer,
        responses={
            201: ReportSerializer,
            400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid; nothing stored."),
            **ERRORS,
        },
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
        lines = [dict(line) for line in values["lines"]]
        try:
            report = figures.submit_report(
                partner=partner,
                year=values["year"],
                period=values["period"],
                lines=lines,
                actor=user,
                source=Source.API,
                note=values["note"],
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError(_nested_errors(error.message_dict, len(lines))) from None
            raise ValidationError(api_error_detail({"__all__": error.messages})) from None
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None) from None
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
            404: OpenApiResponse(ErrorSerializer, description="No such submission, or not yours."),
            **ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("partner-figures/", PartnerFiguresListView.as_view(), name="partner_figures-list"),
    path(
        "partner-figures/<int:pk>/",
        PartnerFiguresDetailView.as_view(),
        name="partner_figures-detail",
    ),
]
