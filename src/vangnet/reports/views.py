"""The annual complaint report page and its PDF. Thin: which report from `choice`, the
figures from `kpis.compute` (through `choice.build_report`), what is shown of them from
`presentation`, the coordinator's texts from `ReportText`. Who sees which variant:
`choice`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from vangnet.complaints import deadlines
from vangnet.core.charts import chart_colour
from vangnet.organisations.models import Body, Municipality

from .choice import (
    EDIT_TEXT,
    INTERNAL,
    PUBLISHED,
    VIEW,
    VIEW_INTERNAL,
    Choice,
    build_report,
    choose,
    listed_years,
)
from .models import ReportText
from .presentation import present
from .views_open_data import open_data_links


@login_required
@require_GET
def annual_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    choice = choose(request)
    for problem in choice.problems:
        messages.warning(request, problem)
    return render(request, "reports/annual_report.html", _context(request, choice))


@login_required
@require_GET
def annual_report_pdf(request: HttpRequest) -> HttpResponse:
    """The same report as a PDF/UA file, rendered now (see `pdf`). Bad parameters fall
    back to the defaults, as on the page."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    from .pdf import render_report_pdf

    choice = choose(request)
    context = _context(request, choice)
    content = render_report_pdf(context, request=request)
    body = f"-orgaan-{choice.body.pk}" if choice.body else ""
    internal = "-intern" if choice.variant == INTERNAL else ""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="klachtenrapportage-{choice.year}{body}{internal}.pdf"'
    )
    return response


def _context(request: HttpRequest, choice: Choice) -> dict:
    """What the page and the PDF show: the chosen report with its texts, and the links
    to the other variant, the PDF, the texts and the open data."""
    report = build_report(choice.year, choice.body, published=choice.variant == PUBLISHED)
    municipality = Municipality.current()
    texts = ReportText.for_report(choice.year, choice.body.pk if choice.body else None)
    base = reverse("reports:annual_report")
    return {
        "report": report,
        "sections": present(report, primary_colour=municipality.primary_colour),
        "texts": texts,
        "colour": chart_colour(municipality.primary_colour),
        "choice": choice,
        "year": choice.year,
        "body": choice.body,
        "variant": choice.variant,
        "published": choice.variant == PUBLISHED,
        "threshold": report.threshold,
        "years": listed_years(),
        "bodies": list(Body.objects.order_by("name")),
        "can_see_internal": request.user.has_perm(VIEW_INTERNAL),
        "can_edit_texts": request.user.has_perm(EDIT_TEXT),
        "generated_on": deadlines.today(),
        "is_running_year": choice.year == deadlines.today().year,
        "page_url": f"{base}?{choice.query}",
        "pdf_url": f"{reverse('reports:annual_report_pdf')}?{choice.query}",
        "texts_url": f"{reverse('reports:report_texts')}?"
        + urlencode({"jaar": choice.year, "orgaan": choice.body.pk if choice.body else ""}),
        "open_data": open_data_links(choice.year, choice.body),
        "internal_url": f"{base}?" + urlencode({**_plain_query(choice), "variant": INTERNAL}),
        "published_url": f"{base}?" + urlencode({**_plain_query(choice), "variant": PUBLISHED}),
    }


def _plain_query(choice: Choice) -> dict:
    return {"jaar": choice.year, "orgaan": choice.body.pk if choice.body else ""}
