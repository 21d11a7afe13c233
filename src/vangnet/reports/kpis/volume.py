"""Volume (kpis.md, "Volume"): how many complaints came in, were closed and were open,
per 1,000 inhabitants, month by month and broken down by channel, theme, department,
partner, body, neighbourhood and type; and the messages that were not a complaint.

Definitions, where kpis.md leaves a choice:
- Theme means the main theme: a complaint on a sub-theme counts for its parent.
- Partner means the partner a complaint is about (`Complaint.partner`); cooperation
  complaints count under the type "cooperation", not per involved party.
- Not a complaint: messages of another kind (report, objection, question) received in
  the period, never in "received".
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.complaints.models import Channel, Complaint, Kind, SubjectType
from vangnet.organisations.models import Body, Department, Municipality, Partner, Theme

from ..figures import Cell, Period, Row, Section, Table, Unit
from .builder import Builder, choices, names
from .raw import Raw

#: Month rows: (first day of the month, received in it, received a year earlier).
Monthly = list[tuple[date, int, int]]


def gather(raw: Raw) -> None:
    _totals(raw)
    received = raw.received()
    raw.group("received_by_channel", received, "channel")
    main_theme = received.annotate(main_theme=Coalesce("theme__parent_id", "theme_id"))
    raw.group("received_by_theme", main_theme, "main_theme")
    raw.group("received_by_department", received, "department_id")
    # Only complaints about a partner; the share is of all complaints received.
    raw.group("received_by_partner", received.filter(partner__isnull=False), "partner_id")
    raw.group("received_by_body", received, "body_id")
    raw.group("received_by_neighbourhood", received, "neighbourhood")
    raw.group("received_by_type", received, "subject_type")
    _not_a_complaint(raw)
    _monthly(raw)


def _totals(raw: Raw) -> None:
    start, end = raw.period.start, raw.period.end
    totals = raw.complaints().aggregate(
        received=Count("id", filter=Q(received_on__range=(start, end))),
        closed=Count("id", filter=Q(closed_on__range=(start, end))),
        open_at_start=Count(
            "id",
            filter=Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)),
        ),
        open_at_end=Count(
            "id",
            filter=Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        ),
    )
    raw.values.update(totals)
    inhabitants = Municipality.current().inhabitants_in(start.year)
    raw.values["per_1000_inhabitants"] = (
        round(totals["received"] / inhabitants * 1000, 2) if inhabitants else None
    )
    raw.values["inhabitants"] = inhabitants


def _not_a_complaint(raw: Raw) -> None:
    other = Complaint.objects.exclude(kind=Kind.COMPLAINT).filter(
        received_on__range=(raw.period.start, raw.period.end)
    )
    if raw.body is not None:
        other = other.filter(body=raw.body)
    raw.group("not_a_complaint_by_kind", other, "kind")
    raw.values["not_a_complaint"] = raw.total("not_a_complaint_by_kind")


def _monthly(raw: Raw) -> None:
    for row in (
        raw.received()
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    ):
        month = row["month"]
        if isinstance(month, datetime):
            month = month.date()
        raw.monthly[month.replace(day=1)] = row["n"]


def monthly_rows(period: Period, now: Raw, before: Raw) -> Monthly:
    """The month rows of this period and the same months a year earlier."""
    return [
        (month, now.monthly.get(month, 0), before.monthly.get(_year_back(month), 0))
        for month in period.months()
    ]


def section(b: Builder, monthly: Monthly) -> Section:
    return Section(
        "volume",
        _("Aantal klachten"),
        figures=[
            b.figure("received", _("Ontvangen klachten")),
            b.figure("closed", _("Afgehandelde klachten")),
            b.figure("open_at_start", _("Open aan het begin van de periode")),
            b.figure("open_at_end", _("Open aan het eind van de periode")),
            b.figure("per_1000_inhabitants", _("Klachten per 1.000 inwoners"), Unit.RATE),
            b.figure(
                "not_a_complaint",
                _("Geen klacht (melding, bezwaar of vraag, doorverwezen)"),
                help=_("Apart geteld; zit niet in ‘ontvangen klachten’."),
            ),
        ],
        tables=[_by_month(monthly), *_breakdowns(b)],
    )


def _by_month(monthly: Monthly) -> Table:
    return Table(
        key="received_by_month",
        title=_("Ontvangen per maand"),
        columns=[("count", _("Ontvangen"))],
        rows=[
            Row(
                f"{month:%Y-%m}",
                _month_label(month),
                {"count": Cell(current, previous, Unit.COUNT, suppressible=True)},
            )
            for month, current, previous in monthly
        ],
    )


def _breakdowns(b: Builder) -> list[Table]:
    received_column = [("count", _("Ontvangen"), Unit.COUNT)]

    def received_by(key: str, title: str, **options) -> Table:
        """A breakdown of the complaints received, with each row's share of them."""
        return b.table(
            key,
            title,
            [*received_column, ("share", _("Aandeel"), Unit.SHARE)],
            shares={"share": ("count", "received")},
            **options,
        )

    return [
        received_by(
            "received_by_channel",
            _("Ontvangen per kanaal"),
            rows=choices(Channel.choices),
            chart_column="count",
        ),
        received_by(
            "received_by_theme",
            _("Ontvangen per thema"),
            labels=names(Theme),
            chart_column="count",
            order_by="count",
        ),
        received_by(
            "received_by_department",
            _("Ontvangen per afdeling"),
            labels=names(Department),
            order_by="count",
        ),
        received_by(
            "received_by_partner",
            _("Ontvangen per samenwerkingspartner"),
            labels=names(Partner),
            chart_column="count",
            order_by="count",
        ),
        received_by(
            "received_by_body",
            _("Ontvangen per bestuursorgaan"),
            labels=names(Body),
            order_by="count",
        ),
        received_by(
            "received_by_neighbourhood",
            _("Ontvangen per wijk"),
            labels=lambda keys: {"none": _("Onbekend")},
            order_by="count",
            free_labels=True,
        ),
        received_by(
            "received_by_type", _("Ontvangen per soort klacht"), rows=choices(SubjectType.choices)
        ),
        b.table(
            "not_a_complaint_by_kind",
            _("Geen klacht, per soort"),
            received_column,
            rows=[(k, label) for k, label in choices(Kind.choices) if k != Kind.COMPLAINT],
        ),
    ]


def _month_label(month: date) -> str:
    return date_format(month, "F Y")


def _year_back(month: date) -> date:
    return month.replace(year=month.year - 1)
