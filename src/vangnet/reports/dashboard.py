"""The dashboard for coordinators and managers: counts of the complaints in the user's
scope, each with the address of the back-office complaint list that shows exactly
those complaints.

Every count is a filter of `complaints.filters.ComplaintFilter` over
`selectors.visible_complaints(user)` — the list's own base — computed here as a
database aggregate (GROUP BY), so the page costs the same few queries however large
the register is. Only complaints (kind "complaint") count; every link says
`kind=complaint`, so the list shows the same set. The conditions below mirror the
filters they link to (`state=open`, `due_soon`, `overdue`, `unassigned`, `theme`,
`department`, `partner`, `without`, `handler`/`handled_by`, `received_from/_to`);
tests/reports/test_dashboard.py opens every link and compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.complaints import selectors
from vangnet.complaints.filters import OPEN, ComplaintFilter
from vangnet.complaints.models import Kind
from vangnet.complaints.workflow import OPEN_STATES
from vangnet.organisations.models import Theme

YES = "ja"


@dataclass(frozen=True)
class Number:
    """One number on the dashboard and the list that shows its complaints."""

    value: int
    url: str


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: open complaints, of which due soon and overdue."""

    label: str
    open: Number
    due_soon: Number
    overdue: Number
    note: str = ""


@dataclass(frozen=True)
class IntakeRow:
    label: str
    this_year: Number | None
    last_year: Number


@dataclass
class Dashboard:
    today: date
    due_soon_until: date
    this_year: int
    last_year: int
    totals: dict[str, Number]
    by_handler: list[Row] = field(default_factory=list)
    by_theme: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    by_partner: list[Row] = field(default_factory=list)
    intake: list[IntakeRow] = field(default_factory=list)


def list_url(**params) -> str:
    """The complaint list filtered by `params`, always to complaints only."""
    query = {"kind": Kind.COMPLAINT.value, **{k: v for k, v in params.items() if v is not None}}
    return f"{reverse('backoffice:complaint_list')}?{urlencode(query)}"


def same_day_last_year(day: date) -> date:
    """The same date a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def month_end(day: date) -> date:
    first_next = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _urgency_counts(on: date, until: date) -> dict:
    """Open complaints, of which due soon and overdue — the conditions of
    `selectors.due_soon` and `selectors.overdue` (both on open complaints)."""
    return {
        "open": Count("id"),
        "due_soon": Count("id", filter=Q(decide_by__gte=on, decide_by__lte=until)),
        "overdue": Count("id", filter=Q(decide_by__lt=on)),
    }


def _row(label: str, counts: dict, note: str = "", **params) -> Row:
    open_params = {"state": OPEN, **params, "ordering": "decide_by"}
    return Row(
        label=label,
        open=Number(counts["open"], list_url(**open_params)),
        due_soon=Number(counts["due_soon"], list_url(**open_params, due_soon=YES)),
        overdue=Number(counts["overdue"], list_url(**open_params, overdue=YES)),
        note=note,
    )


def _rows(groups: list[tuple[str, dict, dict, str]]) -> list[Row]:
    """(label, counts, list parameters, note) as rows: most open complaints first, then
    by name; the "none" row (`without`, `unassigned`) last."""
    ordered = sorted(
        groups,
        key=lambda g: ("without" in g[2] or "unassigned" in g[2], -g[1]["open"], g[0].lower()),
    )
    return [_row(label, counts, note, **params) for label, counts, params, note in ordered]


def build(user) -> Dashboard:
    """The dashboard of `user`'s scope (as the complaint list would show it)."""
    on, until = selectors.urgency_window()
    complaints = selectors.visible_complaints(user).filter(kind=Kind.COMPLAINT)
    open_complaints = complaints.filter(state__in=OPEN_STATES).order_by()
    urgency = _urgency_counts(on, until)

    # 1 query: the headline counts.
    totals = open_complaints.aggregate(
        **urgency, unassigned=Count("id", filter=Q(handler__isnull=True))
    )
    open_params = {"state": OPEN, "ordering": "decide_by"}
    headline = {
        "open": Number(totals["open"], list_url(**open_params)),
        "due_soon": Number(totals["due_soon"], list_url(**open_params, due_soon=YES)),
        "overdue": Number(totals["overdue"], list_url(**open_params, overdue=YES)),
        "unassigned": Number(totals["unassigned"], list_url(**open_params, unassigned=YES)),
    }

    return Dashboard(
        today=on,
        due_soon_until=until,
        this_year=on.year,
        last_year=on.year - 1,
        totals=headline,
        by_handler=_by_handler(open_complaints, urgency),
        by_theme=_by_theme(open_complaints, urgency),
        by_department=_by_relation(open_complaints, urgency, "department", _("Zonder afdeling")),
        by_partner=_by_relation(open_complaints, urgency, "partner", _("Zonder partner")),
        intake=_intake(complaints, on),
    )


def _by_handler(open_complaints, urgency) -> list[Row]:
    # 1 query for the counts, 1 for the names, 1 for which handlers the list's
    # `handler` choice offers (the others are linked with `handled_by`).
    groups = list(open_complaints.values("handler_id").annotate(**urgency))
    ids = [g["handler_id"] for g in groups if g["handler_id"] is not None]
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}
    choosable = (
        set(
            ComplaintFilter(queryset=open_complaints.none())
            .filters["handler"]
            .queryset.filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if ids
        else set()
    )
    rows = []
    for group in groups:
        pk = group.pop("handler_id")
        if pk is None:
            rows.append((_("Zonder behandelaar"), group, {"unassigned": YES}, ""))
        elif pk in choosable:
            rows.append((str(users[pk]), group, {"handler": pk}, ""))
        else:
            note = _("geen actieve behandelaar meer")
            rows.append((str(users[pk]), group, {"handled_by": pk}, note))
    return _rows(rows)


def _by_theme(open_complaints, urgency) -> list[Row]:
    # The main theme, its sub-themes included (as the list's `theme` filter does).
    groups = list(
        open_complaints.values(main=Coalesce("theme__parent_id", "theme_id")).annotate(**urgency)
    )
    ids = [g["main"] for g in groups if g["main"] is not None]
    names = dict(Theme.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    rows = []
    for group in groups:
        pk = group.pop("main")
        if pk is None:
            rows.append((_("Zonder thema"), group, {"without": "theme"}, ""))
        else:
            rows.append((names[pk], group, {"theme": pk}, ""))
    return _rows(rows)


def _by_relation(open_complaints, urgency, name: str, none_label: str) -> list[Row]:
    groups = list(
        open_complaints.values(f"{name}_id", f"{name}__name").annotate(**urgency).order_by()
    )
    rows = []
    for group in groups:
        pk, label = group.pop(f"{name}_id"), group.pop(f"{name}__name")
        if pk is None:
            rows.append((none_label, group, {"without": name}, ""))
        else:
            rows.append((label, group, {name: pk}, ""))
    return _rows(rows)


def _intake(complaints, on: date) -> list[IntakeRow]:
    """Complaints received this month and this year so far, against the same days last
    year, and the whole of this month last year. 1 query."""
    ago = same_day_last_year(on)
    month_start, year_start = on.replace(day=1), on.replace(month=1, day=1)
    ago_month_start, ago_year_start = ago.replace(day=1), ago.replace(month=1, day=1)
    ago_month_end = month_end(ago)
    periods = {
        "month": (month_start, on),
        "month_ago": (ago_month_start, ago),
        "whole_month_ago": (ago_month_start, ago_month_end),
        "year": (year_start, on),
        "year_ago": (ago_year_start, ago),
    }
    counts = complaints.order_by().aggregate(
        **{
            key: Count("id", filter=Q(received_on__gte=start, received_on__lte=end))
            for key, (start, end) in periods.items()
        }
    )

    def cell(key: str) -> Number:
        start, end = periods[key]
        return Number(
            counts[key],
            list_url(received_from=start.isoformat(), received_to=end.isoformat()),
        )

    def span(start: date, end: date) -> str:
        if start == end:
            return date_format(start, "j F")
        return _("%(start)s t/m %(end)s") % {
            # "1 t/m 18 maart", "1 januari t/m 18 maart"
            "start": date_format(start, "j" if start.month == end.month else "j F"),
            "end": date_format(end, "j F"),
        }

    return [
        IntakeRow(
            _("Deze maand: %(span)s") % {"span": span(month_start, on)},
            cell("month"),
            cell("month_ago"),
        ),
        IntakeRow(
            _("Hele maand %(month)s") % {"month": date_format(on, "F")},
            None,
            cell("whole_month_ago"),
        ),
        IntakeRow(
            _("Dit jaar tot nu: %(span)s") % {"span": span(year_start, on)},
            cell("year"),
            cell("year_ago"),
        ),
    ]
