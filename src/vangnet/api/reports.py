"""The annual report's figures in the JSON API v1 (issue 5, part 6): the same document
as the open-data JSON (`reports.exports.to_data`), computed by `reports.kpis`.

- `GET reports/figures/?year=2025&body=<id>&variant=internal|published`
  - `year`: a calendar year up to this one (default: last year);
  - `body`: one body's id (default: all bodies);
  - `variant`: `internal` (no suppression; coordinator only) or `published` (small
    cells suppressed: `value` null with `suppressed` true). Default: internal for
    whoever may see it, published for everyone else (a viewer, the council).

401 without credentials; 403 without `reports.view_figures`, or for `variant=internal`
without `reports.view_internal_report`; 400 with messages per parameter for a bad
year, body or variant.

Include under /api/v1/ with `path("v1/", include(reports.urlpatterns))`.
"""

from datetime import date

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines
from vangnet.reports import choice, exports, services
from vangnet.reports.figures import Period

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer

INTERNAL, PUBLISHED = "internal", "published"

REPORT_SCHEMA = {
    "type": "object",
    "description": "The report's figures, one object per figure (docs/open-data.md).",
    "properties": {
        "period": {"type": "object"},
        "previous_period": {"type": "object"},
        "municipality": {"type": "string"},
        "body": {"type": "object", "nullable": True},
        "variant": {"type": "string", "enum": [INTERNAL, PUBLISHED]},
        "threshold": {"type": "integer", "nullable": True},
        "generated_at": {"type": "string", "format": "date-time"},
        "columns": {"type": "array", "items": {"type": "object"}},
        "figures": {"type": "array", "items": {"type": "object"}},
    },
}


class ReportFiguresView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="report_figures",
        summary="The annual report's figures",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Default: last year."),
            OpenApiParameter(
                "from",
                OpenApiTypes.DATE,
                description="Any period instead of a year: its first day (with `to`).",
            ),
            OpenApiParameter(
                "to", OpenApiTypes.DATE, description="The period's last day (with `from`)."
            ),
            OpenApiParameter("body", OpenApiTypes.INT, description="A body's id; default all."),
            OpenApiParameter(
                "variant",
                OpenApiTypes.STR,
                enum=[INTERNAL, PUBLISHED],
                description="Default: internal for a coordinator, published otherwise.",
            ),
        ],
        responses={
            200: OpenApiResponse(REPORT_SCHEMA),
            400: OpenApiResponse(VALIDATION_ERROR_SCHEMA),
            401: ErrorSerializer,
            403: ErrorSerializer,
        },
        tags=["reports"],
    )
    def get(self, request):
        user = request.user
        if not user.has_perm(choice.VIEW):
            raise PermissionDenied
        may_see_internal = user.has_perm(choice.VIEW_INTERNAL)
        errors: dict[str, list[str]] = {}
        year = choice.default_year()
        raw_year = request.query_params.get("year", "").strip()
        if raw_year:
            if (
                raw_year.isascii()
                and raw_year.isdigit()
                and len(raw_year) <= 4
                and int(raw_year) in services.report_years()
            ):
                year = int(raw_year)
            else:
                years = services.report_years()
                errors["year"] = [
                    _("Kies een jaar tussen %(first)s en %(last)s.")
                    % {"first": years[0], "last": years[-1]}
                ]
        period = _period(request.query_params, errors)
        body = None
        raw_body = request.query_params.get("body", "").strip()
        if raw_body:
            body = choice.body_by_id(raw_body)
            if body is None:
                errors["body"] = [_("Dit bestuursorgaan bestaat niet.")]
        variant = request.query_params.get("variant", "").strip()
        if variant not in ("", INTERNAL, PUBLISHED):
            errors["variant"] = [_("Kies ‘internal’ of ‘published’.")]
        if errors:
            raise ValidationError(errors)
        if variant == INTERNAL and not may_see_internal:
            raise PermissionDenied(_("De interne versie is alleen voor de klachtcoördinator."))
        published = variant == PUBLISHED or (not variant and not may_see_internal)
        with translation.override(settings.LANGUAGE_CODE):
            report = choice.build_report(period or year, body, published=published)
        return Response(exports.to_data(report))


#: The longest period the API computes in one request.
MAX_PERIOD_DAYS = 5 * 366


def _period(params, errors: dict[str, list[str]]) -> Period | None:
    """A period from `from` and `to` (ISO dates, both ends included), or None."""
    raw = {name: params.get(name, "").strip() for name in ("from", "to")}
    if not any(raw.values()):
        return None
    if params.get("year", "").strip():
        errors["year"] = [_("Geef een jaar óf een periode (from en to), niet allebei.")]
        return None
    days = {}
    for name, text in raw.items():
        try:
            days[name] = date.fromisoformat(text) if text else None
        except ValueError:
            days[name] = None
            errors[name] = [_("Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2025-01-31.")]
            continue
        if days[name] is None:
            errors[name] = [_("Geef ook deze datum: een periode heeft een begin en een eind.")]
    if errors or None in days.values():
        return None
    start, end = days["from"], days["to"]
    if end < start:
        errors["to"] = [_("Het einde ligt vóór het begin.")]
    elif end > deadlines.today():
        errors["to"] = [_("Het einde ligt in de toekomst.")]
    elif start.year < min(services.report_years()):
        errors["from"] = [_("Zo ver terug zijn er geen cijfers.")]
    elif (end - start).days > MAX_PERIOD_DAYS:
        errors["to"] = [_("Kies een periode van hoogstens vijf jaar.")]
    return None if errors else Period(start, end)


urlpatterns = [
    path("reports/figures/", ReportFiguresView.as_view(), name="report-figures"),
]
