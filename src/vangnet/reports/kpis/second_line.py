"""Second line (kpis.md, "Second line"): the ombudsman cases opened and closed, per
ombudsman and per outcome; the ombudsman's recommendations and what the municipality
did with them; the cost of the second-line arrangement, per body and per case; and the
ombudsman each body was connected to.

Definitions, where kpis.md leaves a choice (`learning.OmbudsmanCase`,
`learning.Recommendation`):
- Ombudsman cases opened: `received_on` in the period; closed: `closed_on` in the
  period, per `outcome`. One body: the cases whose `OmbudsmanCase.body` is that body
  (also cases without a linked complaint).
- Recommendations: those made (`made_on`) in the period, by what the municipality did
  with them as it stood at the end of the period: a response given on or before that
  day counts as given; a later one (or none) as "awaiting". Late (Awb
  9:36): answered after `respond_by`, or not answered at the end of the period while
  `respond_by` had passed. "The end of the period" is its last day, or today when that
  is earlier (the running year).
- Cost: `organisations.costs.period_cost(body, start, end)` per body, with the body's
  ombudsman cases received in the period; all bodies: the sum over every body, unknown
  (None, shown as "–", never 0) as soon as one body's cost is unknown (no arrangement or
  incomplete terms for some of the days). Cost per ombudsman case: that cost ÷ the
  ombudsman cases opened in the period (same scope), rounded half up to cents; none
  without cases. Money is a `Decimal` with two decimals (unit `eur`). These take a
  few queries per body (a number set by the configuration, not by the register).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, Q, TextField, Value, When
from django.utils.translation import gettext as _

from vangnet.learning.models import OmbudsmanCase, Recommendation
from vangnet.organisations import costs
from vangnet.organisations.models import Body, Municipality, Ombudsman, SecondLineArrangement

from ..figures import Cell, Period, Row, Section, Table, Unit
from .builder import Builder, choices, names
from .raw import Raw

#: The row of recommendations without a response (at the end of the period).
AWAITING = "awaiting"
CENT = Decimal("0.01")


def gather(raw: Raw) -> None:
    case_days = _cases(raw)
    _recommendations(raw)
    _cost(raw, case_days)


def _cases(raw: Raw) -> dict[int, list[date]]:
    """Cases opened and closed, per ombudsman and per outcome; returns body id → the
    days its ombudsman cases of the period were received (for the cost)."""
    start, end = raw.period.start, raw.period.end
    cases = OmbudsmanCase.objects.all()
    if raw.body is not None:
        cases = cases.filter(body=raw.body)
    opened, closed = Q(received_on__range=(start, end)), Q(closed_on__range=(start, end))
    by_ombudsman = raw.tables["ombudsman_cases_by_ombudsman"]
    by_outcome = raw.tables["ombudsman_cases_by_outcome"]
    case_days: dict[int, list[date]] = defaultdict(list)
    # One query: per ombudsman, outcome, body and day received (a few rows a year).
    for row in (
        cases.filter(opened | closed)
        .values("ombudsman_id", "outcome", "body_id", "received_on")
        .annotate(opened=Count("id", filter=opened), closed=Count("id", filter=closed))
        .order_by()
    ):
        cells = by_ombudsman[str(row["ombudsman_id"])]
        cells["opened"] = cells.get("opened", 0) + row["opened"]
        cells["closed"] = cells.get("closed", 0) + row["closed"]
        if row["closed"]:
            outcome = by_outcome[row["outcome"]]
            outcome["count"] = outcome.get("count", 0) + row["closed"]
        case_days[row["body_id"]].extend([row["received_on"]] * row["opened"])
    raw.values["ombudsman_cases_opened"] = raw.total("ombudsman_cases_by_ombudsman", "opened")
    raw.values["ombudsman_cases_closed"] = raw.total("ombudsman_cases_by_ombudsman", "closed")
    return case_days


def _recommendations(raw: Raw) -> None:
    """Recommendations made in the period, as they stood at its end."""
    recommendations = Recommendation.objects.filter(
        made_on__range=(raw.period.start, raw.period.end)
    )
    if raw.body is not None:
        recommendations = recommendations.filter(case__body=raw.body)
    answered = Q(responded_on__lte=raw.moment)
    late = Q(answered, responded_on__gt=F("respond_by")) | (
        ~answered & Q(respond_by__lt=raw.moment)
    )
    status = Case(
        When(answered, then=F("response")), default=Value(AWAITING), output_field=TextField()
    )
    by_response = raw.tables["recommendations_by_response"]
    for row in (
        recommendations.annotate(status=status)
        .values("status")
        .annotate(n=Count("id"), late=Count("id", filter=late))
        .order_by()
    ):
        by_response[row["status"]] = {"count": row["n"], "late": row["late"]}
    raw.values["recommendations_made"] = raw.total("recommendations_by_response")
    raw.values["recommendations_followed"] = by_response.get(
        Recommendation.Response.FOLLOWED, {}
    ).get("count", 0)
    raw.values["recommendations_late"] = raw.total("recommendations_by_response", "late")


def _cost(raw: Raw, case_days: dict[int, list[date]]) -> None:
    """The cost: per body, then the sum."""
    start, end = raw.period.start, raw.period.end
    by_body = raw.tables["second_line_cost_by_body"]
    total: Decimal | None = Decimal("0.00")
    # Two queries for every body: their arrangements and the inhabitant counts.
    arrangements: dict[int, list] = defaultdict(list)
    for arrangement in SecondLineArrangement.objects.filter(
        body__in=raw.bodies, effective_from__lte=end
    ).order_by("effective_from"):
        arrangements[arrangement.body_id].append(arrangement)
    municipality = Municipality.current()
    inhabitants = (
        dict(
            municipality.inhabitant_counts.filter(
                year__gte=start.year, year__lte=end.year
            ).values_list("year", "inhabitants")
        )
        if municipality.pk
        else {}
    )
    for body in raw.bodies:
        days = case_days.get(body.pk, [])
        cost = costs.period_cost(
            body,
            start,
            end,
            case_days=days,
            arrangements=arrangements[body.pk],
            inhabitants=inhabitants,
        ).total
        by_body[str(body.pk)] = {
            "cost": cost,
            "cases": len(days),
            "per_case": _per_case(cost, len(days)),
        }
        total = None if total is None or cost is None else total + cost
    if not raw.bodies:
        total = None
    raw.values["second_line_cost"] = total
    raw.values["second_line_cost_per_case"] = _per_case(total, raw.values["ombudsman_cases_opened"])


def _per_case(cost: Decimal | None, cases: int) -> Decimal | None:
    """Cost ÷ cases, rounded half up to cents; None when unknown or without cases."""
    if cost is None or not cases:
        return None
    return (cost / cases).quantize(CENT, rounding=ROUND_HALF_UP)


def section(b: Builder, period: Period, bodies: list[Body]) -> Section:
    money = Unit.EUR
    return Section(
        "second_line",
        _("Tweede lijn: de ombudsman"),
        notes=_notes(),
        figures=[
            b.figure("ombudsman_cases_opened", _("Nieuwe zaken bij de ombudsman")),
            b.figure("ombudsman_cases_closed", _("Afgesloten zaken bij de ombudsman")),
            b.figure("recommendations_made", _("Aanbevelingen van de ombudsman")),
            b.figure("recommendations_followed", _("Aanbevelingen helemaal opgevolgd")),
            b.figure(
                "recommendations_late",
                _("Te laat gereageerd op een aanbeveling (Awb 9:36)"),
            ),
            b.figure("second_line_cost", _("Kosten van de tweede lijn"), money),
            b.figure("second_line_cost_per_case", _("Kosten per zaak bij de ombudsman"), money),
        ],
        tables=[_arrangements(period, bodies), *_tables(b, bodies)],
    )


def _notes() -> list[str]:
    return [
        _(
            "Na de afhandeling door de gemeente kan de indiener binnen een jaar naar de "
            "ombudsman (Awb 9:18 en 9:24)."
        ),
        _(
            "Aanbevelingen: die de ombudsman in de periode deed, met de reactie zoals die "
            "aan het eind van de periode was. De gemeente laat de ombudsman binnen de "
            "gestelde termijn weten wat zij met een aanbeveling doet (Awb 9:36)."
        ),
        _(
            "Kosten: wat de tweedelijnsvoorziening over de periode kost volgens de "
            "afspraken per bestuursorgaan. Een streepje (–) betekent dat de kosten niet "
            "bekend zijn (geen of geen volledige kostenafspraak) of dat er geen zaken "
            "waren om de kosten per zaak uit te rekenen."
        ),
    ]


def _tables(b: Builder, bodies: list[Body]) -> list[Table]:
    count, money = Unit.COUNT, Unit.EUR
    return [
        b.table(
            "ombudsman_cases_by_ombudsman",
            _("Zaken per ombudsman"),
            [("opened", _("Nieuw"), count), ("closed", _("Afgesloten"), count)],
            labels=names(Ombudsman),
            order_by="opened",
        ),
        b.table(
            "ombudsman_cases_by_outcome",
            _("Afgesloten zaken bij de ombudsman, per uitkomst"),
            [("count", _("Aantal"), count)],
            rows=choices(OmbudsmanCase.Outcome.choices),
        ),
        b.table(
            "recommendations_by_response",
            _("Aanbevelingen: wat de gemeente ermee doet"),
            [("count", _("Aanbevelingen"), count), ("late", _("Te laat gereageerd"), count)],
            rows=[*choices(Recommendation.Response.choices), (AWAITING, _("Nog geen reactie"))],
        ),
        b.table(
            "second_line_cost_by_body",
            _("Kosten van de tweede lijn per bestuursorgaan"),
            [
                ("cost", _("Kosten"), money),
                ("cases", _("Nieuwe zaken"), count),
                ("per_case", _("Kosten per zaak"), money),
            ],
            rows=[(str(each.pk), each.name) for each in bodies],
        ),
    ]


def _arrangements(period: Period, bodies: list[Body]) -> Table:
    """The ombudsman each body was connected to during the period (a switch during the
    period shows both, with the date it took effect)."""
    rows = [
        Row(
            str(each.pk),
            each.name,
            {
                "ombudsman": Cell(
                    value="; ".join(_ombudsmen(each, period))
                    or _("Geen tweedelijnsvoorziening ingesteld"),
                    unit=Unit.TEXT,
                )
            },
        )
        for each in bodies
    ]
    return Table(
        key="second_line_arrangements",
        title=_("Tweedelijnsvoorziening per bestuursorgaan"),
        columns=[("ombudsman", _("Ombudsman"))],
        rows=rows,
    )


def _ombudsmen(body: Body, period: Period) -> list[str]:
    """The ombudsman at the start of the period, and each one that took over during it."""
    before_start = body.arrangement_on(period.start)
    during = (
        body.arrangements.filter(effective_from__gt=period.start, effective_from__lte=period.end)
        .select_related("ombudsman")
        .order_by("effective_from")
    )
    parts = []
    if before_start is not None:
        parts.append(before_start.ombudsman.name)
    for arrangement in during:
        parts.append(
            _("%(name)s (vanaf %(day)s)")
            % {
                "name": arrangement.ombudsman.name,
                "day": f"{arrangement.effective_from:%d-%m-%Y}",
            }
        )
    return parts
