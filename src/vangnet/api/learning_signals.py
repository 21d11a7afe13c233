"""Trend signals in the JSON API v1 (issue 6, part 4): the signals page
(`learning.views.signals`) as data. The analysis is `learning.trends.analyse`, over the
user's own scope and the same period as the page (the `months` months up to yesterday).

- `GET signals/?maanden=3` (or `months=3`): the signals, most certain first, each with
  the counts and p-values of both comparisons (same period last year, running average)
  and the address of the complaint list behind it (null for neighbourhoods, like the
  page). `rows` holds every theme, department, partner and neighbourhood with its
  figures, signal or not (the page's tables).

Who may see it: whoever may open the page (`complaints.list_complaints`: coordinator,
handler, partner user); 401 without credentials, 403 for anyone else. A bad number of
months gives 400: `{"maanden": ["..."]}` (or `months`).

Include under /api/v1/ with `path("v1/", include(learning_signals.urlpatterns))`.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines
from vangnet.learning import trends, views

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer
from .common.forms import enum_field

#: The page's parameter (Dutch) and its English alias; either may be given.
PARAMETERS = (views.PARAMETER, "months")

SignalDimensionField = enum_field(
    "SignalDimension",
    [
        (trends.THEME, "Thema (hoofdthema; subthema's tellen mee)"),
        (trends.DEPARTMENT, "Afdeling"),
        (trends.PARTNER, "Samenwerkingspartner"),
        (trends.NEIGHBOURHOOD, "Wijk"),
    ],
)
SignalDirectionField = enum_field(
    "SignalDirection", [(trends.RISING, "Gestegen"), (trends.FALLING, "Gedaald")]
)
SignalBaselineField = enum_field(
    "SignalBaseline",
    [
        (trends.LAST_YEAR, "Dezelfde periode vorig jaar"),
        (trends.AVERAGE, "Gemiddelde van de periodes ervoor"),
    ],
)


# --- Serializers ----------------------------------------------------------------------


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "description": "The id of the theme, department or partner; the neighbourhood's name.",
    }
)
class KeyField(serializers.Field):
    def to_representation(self, value):
        return value


class SignalWindowSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True, help_text="Inclusive.")
    days = serializers.IntegerField(read_only=True)


class SignalComparisonSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        source="baseline_count",
        read_only=True,
        help_text="Complaints in the baseline (last year's period, or all periods averaged).",
    )
    exposure = serializers.FloatField(
        read_only=True, help_text="How many periods of the current length the baseline covers."
    )
    expected = serializers.FloatField(
        read_only=True, help_text="What one period has at the baseline's rate (count / exposure)."
    )
    p_value = serializers.FloatField(
        read_only=True, help_text="Exact two-sided conditional Poisson test."
    )
    direction = SignalDirectionField(
        read_only=True, allow_null=True, help_text="Null: no signal in this comparison."
    )


class SignalRowSerializer(serializers.Serializer):
    dimension = SignalDimensionField(read_only=True)
    key = KeyField(read_only=True)
    label = serializers.CharField(read_only=True)
    current = serializers.IntegerField(read_only=True, help_text="Complaints in the period.")
    last_year = SignalComparisonSerializer(read_only=True)
    average = SignalComparisonSerializer(read_only=True)
    list_url = serializers.SerializerMethodField(
        help_text="The back-office list with the period's complaints; null for neighbourhoods."
    )

    def get_list_url(self, row) -> str | None:
        request = self.context.get("request")
        if not row.list_url:
            return None
        return request.build_absolute_uri(row.list_url) if request else row.list_url


class TrendSignalSerializer(SignalRowSerializer):
    """A row (see `SignalRowSerializer`) in one comparison that is a signal."""

    baseline = SignalBaselineField(read_only=True, help_text="The comparison that signals.")
    direction = SignalDirectionField(read_only=True)
    expected = serializers.FloatField(read_only=True)
    p_value = serializers.FloatField(read_only=True)
    text = serializers.CharField(read_only=True, help_text="The page's sentence (Dutch).")


class TrendSignalsSerializer(serializers.Serializer):
    months = serializers.IntegerField(read_only=True)
    current = SignalWindowSerializer(read_only=True)
    last_year = SignalWindowSerializer(read_only=True)
    previous = SignalWindowSerializer(
        read_only=True, help_text="The periods the running average covers."
    )
    average_periods = serializers.IntegerField(read_only=True)
    alpha = serializers.FloatField(read_only=True, help_text="A signal needs p below this ...")
    min_change = serializers.IntegerField(
        read_only=True, help_text="... and at least this many complaints more or fewer."
    )
    signals = TrendSignalSerializer(many=True, read_only=True)
    rows = SignalRowSerializer(many=True, read_only=True)


# --- The view -------------------------------------------------------------------------


def read_months(params) -> int:
    """The months asked for (default `trends.DEFAULT_MONTHS`); ValidationError per
    parameter for anything else than a whole number in range."""
    given = {name: params.get(name, "").strip() for name in PARAMETERS}
    given = {name: value for name, value in given.items() if value}
    if not given:
        return trends.DEFAULT_MONTHS
    if len(set(given.values())) > 1:
        raise ValidationError(
            {name: [_("Geef maanden óf months, niet allebei.")] for name in given}
        )
    name, raw = next(iter(given.items()))
    if raw.isascii() and raw.isdigit() and len(raw) <= 2:
        months = int(raw)
        if trends.MIN_MONTHS <= months <= trends.MAX_MONTHS:
            return months
    raise ValidationError(
        {
            name: [
                _("Kies een aantal maanden van %(min)s tot en met %(max)s.")
                % {"min": trends.MIN_MONTHS, "max": trends.MAX_MONTHS}
            ]
        }
    )


class SignalsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="trend_signals",
        summary="Trend signals (the signals page as data)",
        parameters=[
            OpenApiParameter(
                views.PARAMETER,
                OpenApiTypes.INT,
                description=(
                    f"Months to look back ({trends.MIN_MONTHS}-{trends.MAX_MONTHS}; "
                    f"default {trends.DEFAULT_MONTHS}), up to yesterday."
                ),
            ),
            OpenApiParameter("months", OpenApiTypes.INT, description="The same as `maanden`."),
        ],
        responses={
            200: TrendSignalsSerializer,
            400: OpenApiResponse(VALIDATION_ERROR_SCHEMA),
            401: ErrorSerializer,
            403: ErrorSerializer,
        },
        tags=["learning"],
    )
    def get(self, request):
        if not request.user.has_perm(views.LIST):
            raise PermissionDenied
        months = read_months(request.query_params)
        # As the page: the last complete day (today's complaints are still coming in).
        end = deadlines.today() - timedelta(days=1)
        result = trends.analyse(request.user, end=end, months=months)
        rows = {
            (row.dimension, row.key): row
            for dimension in trends.DIMENSIONS
            for row in result.rows[dimension]
        }
        signals = [
            {
                "dimension": signal.dimension,
                "key": signal.key,
                "label": signal.label,
                "current": signal.current,
                "last_year": rows[(signal.dimension, signal.key)].last_year,
                "average": rows[(signal.dimension, signal.key)].average,
                "list_url": signal.list_url,
                "baseline": signal.baseline,
                "direction": signal.direction,
                "expected": signal.expected,
                "p_value": signal.p_value,
                "text": views.sentence(signal, months),
            }
            for signal in result.signals
        ]
        data = {
            "months": months,
            "current": result.current,
            "last_year": result.last_year,
            "previous": result.previous,
            "average_periods": trends.AVERAGE_PERIODS,
            "alpha": trends.ALPHA,
            "min_change": trends.MIN_CHANGE,
            "signals": [_Obj(signal) for signal in signals],
            "rows": list(rows.values()),
        }
        return Response(TrendSignalsSerializer(data, context={"request": request}).data)


class _Obj:
    """A dict read by attribute, as the serializers read the `trends` dataclasses."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


urlpatterns = [
    path("signals/", SignalsView.as_view(), name="trend-signals"),
]
