"""The annual complaint report: the page, its PDF, the coordinator's texts and the open
data files. Thin: the figures come from `kpis.compute`, the published variant from
`Report.published`, charts from `charts`, files from `exports`, texts through
`services.save_report_text`.

Who: `reports.view_figures` (coordinator, viewer) sees the report;
`reports.view_internal_report` (coordinator) also the internal variant, the default
for them; a viewer asking for the internal variant gets the published one with a
message. `reports.edit_report_text` (coordinator) edits the texts. Open data is public
and always the published variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from vangnet.complaints import deadlines
from vangnet.complaints.models import Complaint
from vangnet.core.forms import style_form
from vangnet.organisations.models import Body, Municipality

from . import charts, exports, kpis, services
from .figures import Cell, Period, Report, Unit
from .models import ReportText

VIEW = "reports.view_figures"
VIEW_INTERNAL = "reports.view_internal_report"
EDIT_TEXT = "reports.edit_report_text"
INTERNAL, PUBLISHED = "intern", "gepubliceerd"
#: How long a public open-data file is kept (seconds): the public cannot make the
#: server compute a year's figures on every request.
OPEN_DATA_CACHE_SECONDS = 15 * 60


def threshold() -> int:
    return int(settings.VANGNET.get("SUPPRESSION_THRESHOLD", 5))


# --- what is shown of a figure -------------------------------------------------------


def format_value(value, unit: str, *, suppressed: bool = False, limit: int = 0) -> str:
    """One value as the report shows it, in the screen language's number format."""
    if suppressed:
        return f"< {limit}"
    if value is None or value == "":
        return "–"
    if unit == Unit.TEXT or isinstance(value, str):
        return str(value)
    if unit == Unit.SHARE:
        return f"{_number(float(value) * 100, 1)}%"
    if unit == Unit.DAYS:
        return _number(value, 0 if float(value).is_integer() else 1)
    if unit == Unit.RATE:
        return _number(value, 2)
    if unit == Unit.EUR:
        return f"€ {_number(value, 2)}"
    if isinstance(value, float) and not value.is_integer():
        return _number(value, 1)
    return _number(int(value), 0)


def _number(value, decimals: int) -> str:
    """Rounded half up to `decimals` (Django's number_format cuts digits off)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@dataclass
class ShownCell:
    now: str
    before: str
    numeric: bool
    suppressed: bool = False
    #: The figure's id in the open-data files (`FlatFigure.id`), on the page as
    #: `data-figure` so each number can be traced to its row in the CSV.
    id: str = ""


def shown(cell: Cell, limit: int, *, id: str = "") -> ShownCell:
    return ShownCell(
        id=id,
        now=format_value(cell.value, cell.unit, suppressed=cell.suppressed, limit=limit),
        before=format_value(
            cell.previous, cell.unit, suppressed=cell.previous_suppressed, limit=limit
        ),
        numeric=cell.unit != Unit.TEXT,
        suppressed=cell.suppressed or cell.previous_suppressed,
    )


@dataclass
class ShownTable:
    key: str
    title: str
    description: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[tuple[str, ShownCell]]]]
    chart: charts.Chart | None = None

    @property
    def wide(self) -> bool:
        """Too many columns for a page: the print shows it a row at a time."""
        return len(self.columns) > 4


@dataclass
class ShownSection:
    key: str
    title: str
    notes: list[str]
    figures: list[tuple[str, str, ShownCell]] = field(default_factory=list)
    tables: list[ShownTable] = field(default_factory=list)


def present(report: Report, *, primary_colour: str | None = None) -> list[ShownSection]:
    """The report as the templates show it: every section, headline figure and table
    in order, with formatted values and the charts beside their tables."""
    limit = report.threshold if report.published_variant else 0
    drawn = charts.report_charts(report, primary_colour=primary_colour)
    sections = []
    for section in report.sections:
        sections.append(
            ShownSection(
                key=section.key,
                title=section.title,
                notes=list(section.notes),
                figures=[
                    (f.label, f.help, shown(f.cell, limit, id=f"{section.key}.{f.key}"))
                    for f in section.figures
                ],
                tables=[
                    ShownTable(
                        key=table.key,
                        title=table.title,
                        description=table.description,
                        columns=list(table.columns),
                        rows=[
                            (
                                row.label,
                                [
                                    (
                                        label,
                                        shown(
                                            row.cells.get(key) or Cell(None),
                                            limit,
                                            id=f"{section.key}.{table.key}.{row.key}.{key}",
                                        ),
                                    )
                                    for key, label in table.columns
                                ],
                            )
                            for row in table.rows
                        ],
                        chart=drawn.get(table.key),
                    )
                    for table in section.tables
                ],
            )
        )
    return sections


# --- choosing the report --------------------------------------------------------------


@dataclass
class Choice:
    year: int
    body: Body | None
    variant: str
    problems: list[str] = field(default_factory=list)

    @property
    def query(self) -> str:
        return urlencode(
            {
                "jaar": self.year,
                "orgaan": self.body.pk if self.body else "",
                "variant": self.variant,
            }
        )


def default_year() -> int:
    """The last complete year: an annual report is about a year that is over."""
    return deadlines.today().year - 1


def _year(raw: str, problems: list[str]) -> int:
    raw = (raw or "").strip()
    fallback = default_year()
    if not raw:
        return fallback
    year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else None
    if year is None or year not in services.report_years():
        problems.append(
            _("‘%(value)s’ is geen jaar waarover een verslag kan gaan. U ziet %(year)s.")
            % {"value": raw[:20], "year": fallback}
        )
        return fallback
    return year


def body_by_id(raw: str) -> Body | None:
    """The body with this id (as typed in a URL), or None for anything else."""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        return None
    return Body.objects.filter(pk=int(raw)).first()


def _body(raw: str, problems: list[str]) -> Body | None:
    raw = (raw or "").strip()
    if raw in ("", "alle"):
        return None
    body = body_by_id(raw)
    if body is None:
        problems.append(
            _("Het bestuursorgaan ‘%(value)s’ bestaat niet. U ziet alle bestuursorganen.")
            % {"value": raw[:20]}
        )
    return body


def choose(request: HttpRequest) -> Choice:
    problems: list[str] = []
    year = _year(request.GET.get("jaar", ""), problems)
    body = _body(request.GET.get("orgaan", ""), problems)
    internal_allowed = request.user.has_perm(VIEW_INTERNAL)
    raw = request.GET.get("variant", "").strip()
    variant = INTERNAL if internal_allowed else PUBLISHED
    if raw in (INTERNAL, PUBLISHED):
        if raw == INTERNAL and not internal_allowed:
            problems.append(
                _(
                    "De interne versie is alleen voor de klachtcoördinator. "
                    "U ziet de gepubliceerde versie."
                )
            )
        else:
            variant = raw
    elif raw:
        problems.append(
            _("‘%(value)s’ is geen versie van het verslag. U ziet de %(variant)s versie.")
            % {
                "value": raw[:20],
                "variant": _("interne") if variant == INTERNAL else _("gepubliceerde"),
            }
        )
    return Choice(year=year, body=body, variant=variant, problems=problems)


def year_so_far(year: int) -> Period:
    """A year, or for the running year the days up to today: compared with the same days
    a year earlier, not with the whole of last year."""
    today = deadlines.today()
    if year == today.year:
        return Period(date(year, 1, 1), today)
    return Period.year(year)


def build_report(year: int | Period, body: Body | None, *, published: bool) -> Report:
    period = year if isinstance(year, Period) else year_so_far(year)
    report = kpis.compute(period, body=body)
    return report.published(threshold()) if published else report


def _years() -> list[int]:
    today = deadlines.today()
    oldest = Complaint.objects.aggregate(first=Min("received_on"))["first"]
    first = min(oldest.year if oldest else today.year, default_year())
    return list(range(today.year, first - 1, -1))


def _context(request: HttpRequest, choice: Choice) -> dict:
    report = build_report(choice.year, choice.body, published=choice.variant == PUBLISHED)
    municipality = Municipality.current()
    texts = ReportText.for_report(choice.year, choice.body.pk if choice.body else None)
    base = reverse("reports:annual_report")
    return {
        "report": report,
        "sections": present(report, primary_colour=municipality.primary_colour),
        "texts": texts,
        "colour": charts.chart_colour(municipality.primary_colour),
        "choice": choice,
        "year": choice.year,
        "body": choice.body,
        "variant": choice.variant,
        "published": choice.variant == PUBLISHED,
        "threshold": report.threshold,
        "years": _years(),
        "bodies": list(Body.objects.order_by("name")),
        "can_see_internal": request.user.has_perm(VIEW_INTERNAL),
        "can_edit_texts": request.user.has_perm(EDIT_TEXT),
        "generated_on": deadlines.today(),
        "is_running_year": choice.year == deadlines.today().year,
        "page_url": f"{base}?{choice.query}",
        "pdf_url": f"{reverse('reports:annual_report_pdf')}?{choice.query}",
        "texts_url": f"{reverse('reports:report_texts')}?"
        + urlencode({"jaar": choice.year, "orgaan": choice.body.pk if choice.body else ""}),
        "open_data": _open_data_links(choice.year, choice.body),
        "internal_url": f"{base}?" + urlencode({**_plain_query(choice), "variant": INTERNAL}),
        "published_url": f"{base}?" + urlencode({**_plain_query(choice), "variant": PUBLISHED}),
    }


def _plain_query(choice: Choice) -> dict:
    return {"jaar": choice.year, "orgaan": choice.body.pk if choice.body else ""}


def _open_data_links(year: int, body: Body | None) -> list[tuple[str, str]]:
    suffix = f"?{urlencode({'orgaan': body.pk})}" if body else ""
    return [
        (
            extension.upper(),
            reverse("open_data:file", kwargs={"year": str(year), "extension": extension}) + suffix,
        )
        for extension in ("csv", "json", "xlsx")
    ]


# --- the page and the PDF -------------------------------------------------------------


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


# --- the coordinator's texts ----------------------------------------------------------


class ReportTextForm(forms.Form):
    foreword = forms.CharField(
        label=gettext_lazy("Voorwoord"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat bovenaan het verslag."),
    )
    lessons = forms.CharField(
        label=gettext_lazy("Wat hebben we geleerd?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat aan het eind van het verslag, voor de maatregelen."),
    )
    measures = forms.CharField(
        label=gettext_lazy("Welke maatregelen nemen we?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat aan het eind van het verslag."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


@login_required
def report_texts(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(EDIT_TEXT):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    problems: list[str] = []
    year = _year(source.get("jaar", ""), problems)
    body = _body(source.get("orgaan", ""), problems)
    text = ReportText.for_report(year, body.pk if body else None)
    report_url = f"{reverse('reports:annual_report')}?" + urlencode(
        {"jaar": year, "orgaan": body.pk if body else ""}
    )
    status = 200
    if request.method == "POST" and not problems:
        form = ReportTextForm(request.POST)
        if form.is_valid():
            try:
                services.save_report_text(
                    actor=request.user, year=year, body=body, **form.cleaned_data
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(request, _("De teksten voor het verslag zijn opgeslagen."))
                return redirect(report_url)
        status = 400
    else:
        if request.method == "POST":
            # The year or body of the form was tampered with: keep what was typed.
            form = ReportTextForm(request.POST)
            status = 400
        else:
            form = ReportTextForm(
                initial={
                    "foreword": text.foreword,
                    "lessons": text.lessons,
                    "measures": text.measures,
                }
            )
        for problem in problems:
            messages.warning(request, problem)
    return render(
        request,
        "reports/report_texts.html",
        {
            "form": form,
            "year": year,
            "body": body,
            "text": text,
            "years": _years(),
            "bodies": list(Body.objects.order_by("name")),
            "report_url": report_url,
        },
        status=status,
    )


# --- open data ------------------------------------------------------------------------


def _open_data_years() -> list[int]:
    return _years()


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    problems: list[str] = []
    body = _body(request.GET.get("orgaan", ""), problems)
    return render(
        request,
        "reports/open_data.html",
        {
            "years": [
                (year, _open_data_links(year, body), year == deadlines.today().year)
                for year in _open_data_years()
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
