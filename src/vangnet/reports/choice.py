"""Which report a request asks for, and who may see which variant: the year, body and
variant from the query string (a bad value falls back to the default, with a message
saying so), the report's permissions, and building the chosen report.

Who: `reports.view_figures` (coordinator, viewer) sees the report;
`reports.view_internal_report` (coordinator) also the internal variant, the default
for them; a viewer asking for the internal variant gets the published one with a
message. `reports.edit_report_text` (coordinator) edits the texts. Open data is public
and always the published variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Min
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.complaints.models import Complaint
from vangnet.organisations.models import Body

from . import kpis, services
from .figures import Period, Report

VIEW = "reports.view_figures"
VIEW_INTERNAL = "reports.view_internal_report"
EDIT_TEXT = "reports.edit_report_text"
INTERNAL, PUBLISHED = "intern", "gepubliceerd"


def threshold() -> int:
    return int(settings.VANGNET.get("SUPPRESSION_THRESHOLD", 5))


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


def parse_year(raw: str, problems: list[str]) -> int:
    """The year typed in a URL, or (with a problem added) the default year."""
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


def parse_body(raw: str, problems: list[str]) -> Body | None:
    """The body typed in a URL; None for all bodies, also (with a problem added) for a
    body that does not exist."""
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
    year = parse_year(request.GET.get("jaar", ""), problems)
    body = parse_body(request.GET.get("orgaan", ""), problems)
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


def listed_years() -> list[int]:
    """The years offered in the pickers: from the oldest complaint (or last year) to
    this year, newest first."""
    today = deadlines.today()
    oldest = Complaint.objects.aggregate(first=Min("received_on"))["first"]
    first = min(oldest.year if oldest else today.year, default_year())
    return list(range(today.year, first - 1, -1))
