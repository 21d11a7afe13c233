"""The partners' own complaint figures: periods, the rules of a report, the services
that store one (form, CSV upload, API) and send reminders, and the selectors the pages,
the API and the KPI module (`vangnet.reports.kpis`) read.

Periods. The municipality decides how often partners report
(`Municipality.partner_report_frequency`: per year, half year or quarter); a period is
(year, code, first day, last day) with code "Y", "H1"/"H2" or "Q1".."Q4", both days
included. A report may be given for a period of the current frequency that started in
2000 or later and whose last day is not after today. A period counts as *missing* for a
partner from the day after its last day on.

A report holds one line per theme (theme empty = other/unknown) with ten counts; in
every line
    handled = resolved informally + decided formally + not handled + withdrawn
    decided formally = well founded + partly well founded + unfounded + no judgment.
A correction stores a new version and makes it the current one; earlier versions stay.
Sending exactly what is current again (a double click) stores nothing new.

Who: a partner user submits for their own partner (`user.partner_id`), a coordinator for
any partner; the overview of who has (not) reported and the reminders are for
coordinators. Until `core/permissions.py` has the rules `partnerportal.submit_figures`
and `partnerportal.review_figures`, `can_submit` and `can_review` check the roles.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.core.roles import Role
from vangnet.core.urls import site_url
from vangnet.letters import outbox
from vangnet.letters.rendering import html_to_text
from vangnet.organisations.models import Municipality, Partner, Theme

from . import figures_csv
from .models import FiguresReminder, PartnerReport, PartnerReportLine, Period, Source

YEAR, HALF_YEAR, QUARTER = "year", "half_year", "quarter"
PERIODS: dict[str, tuple[str, ...]] = {
    YEAR: ("Y",),
    HALF_YEAR: ("H1", "H2"),
    QUARTER: ("Q1", "Q2", "Q3", "Q4"),
}
#: code -> (first month, last month)
_MONTHS = {
    "Y": (1, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
}
FIRST_YEAR = 2000
NOTE_MAX = 2000
NUMBER_FIELDS: tuple[str, ...] = tuple(figures_csv.NUMBER_COLUMNS)
#: The two sums every line must satisfy: total field -> its parts.
INVARIANTS: dict[str, tuple[str, ...]] = {
    "handled": ("resolved_informally", "decided_formally", "not_handled", "withdrawn"),
    "decided_formally": ("well_founded", "partly_well_founded", "unfounded", "no_judgment"),
}

PeriodTuple = tuple[int, str, date, date]
SUBMIT_PERMISSION = "partnerportal.submit_figures"
REVIEW_PERMISSION = "partnerportal.review_figures"
REMINDER_TEMPLATE = "partnerportal/figures_reminder_email.html"


# --- Periods ------------------------------------------------------------------------------


def period_bounds(year: int, period: str) -> tuple[date, date]:
    first, last = _MONTHS[period]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def periods_of_year(year: int, *, frequency: str) -> list[PeriodTuple]:
    return [(year, code, *period_bounds(year, code)) for code in PERIODS[frequency]]


def periods_between(start: date, end: date, *, frequency: str) -> list[PeriodTuple]:
    """The periods of `frequency` lying wholly within [start, end], in order."""
    return [
        period
        for year in range(start.year, end.year + 1)
        for period in periods_of_year(year, frequency=frequency)
        if period[2] >= start and period[3] <= end
    ]


def report_frequency() -> str:
    return Municipality.current().partner_report_frequency or QUARTER


def frequency_label(frequency: str) -> str:
    return {
        YEAR: _("per jaar"),
        HALF_YEAR: _("per halfjaar"),
        QUARTER: _("per kwartaal"),
    }[frequency]


def period_label(year: int, period: str) -> str:
    """2026-Q1, 2026-H2, 2026."""
    return figures_csv.period_label(year, period)


def period_name(year: int, period: str) -> str:
    """In words: '1e kwartaal 2026', '2e halfjaar 2026', '2026'."""
    if period == "Y":
        return str(year)
    if period.startswith("Q"):
        return _("%(n)se kwartaal %(year)s") % {"n": period[1], "year": year}
    return _("%(n)se halfjaar %(year)s") % {"n": period[1], "year": year}


def period_problems(year, period, *, frequency: str, today: date) -> list[str]:
    """Why (year, period) cannot be reported now; empty when it can."""
    if not isinstance(year, int) or isinstance(year, bool) or period not in Period.values:
        return [_("Kies een periode, zoals 2026-Q1, 2026-H2 of 2026.")]
    if year < FIRST_YEAR:
        return [_("Cijfers kunnen alleen over %(year)s en later.") % {"year": FIRST_YEAR}]
    if year > 9999:
        return [_("Kies een periode, zoals 2026-Q1, 2026-H2 of 2026.")]
    if period not in PERIODS[frequency]:
        example = period_label(today.year - 1, PERIODS[frequency][-1])
        return [
            _(
                "De gemeente vraagt de cijfers %(frequency)s. %(label)s past daar niet bij; "
                "kies bijvoorbeeld %(example)s."
            )
            % {
                "frequency": frequency_label(frequency),
                "label": period_label(year, period),
                "example": example,
            }
        ]
    _start, end = period_bounds(year, period)
    if end > today:
        return [
            _(
                "%(label)s is nog niet voorbij. U kunt de cijfers doorgeven vanaf de laatste "
                "dag van de periode (%(end)s)."
            )
            % {"label": period_label(year, period), "end": end.strftime("%d-%m-%Y")}
        ]
    return []


# --- Permissions --------------------------------------------------------------------------


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_review(user) -> bool:
    """The overview of all partners and the reminders: coordinators
    (`core/permissions.py`)."""
    return _active(user) and user.has_perm("partnerportal.review_figures")


def can_submit(user, partner: Partner | None = None) -> bool:
    """A coordinator for any partner; a partner user for their own partner only."""
    if not (_active(user) and user.has_perm("partnerportal.submit_figures")):
        return False
    if can_review(user):
        return True
    return bool(user.partner_id) and (partner is None or user.partner_id == partner.pk)


def _require_submit(actor, partner) -> None:
    if not can_submit(actor, partner):
        raise PermissionDenied(_("U mag geen cijfers doorgeven voor deze partner."))


# --- Lines --------------------------------------------------------------------------------


@dataclass
class LineError:
    index: int | None  # None: about the lines as a whole
    field: str
    message: str


def _column(field_name: str, source: str) -> str:
    """How a message names a column: the CSV column for an upload, else the label."""
    if source == Source.UPLOAD:
        return figures_csv.FIELD_COLUMNS[field_name]
    if field_name == "theme":
        return str(_("thema"))
    return str(PartnerReportLine._meta.get_field(field_name).verbose_name)


def _line_message(line: dict, index: int, field_name: str, source: str, problem: str) -> str:
    row = line.get("row") or _("Regel %(n)s") % {"n": index + 1}
    if source == Source.UPLOAD:
        return _("%(row)s, kolom ‘%(column)s’: %(problem)s") % {
            "row": row,
            "column": _column(field_name, source),
            "problem": problem,
        }
    return _("%(row)s, %(column)s: %(problem)s") % {
        "row": row,
        "column": _column(field_name, source),
        "problem": problem,
    }


def _theme_name(theme: Theme | None) -> str:
    return str(theme) if theme is not None else _("Overig/onbekend")


def check_lines(
    lines: list[dict], *, allowed_theme_ids: set[int], source: str
) -> tuple[list[dict], list[LineError]]:
    """Clean lines (theme and the ten counts) and every error in them, at once."""
    errors: list[LineError] = []
    clean: list[dict] = []
    if not lines:
        errors.append(
            LineError(
                None,
                "lines",
                _(
                    "Vul minstens één regel in. Had u geen klachten? Vul dan een regel "
                    "‘Overig/onbekend’ in met 0."
                ),
            )
        )
        return clean, errors
    seen: dict[int | None, int] = {}
    for index, line in enumerate(lines):

        def error(field_name: str, problem: str, line=line, index=index) -> None:
            errors.append(
                LineError(
                    index, field_name, _line_message(line, index, field_name, source, problem)
                )
            )

        # Fields a parser already found wrong (and said so): not checked again.
        invalid = line.get("invalid") or set()
        theme = line.get("theme")
        if "theme" in invalid:
            theme = None
        elif theme is not None and not isinstance(theme, Theme):
            error("theme", _("kies een thema uit de lijst."))
            theme = None
        elif theme is not None and theme.pk not in allowed_theme_ids:
            error(
                "theme",
                _("het thema ‘%(theme)s’ is niet meer in gebruik. Kies een ander thema.")
                % {"theme": theme},
            )
        key = theme.pk if theme is not None else None
        if "theme" in invalid:
            pass
        elif key in seen:
            first = lines[seen[key]].get("row") or _("regel %(n)s") % {"n": seen[key] + 1}
            error(
                "theme",
                _("‘%(theme)s’ staat ook al op %(first)s. Zet elk thema maar één keer in de lijst.")
                % {"theme": _theme_name(theme), "first": str(first).lower()},
            )
        else:
            seen[key] = index
        values: dict[str, int] = {}
        for name in NUMBER_FIELDS:
            if name in invalid:
                continue
            value = line.get(name, 0)
            if value is None or value == "":
                value = 0
            if isinstance(value, bool) or not isinstance(value, int):
                error(name, _("vul een heel getal in, bijvoorbeeld 0 of 12."))
            elif value < 0:
                error(name, _("%(value)s is negatief. Vul 0 of meer in.") % {"value": value})
            elif value > figures_csv.MAX_INTEGER:
                error(name, _("%(value)s is te groot.") % {"value": value})
            else:
                values[name] = value
        for total, parts in INVARIANTS.items():
            # Each sum is checked when its own numbers are right.
            if all(name in values for name in (total, *parts)):
                together = sum(values[part] for part in parts)
                if values[total] != together:
                    error(
                        total,
                        _(
                            "%(total_name)s is %(total)s, maar %(parts)s is samen %(sum)s. "
                            "Die twee moeten gelijk zijn."
                        )
                        % {
                            "total_name": _column(total, source),
                            "total": values[total],
                            "parts": " + ".join(_column(part, source) for part in parts),
                            "sum": together,
                        },
                    )
        clean.append({"theme": theme, **values})
    return clean, errors


def _line_errors_dict(errors: list[LineError]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for item in errors:
        key = "lines" if item.index is None else f"lines.{item.index}.{item.field}"
        result[key].append(item.message)
    return dict(result)


def allowed_theme_ids(current: PartnerReport | None) -> set[int]:
    """Active themes, and those of the current version (a correction may keep them)."""
    ids = set(Theme.objects.filter(is_active=True).values_list("pk", flat=True))
    if current is not None:
        ids |= {line.theme_id for line in current.lines.all() if line.theme_id}
    return ids


# --- Storing ------------------------------------------------------------------------------


def current_report(partner: Partner, year: int, period: str) -> PartnerReport | None:
    start, end = period_bounds(year, period)
    return (
        PartnerReport.objects.filter(
            partner=partner, period_start=start, period_end=end, is_current=True
        )
        .prefetch_related("lines")
        .first()
    )


def _same(current: PartnerReport | None, lines: list[dict], note: str) -> bool:
    if current is None or current.note != note:
        return False

    def key(line: dict):
        theme = line["theme"]
        return (theme.pk if theme else 0, *(line[name] for name in NUMBER_FIELDS))

    stored = sorted(
        (line.theme_id or 0, *(getattr(line, name) for name in NUMBER_FIELDS))
        for line in current.lines.all()
    )
    return stored == sorted(key(line) for line in lines)


def _store(*, partner, year, period, lines, actor, source, note, current) -> PartnerReport:
    if _same(current, lines, note):
        return current
    start, end = period_bounds(year, period)
    siblings = PartnerReport.objects.filter(partner=partner, period_start=start, period_end=end)
    version = (siblings.aggregate(top=Max("version"))["top"] or 0) + 1
    siblings.filter(is_current=True).update(is_current=False)
    report = PartnerReport.objects.create(
        partner=partner,
        year=year,
        period=period,
        period_start=start,
        period_end=end,
        version=version,
        is_current=True,
        submitted_at=timezone.now(),
        submitted_by=actor if _active(actor) else None,
        source=source,
        note=note,
    )
    PartnerReportLine.objects.bulk_create(
        PartnerReportLine(report=report, **line) for line in lines
    )
    return report


def _clean_note(note: str, errors: dict) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [
            _("Een toelichting mag hoogstens %(max)s tekens zijn.") % {"max": "2.000"}
        ]
    return note


@transaction.atomic
def submit_report(
    *,
    partner: Partner,
    year: int,
    period: str,
    lines: list[dict],
    actor,
    source: str,
    note: str = "",
) -> PartnerReport:
    """Store `partner`'s figures for (year, period) as the current version.

    `lines`: dicts with `theme` (a Theme, or None for other/unknown), the ten counts
    (ints; missing or None is 0) and optionally `row`, how the message names the line
    ("Regel 2"). Raises PermissionDenied, or ValidationError with every error at once,
    keyed `period`, `note`, `lines` (about the lines as a whole) and
    `lines.<index>.<field>`; each message names its line and column. Nothing is stored
    on an error."""
    _require_submit(actor, partner)
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    errors: dict[str, list[str]] = {}
    problems = period_problems(year, period, frequency=report_frequency(), today=deadlines.today())
    if problems:
        errors["period"] = problems
    note = _clean_note(note, errors)
    current = None if problems else current_report(partner, year, period)
    clean, line_errors = check_lines(
        list(lines or []), allowed_theme_ids=allowed_theme_ids(current), source=source
    )
    errors.update(_line_errors_dict(line_errors))
    if errors:
        raise ValidationError(errors)
    return _store(
        partner=partner,
        year=year,
        period=period,
        lines=clean,
        actor=actor,
        source=source,
        note=note,
        current=current,
    )


def _theme_resolver():
    themes = list(Theme.objects.select_related("parent"))
    by_slug = {theme.slug.casefold(): theme for theme in themes}
    by_path: dict[str, Theme] = {}
    by_name: dict[str, list[Theme]] = defaultdict(list)
    for theme in themes:
        by_name[figures_csv.normalise(theme.name)].append(theme)
        if theme.parent_id:
            by_path[figures_csv.normalise(f"{theme.parent.name}>{theme.name}")] = theme

    def resolve(text: str):
        theme = by_slug.get(text.strip().casefold())
        if theme is None:
            path = re.sub(r"\s*[>›/]\s*", ">", text.strip())
            theme = by_path.get(figures_csv.normalise(path))
        if theme is None:
            named = by_name.get(figures_csv.normalise(text), [])
            if len(named) > 1:
                return None, _(
                    "er zijn meer thema's die ‘%(value)s’ heten. Schrijf het hoofdthema "
                    "erbij, zoals ‘%(example)s’."
                ) % {"value": text, "example": figures_csv.theme_label(named[0])}
            theme = named[0] if named else None
        if theme is None:
            return None, _(
                "het thema ‘%(value)s’ kennen we niet. Gebruik een thema uit het "
                "voorbeeldbestand, of ‘%(other)s’."
            ) % {"value": text, "other": figures_csv.OTHER_THEME_LABEL}
        return theme, None

    return resolve


@transaction.atomic
def submit_upload(
    *, partner: Partner, upload, actor, note: str = "", replace: bool = False
) -> list[PartnerReport]:
    """Store the figures of a CSV file (one or more periods) for `partner`, all or
    nothing. A period that already has figures is only replaced when `replace` is on.
    Raises ValidationError with a list of messages, each naming row and column, sorted
    by row (the file as a whole first); `note` errors keyed apart."""
    _require_submit(actor, partner)
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    note_errors: dict = {}
    note = _clean_note(note, note_errors)
    if note_errors:
        raise ValidationError(note_errors)
    parsed = figures_csv.read_upload(upload, resolve_theme=_theme_resolver())
    problems = list(parsed.problems)
    frequency, today = report_frequency(), deadlines.today()
    ready = []
    for group in parsed.groups:
        wrong = period_problems(group.year, group.period, frequency=frequency, today=today)
        for message in wrong:
            problems.append(
                figures_csv.Problem(
                    group.first_row,
                    figures_csv.cell_message(group.first_row, figures_csv.PERIOD_COLUMN, message),
                )
            )
        current = None if wrong else current_report(partner, group.year, group.period)
        if current is not None and not replace:
            problems.append(
                figures_csv.Problem(
                    group.first_row,
                    figures_csv.cell_message(
                        group.first_row,
                        figures_csv.PERIOD_COLUMN,
                        _(
                            "over %(label)s heeft u al cijfers doorgegeven. Wilt u die "
                            "verbeteren? Vink dan ‘Bestaande cijfers vervangen’ aan."
                        )
                        % {"label": period_label(group.year, group.period)},
                    ),
                )
            )
        whole = group.lines
        clean, line_errors = check_lines(
            whole, allowed_theme_ids=allowed_theme_ids(current), source=Source.UPLOAD
        )
        for item in line_errors:
            row = whole[item.index]["row_number"] if item.index is not None else group.first_row
            problems.append(figures_csv.Problem(row, item.message))
        ready.append((group, clean, current))
    if not problems and not ready:
        problems.append(figures_csv.Problem(0, _("Het bestand heeft geen rijen met cijfers.")))
    if problems:
        raise ValidationError(
            [problem.message for problem in sorted(problems, key=lambda p: p.row)]
        )
    return [
        _store(
            partner=partner,
            year=group.year,
            period=group.period,
            lines=clean,
            actor=actor,
            source=Source.UPLOAD,
            note=note,
            current=current,
        )
        for group, clean, current in ready
    ]


# --- Reading ------------------------------------------------------------------------------


def reports_visible_to(user) -> QuerySet[PartnerReport]:
    """Every version the user may see: a coordinator all, a partner user their own
    partner's, anyone else none."""
    reports = PartnerReport.objects.select_related("partner", "submitted_by")
    if can_review(user):
        return reports
    if can_submit(user):
        return reports.filter(partner_id=user.partner_id)
    return reports.none()


def history(report: PartnerReport) -> QuerySet[PartnerReport]:
    """Every version for the report's partner and period, newest first."""
    return (
        PartnerReport.objects.filter(
            partner_id=report.partner_id,
            period_start=report.period_start,
            period_end=report.period_end,
        )
        .select_related("submitted_by")
        .order_by("-version")
    )


def partner_periods(partner: Partner, year: int, *, today: date) -> list[dict]:
    """The periods of `year` for `partner`: each with its state (reported, corrected,
    missing, open = not yet over) and current report."""
    frequency = report_frequency()
    periods = periods_of_year(year, frequency=frequency)
    current = {
        (report.period_start, report.period_end): report
        for report in PartnerReport.objects.filter(
            partner=partner,
            is_current=True,
            period_start__gte=date(year, 1, 1),
            period_end__lte=date(year, 12, 31),
        )
    }
    rows = []
    for year_, code, start, end in periods:
        report = current.get((start, end))
        if report is not None:
            state = "corrected" if report.version > 1 else "reported"
        elif end > today:
            state = "open"
        else:
            state = "missing"
        rows.append(
            {
                "year": year_,
                "period": code,
                "label": period_label(year_, code),
                "name": period_name(year_, code),
                "start": start,
                "end": end,
                "report": report,
                "state": state,
                "can_submit": end <= today and year_ >= FIRST_YEAR,
            }
        )
    return rows


def missing_reports(
    start: date, end: date, *, today: date
) -> list[tuple[Partner, list[PeriodTuple]]]:
    """Active partners without a current report for a period (of the municipality's
    frequency) lying within [start, end] whose last day is before `today`; each with
    those periods, partners by name. Three queries, whatever the number of partners."""
    periods = [
        period
        for period in periods_between(start, end, frequency=report_frequency())
        if period[3] < today and period[0] >= FIRST_YEAR
    ]
    if not periods:
        return []
    reported = set(
        PartnerReport.objects.filter(
            is_current=True, period_start__gte=periods[0][2], period_end__lte=periods[-1][3]
        ).values_list("partner_id", "period_start", "period_end")
    )
    result = []
    for partner in Partner.objects.filter(is_active=True).order_by("name"):
        missing = [p for p in periods if (partner.pk, p[2], p[3]) not in reported]
        if missing:
            result.append((partner, missing))
    return result


def year_overview(year: int, *, today: date) -> list[dict]:
    """For the coordinator: per period of `year`, the current reports and the active
    partners that have not reported, with their latest reminder."""
    frequency = report_frequency()
    reports = defaultdict(list)
    for report in PartnerReport.objects.filter(
        is_current=True, period_start__gte=date(year, 1, 1), period_end__lte=date(year, 12, 31)
    ).select_related("partner", "submitted_by"):
        reports[(report.period_start, report.period_end)].append(report)
    reminders: dict[tuple[int, str], FiguresReminder] = {}
    for reminder in FiguresReminder.objects.filter(year=year).order_by("sent_at"):
        reminders[(reminder.partner_id, reminder.period)] = reminder
    partners = list(Partner.objects.filter(is_active=True).order_by("name"))
    rows = []
    for year_, code, start, end in periods_of_year(year, frequency=frequency):
        done = sorted(reports[(start, end)], key=lambda r: r.partner.name)
        reported_ids = {report.partner_id for report in done}
        ended = end < today
        missing = (
            [
                {"partner": partner, "reminder": reminders.get((partner.pk, code))}
                for partner in partners
                if partner.pk not in reported_ids
            ]
            if end <= today
            else []
        )
        rows.append(
            {
                "year": year_,
                "period": code,
                "label": period_label(year_, code),
                "name": period_name(year_, code),
                "start": start,
                "end": end,
                "ended": ended,
                "open": end > today,
                "reported": done,
                "missing": missing,
            }
        )
    return rows


# --- Reminders ----------------------------------------------------------------------------


@dataclass
class ReminderResult:
    sent: list[FiguresReminder] = field(default_factory=list)
    without_address: list[Partner] = field(default_factory=list)


def reminder_addresses(partner: Partner) -> list[str]:
    """The partner's address for forwarded complaints, and its partner users' e-mail."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, partner=partner, groups__name=Role.PARTNER)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )
    addresses: list[str] = []
    for address in [partner.forward_address, *users]:
        if address and address.casefold() not in {a.casefold() for a in addresses}:
            addresses.append(address)
    return addresses


@transaction.atomic
def send_reminders(
    *, actor, year: int, period: str, partners: list[Partner] | None = None
) -> ReminderResult:
    """E-mail the partners that have not reported for (year, period) a reminder, through
    the outbox, and record it. `partners`: only these (default: every partner missing).
    A partner that has reported meanwhile is skipped; one without an e-mail address is
    returned in `without_address`."""
    if not can_review(actor):
        raise PermissionDenied(_("Alleen een klachtcoördinator kan herinneringen sturen."))
    today = deadlines.today()
    problems = period_problems(year, period, frequency=report_frequency(), today=today)
    if problems:
        raise ValidationError({"period": problems})
    start, end = period_bounds(year, period)
    missing = dict(
        (partner.pk, partner)
        for partner, periods in missing_reports(start, end, today=today + timedelta(days=1))
        if periods
    )
    if partners is not None:
        wanted = {partner.pk for partner in partners}
        missing = {pk: partner for pk, partner in missing.items() if pk in wanted}
    result = ReminderResult()
    municipality = Municipality.current()
    link = site_url("partnerportal:figures")
    for partner in missing.values():
        addresses = reminder_addresses(partner)
        if not addresses:
            result.without_address.append(partner)
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Herinnering: uw klachtcijfers over %(period)s voor %(municipality)s") % {
                "period": period_name(year, period),
                "municipality": municipality.name,
            }
            html = render_to_string(
                REMINDER_TEMPLATE,
                {
                    "subject": subject,
                    "municipality": municipality,
                    "partner": partner,
                    "period_name": period_name(year, period),
                    "period_label": period_label(year, period),
                    "link": link,
                },
            )
        for address in addresses:
            outbox.queue(to=address, subject=subject, text=html_to_text(html), html=html)
        result.sent.append(
            FiguresReminder.objects.create(
                partner=partner,
                year=year,
                period=period,
                sent_at=timezone.now(),
                sent_by=actor,
                sent_to=", ".join(addresses),
            )
        )
    return result
