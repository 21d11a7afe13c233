"""Open data: the published figures of the annual report for anyone, without login.
The index page lists the files per year; a file (CSV, JSON, XLSX from `exports`) is
always the published variant, in the site's own language, kept in the cache for a
while so the public cannot make the server compute a year's figures on every request."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vangnet.complaints import deadlines
from vangnet.organisations.models import Body

from . import exports, services
from .choice import body_by_id, build_report, listed_years, parse_body, threshold
from .figures import Report

#: How long a public open-data file is kept (seconds): the public cannot make the
#: server compute a year's figures on every request.
OPEN_DATA_CACHE_SECONDS = 15 * 60


def open_data_links(year: int, body: Body | None) -> list[tuple[str, str]]:
    """(format, URL) of a year's open-data files, for one body or all."""
    suffix = f"?{urlencode({'orgaan': body.pk})}" if body else ""
    return [
        (
            extension.upper(),
            reverse("open_data:file", kwargs={"year": str(year), "extension": extension}) + suffix,
        )
        for extension in ("csv", "json", "xlsx")
    ]


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    problems: list[str] = []
    body = parse_body(request.GET.get("orgaan", ""), problems)
    return render(
        request,
        "reports/open_data.html",
        {
            "years": [
                (year, open_data_links(year, body), year == deadlines.today().year)
                for year in listed_years()
            ],
            "bodies": list(Body.objects.order_by("name")),
            "body": body,
            "problems": problems,
            "columns": exports.COLUMNS,
            "json_extra": exports.JSON_EXTRA,
            "threshold": threshold(),
        },
        status=400 if problems else 200,
    )


def published_report(year: int, body: Body | None) -> Report:
    """The published report of a year, in the site's own language whatever the visitor
    chose (stable file contents), kept for a while."""
    key = f"reports:open-data:{year}:{body.pk if body else 'all'}:{threshold()}"
    report = cache.get(key)
    if report is None:
        with translation.override(settings.LANGUAGE_CODE):
            report = build_report(year, body, published=True)
        cache.set(key, report, OPEN_DATA_CACHE_SECONDS)
    return report


@require_GET
def open_data_file(request: HttpRequest, year: str, extension: str) -> HttpResponse:
    year_number = int(year)
    if year_number not in services.report_years():
        raise Http404(_("Over dit jaar zijn (nog) geen cijfers."))
    raw = request.GET.get("orgaan", "").strip()
    body = None
    if raw and raw != "alle":
        body = body_by_id(raw)
        if body is None:
            raise Http404(_("Dit bestuursorgaan bestaat niet."))
    report = published_report(year_number, body)
    response = HttpResponse(
        exports.render(report, extension), content_type=exports.CONTENT_TYPES[extension]
    )
    disposition = "inline" if extension == "json" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{exports.file_name(report, extension)}"'
    )
    # Open data: any site may read it.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={OPEN_DATA_CACHE_SECONDS}"
    return response
