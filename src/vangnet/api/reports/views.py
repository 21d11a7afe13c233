"""The report endpoint: the same document as the open-data JSON
(`reports.exports.to_data`), computed by `reports.kpis`.

- `GET reports/figures/?year=2025&body=<id>&variant=internal|published`
  - `year`: a calendar year up to this one (default: last year); or `from` and `to`,
    any period of at most five years;
  - `body`: one body's id (default: all bodies);
  - `variant`: `internal` (no suppression; coordinator only) or `published` (small
    cells suppressed: `value` null with `suppressed` true). Default: internal for
    whoever may see it, published for everyone else (a viewer, the council).

401 without credentials; 403 without `reports.view_figures`, or for `variant=internal`
without `reports.view_internal_report`; 400 with messages per parameter for a bad
year, period, body or variant.
"""

from datetime import date

from django.conf import settings
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

from ..common.schema import BAD_INPUT, ERRORS
from .serializers import INTERNAL, PUBLISHED, REPORT_SCHEMA

#: The longest period the API computes in one request.
MAX_PERIOD_DAYS = 5 * 366


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
        responses={200: OpenApiResponse(REPORT_SCHEMA), **BAD_INPUT, **ERRORS},
        tags=["reports"],
    )
    def get(self, request):
        user = request.user
        if not user.has_perm(choice.VIEW):
            raise PermissionDenied
        may_see_internal = user.has_perm(choice.VIEW_INTERNAL)
        params = request.query_params
        errors: dict[str, list[str]] = {}
        year = _year(params, errors)
        period = _period(params, errors)
        body = None
        raw_body = params.get("body", "").strip()
        if raw_body:
            body = choice.body_by_id(raw_body)
            if body is None:
                errors["body"] = [_("Dit bestuursorgaan bestaat niet.")]
        variant = params.get("variant", "").strip()
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


def _year(params, errors: dict[str, list[str]]) -> int:
    """The year asked for (default: `choice.default_year`); a message under `year` for
    one without figures."""
    raw = params.get("year", "").strip()
    if not raw:
        return choice.default_year()
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and int(raw) in services.report_years():
        return int(raw)
    years = services.report_years()
    errors["year"] = [
        _("Kies een jaar tussen %(first)s en %(last)s.") % {"first": years[0], "last": years[-1]}
    ]
    return choice.default_year()


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
