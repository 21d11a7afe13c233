"""The trends endpoint: the trends page (`learning.views_trends`) as data. The analysis
is `learning.trends.analyse`, over the user's own scope and the same period as the page
(the `months` months up to yesterday).

- `GET trends/?maanden=3` (or `months=3`): the trends, most certain first, each with
  the counts and p-values of both comparisons (same period last year, running average)
  and the address of the complaint list behind it (null for neighbourhoods, like the
  page). `rows` holds every theme, department, partner and neighbourhood with its
  figures, trend or not (the page's tables).

Who may see it: whoever may open the page (`complaints.list_complaints`: coordinator,
handler, partner user); 401 without credentials, 403 for anyone else. A bad number of
months gives 400: `{"maanden": ["..."]}` (or `months`).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines
from vangnet.learning import trends, views_trends

from ..common.schema import BAD_INPUT, ERRORS
from .serializers import TrendAnalysisSerializer

#: The page's parameter (Dutch) and its English alias; either may be given.
PARAMETERS = (views_trends.PARAMETER, "months")


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


class TrendsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="trends",
        summary="Rises and falls in complaints (the trends page as data)",
        parameters=[
            OpenApiParameter(
                views_trends.PARAMETER,
                OpenApiTypes.INT,
                description=(
                    f"Months to look back ({trends.MIN_MONTHS}-{trends.MAX_MONTHS}; "
                    f"default {trends.DEFAULT_MONTHS}), up to yesterday."
                ),
            ),
            OpenApiParameter("months", OpenApiTypes.INT, description="The same as `maanden`."),
        ],
        responses={200: TrendAnalysisSerializer, **BAD_INPUT, **ERRORS},
        tags=["learning"],
    )
    def get(self, request):
        if not request.user.has_perm(views_trends.LIST):
            raise PermissionDenied
        months = read_months(request.query_params)
        # As the page: the last complete day (today's complaints are still coming in).
        end = deadlines.today() - timedelta(days=1)
        result = trends.analyse(request.user, end=end, months=months)
        return Response(
            TrendAnalysisSerializer(_data(result, months), context={"request": request}).data
        )


def _data(result: trends.TrendAnalysis, months: int) -> dict:
    """The analysis as `TrendAnalysisSerializer` reads it: each trend with its row's two
    comparisons and the page's sentence."""
    rows = {
        (row.dimension, row.key): row
        for dimension in trends.DIMENSIONS
        for row in result.rows[dimension]
    }
    found = [
        _Obj(
            {
                "dimension": trend.dimension,
                "key": trend.key,
                "label": trend.label,
                "current": trend.current,
                "last_year": rows[(trend.dimension, trend.key)].last_year,
                "average": rows[(trend.dimension, trend.key)].average,
                "list_url": trend.list_url,
                "baseline": trend.baseline,
                "direction": trend.direction,
                "expected": trend.expected,
                "p_value": trend.p_value,
                "text": views_trends.sentence(trend, months),
            }
        )
        for trend in result.trends
    ]
    return {
        "months": months,
        "current": result.current,
        "last_year": result.last_year,
        "previous": result.previous,
        "average_periods": trends.AVERAGE_PERIODS,
        "alpha": trends.ALPHA,
        "min_change": trends.MIN_CHANGE,
        "trends": found,
        "rows": list(rows.values()),
    }


class _Obj:
    """A dict read by attribute, as the serializers read the `trends` dataclasses."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)
