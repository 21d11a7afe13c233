"""Every report figure of kpis.md, computed from the register: the one module that
defines them. The annual report, the open-data files, the API and the council's pages
all read `compute()`; none counts complaints itself.

Each figure is a database aggregate (COUNT with a filter, GROUP BY): the number of
queries is fixed and no Python loop runs over complaints, so the time grows with the
register no worse than linearly (`bench/bench_report.py`).

Definitions, where kpis.md leaves a choice:
- Only rows of kind "complaint" count; reports, objections and questions are counted
  apart ("not a complaint").
- Theme means the main theme: a complaint on a sub-theme counts for its parent.
- Partner means the partner a complaint is about (`Complaint.partner`); cooperation
  complaints count under the type "cooperation", not per involved party.
- Legal due date is `Complaint.decide_by`: received + 6 (10) weeks under the Atw, moved
  only by a timely extension or a delay with recorded written consent
  (`complaints/procedure.py`). Closed on time: `closed_on <= decide_by`.
- Percentiles interpolate linearly between the two nearest lead times (as
  PostgreSQL's `percentile_cont` does): the median of 10 and 15 days is 12.5.
- Acknowledged on time: an acknowledgement letter made on or before `acknowledge_by`
  (local date). First contact on time: a contact with the complainant that reached
  them (`Contact.reached`) on or before `first_contact_by`. Both of the complaints
  received in the period.
- Norms not met: the Behoorlijkheidswijzer norms named in the well-founded and partly
  well-founded parts of the latest decision; counted once per complaint.
- Satisfied: an answer of 4 or 5 on the survey's five-point scale; survey answers are
  counted in the period in which they were given.
- Partners' own figures: the current version of every report whose whole period lies
  inside the report's period; partners report for themselves, so a report about one
  body shows them too.

Second line (`learning.OmbudsmanCase`, `learning.Recommendation`):
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

Learning (`learning` models), all by their own dates; "the end of the period" as above:
- Lessons recorded: `Lesson.recorded_on` in the period, per cause.
- Improvement measures opened: `opened_on` in the period; completed: state done with
  `closed_on` in the period (cancelled ones are not completed); overdue at the end:
  `opened_on` <= end, `due_on` < end and not closed on the end (`closed_on` empty or
  later), so a past year's figure does not change when a measure is closed later.
- Rule bottlenecks raised: `raised_on` in the period; resolved: `decided_on` in the
  period, per decision.
- Case discussions held: `held_on` in the period and not after today.
- One body: lessons and bottlenecks through their complaint's body; a measure when at
  least one of its linked complaints is of that body (a measure linked to no complaint
  of the body, or to none at all, is only in the report for all bodies); a case
  discussion when it discussed at least one complaint of the body (all discussions in
  the report for all bodies). Counted whatever the kind of the linked message.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.complaints import norms
from vangnet.complaints.models import (
    Channel,
    Complaint,
    Contact,
    Decision,
    Forward,
    JudgmentPart,
    Kind,
    Postponement,
    SubjectType,
)
from vangnet.complaints.workflow import DeclineGround, Judgment, Outcome
from vangnet.learning.models import (
    Bottleneck,
    CaseDiscussion,
    Cause,
    Lesson,
    Measure,
    OmbudsmanCase,
    Recommendation,
)
from vangnet.letters.models import Letter
from vangnet.organisations import costs
from vangnet.organisations.models import (
    Body,
    Department,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Theme,
)
from vangnet.surveys.models import SurveyResponse

from .figures import Cell, Figure, Period, Report, Row, Section, Table, Unit

LOCAL = ZoneInfo("Europe/Amsterdam")

#: Outcomes of a formal decision (kpis.md, "Outcome").
FORMAL_OUTCOMES = (
    Outcome.WELL_FOUNDED,
    Outcome.PARTLY_WELL_FOUNDED,
    Outcome.UNFOUNDED,
    Outcome.NO_JUDGMENT,
)
#: Judgments whose norms were not met.
NOT_MET = (Judgment.WELL_FOUNDED, Judgment.PARTLY_WELL_FOUNDED)
#: Survey answers that count as satisfied.
SATISFIED_FROM = 4


class Route:
    """Handling routes (kpis.md, "Handling route"), in report order."""

    RESOLVED_INFORMALLY = "resolved_informally"
    DECIDED_FORMALLY = "decided_formally"
    NOT_HANDLED = "not_handled"
    WITHDRAWN = "withdrawn"
    FORWARDED_TO_PARTNER = "forwarded_to_partner"
    FORWARDED_TO_BODY = "forwarded_to_body"

    ALL = (
        RESOLVED_INFORMALLY,
        DECIDED_FORMALLY,
        NOT_HANDLED,
        WITHDRAWN,
        FORWARDED_TO_PARTNER,
        FORWARDED_TO_BODY,
    )

    @staticmethod
    def labels() -> dict[str, str]:
        return {
            Route.RESOLVED_INFORMALLY: _("Informeel opgelost (Awb 9:5)"),
            Route.DECIDED_FORMALLY: _("Formeel afgehandeld met een oordeel"),
            Route.NOT_HANDLED: _("Niet in behandeling genomen (Awb 9:8)"),
            Route.WITHDRAWN: _("Ingetrokken"),
            Route.FORWARDED_TO_PARTNER: _("Doorgestuurd naar samenwerkingspartner"),
            Route.FORWARDED_TO_BODY: _("Doorgestuurd naar ander bestuursorgaan"),
        }

    @staticmethod
    def expression() -> Case:
        """The route of a closed complaint from its outcome, as SQL."""
        return Case(
            When(outcome__in=FORMAL_OUTCOMES, then=Value(Route.DECIDED_FORMALLY)),
            When(outcome=Outcome.RESOLVED_INFORMALLY, then=Value(Route.RESOLVED_INFORMALLY)),
            When(outcome=Outcome.NOT_HANDLED, then=Value(Route.NOT_HANDLED)),
            When(outcome=Outcome.WITHDRAWN, then=Value(Route.WITHDRAWN)),
            When(outcome=Outcome.FORWARDED_TO_PARTNER, then=Value(Route.FORWARDED_TO_PARTNER)),
            When(outcome=Outcome.FORWARDED_TO_BODY, then=Value(Route.FORWARDED_TO_BODY)),
            default=Value(""),
        )


# --- Small tools ------------------------------------------------------------------------


def percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """The `fraction` percentile (0..1) of values given as {value: how often}, with linear
    interpolation between neighbours (PostgreSQL's percentile_cont)."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    low_index, high_index = math.floor(position), math.ceil(position)
    low = high = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > low_index:
            low = value
        if seen > high_index:
            high = value
            break
    result = low + (high - low) * (position - low_index)
    return round(float(result), 1)


def share(part: int | None, whole: int | None) -> float | None:
    """part ÷ whole, rounded to four decimals (a percentage with two); None for 0/0."""
    if not whole or part is None:
        return None
    return round(part / whole, 4)


def _local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=LOCAL)


def _days_between(later: str, earlier: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def _as_days(value) -> int:
    if isinstance(value, timedelta):
        return value.days
    if isinstance(value, int | float):  # microseconds on some backends
        return int(value // 86_400_000_000)
    return int(value)


# --- The period's raw figures -------------------------------------------------------------


class _Raw:
    """The figures of one period: headline values and breakdown tables of plain numbers.
    `compute` pairs two of these (this period and the one before)."""

    def __init__(
        self,
        period: Period,
        body: Body | None,
        *,
        today: date,
        bodies: list[Body] | None = None,
    ):
        self.period = period
        self.body = body
        self.today = today
        #: The bodies the report is about (the one body, or all of them).
        self.bodies = bodies if bodies is not None else _bodies(body)
        #: The end of the period as far as it has happened: its last day, or today.
        self.moment = min(period.end, today)
        self.values: dict[str, int | float | None] = {}
        #: table key → row key → column key → value
        self.tables: dict[str, dict[str, dict[str, int | float | str | None]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        #: table key → row key → label
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.monthly: dict[date, int] = {}
        self._compute()

    # The register, scoped to the body.
    def complaints(self) -> QuerySet:
        qs = Complaint.objects.filter(kind=Kind.COMPLAINT)
        if self.body is not None:
            qs = qs.filter(body=self.body)
        return qs

    def received(self) -> QuerySet:
        return self.complaints().filter(received_on__range=(self.period.start, self.period.end))

    def closed(self) -> QuerySet:
        return self.complaints().filter(closed_on__range=(self.period.start, self.period.end))

    def _compute(self) -> None:
        self._volume()
        self._route_and_timeliness()
        self._outcome()
        self._norms()
        self._first_line_terms()
        self._partners()
        self._satisfaction()
        self._second_line()
        self._learning()

    def _group(self, table: str, qs: QuerySet, key: str, column: str = "count") -> None:
        for row in qs.values(key).annotate(n=Count("id")).order_by():
            self.tables[table][_row_key(row[key])][column] = row["n"]

    # Volume ------------------------------------------------------------------------------
    def _volume(self) -> None:
        start, end = self.period.start, self.period.end
        totals = self.complaints().aggregate(
            received=Count("id", filter=Q(received_on__range=(start, end))),
            closed=Count("id", filter=Q(closed_on__range=(start, end))),
            open_at_start=Count(
                "id",
                filter=Q(received_on__lt=start)
                & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)),
            ),
            open_at_end=Count(
                "id",
                filter=Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
            ),
        )
        self.values.update(totals)
        inhabitants = Municipality.current().inhabitants_in(start.year)
        self.values["per_1000_inhabitants"] = (
            round(totals["received"] / inhabitants * 1000, 2) if inhabitants else None
        )
        self.values["inhabitants"] = inhabitants

        received = self.received()
        self._group("received_by_channel", received, "channel")
        main_theme = received.annotate(main_theme=Coalesce("theme__parent_id", "theme_id"))
        self._group("received_by_theme", main_theme, "main_theme")
        self._group("received_by_department", received, "department_id")
        # Only complaints about a partner; the share is of all complaints received.
        self._group("received_by_partner", received.filter(partner__isnull=False), "partner_id")
        self._group("received_by_body", received, "body_id")
        self._group("received_by_neighbourhood", received, "neighbourhood")
        self._group("received_by_type", received, "subject_type")

        other = Complaint.objects.exclude(kind=Kind.COMPLAINT).filter(
            received_on__range=(start, end)
        )
        if self.body is not None:
            other = other.filter(body=self.body)
        self._group("not_a_complaint_by_kind", other, "kind")
        self.values["not_a_complaint"] = sum(
            row["count"] for row in self.tables["not_a_complaint_by_kind"].values()
        )

        for row in (
            received.annotate(month=TruncMonth("received_on"))
            .values("month")
            .annotate(n=Count("id"))
            .order_by()
        ):
            month = row["month"]
            if isinstance(month, datetime):
                month = month.date()
            self.monthly[month.replace(day=1)] = row["n"]

    # Handling route and timeliness ----------------------------------------------------------
    def _route_and_timeliness(self) -> None:
        closed = self.closed().annotate(route=Route.expression())
        on_time = Q(closed_on__lte=F("decide_by"))
        for row in (
            closed.values("route")
            .annotate(n=Count("id"), on_time=Count("id", filter=on_time))
            .order_by()
        ):
            self.tables["route"][row["route"]]["count"] = row["n"]
            self.tables["timeliness_by_route"][row["route"]]["closed"] = row["n"]
            self.tables["timeliness_by_route"][row["route"]]["on_time"] = row["on_time"]
        self._group(
            "not_handled_by_ground", closed.filter(outcome=Outcome.NOT_HANDLED), "decline_ground"
        )

        totals = closed.aggregate(
            on_time=Count("id", filter=on_time),
            extended=Count(
                "id",
                filter=Q(
                    Exists(
                        Postponement.objects.filter(
                            complaint=OuterRef("pk"), kind=Postponement.Kind.EXTENSION
                        )
                    )
                ),
            ),
            delayed_with_consent=Count(
                "id",
                filter=Q(
                    Exists(
                        Postponement.objects.filter(
                            complaint=OuterRef("pk"), kind=Postponement.Kind.CONSENT
                        )
                    )
                ),
            ),
        )
        closed_count = self.values["closed"]
        self.values["closed_on_time"] = totals["on_time"]
        self.values["share_on_time"] = share(totals["on_time"], closed_count)
        self.values["closed_late"] = closed_count - totals["on_time"]
        self.values["extended"] = totals["extended"]
        self.values["delayed_with_consent"] = totals["delayed_with_consent"]
        self.values["open_past_due_at_end"] = (
            self.complaints()
            .filter(received_on__lte=self.period.end, decide_by__lt=self.period.end)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=self.period.end))
            .count()
        )
        route = self.tables["route"]
        self.values["resolved_informally"] = route.get(Route.RESOLVED_INFORMALLY, {}).get(
            "count", 0
        )
        self.values["share_resolved_informally"] = share(
            self.values["resolved_informally"], closed_count
        )

        # Lead times: a histogram of days per route, percentiles from it.
        histograms: dict[str, dict[int, int]] = defaultdict(dict)
        overall: dict[int, int] = defaultdict(int)
        for row in (
            closed.annotate(lead=_days_between("closed_on", "received_on"))
            .values("route", "lead")
            .annotate(n=Count("id"))
            .order_by()
        ):
            days = _as_days(row["lead"])
            histograms[row["route"]][days] = histograms[row["route"]].get(days, 0) + row["n"]
            overall[days] += row["n"]
        for route_key, histogram in histograms.items():
            cells = self.tables["timeliness_by_route"][route_key]
            cells["lead_time_median"] = percentile(histogram, 0.5)
            cells["lead_time_p90"] = percentile(histogram, 0.9)
        self.values["lead_time_median"] = percentile(overall, 0.5)
        self.values["lead_time_p90"] = percentile(overall, 0.9)

    # Outcome -------------------------------------------------------------------------------
    def _outcome(self) -> None:
        decided = self.closed().filter(outcome__in=FORMAL_OUTCOMES)
        self._group("outcome", decided, "outcome")
        self.values["decided_formally"] = sum(
            row.get("count", 0) for row in self.tables["outcome"].values()
        )

    def _norms(self) -> None:
        latest = Decision.objects.filter(complaint=OuterRef("decision__complaint")).order_by(
            "-created_at", "-id"
        )
        parts = (
            JudgmentPart.objects.filter(
                decision__complaint__in=self.closed().filter(outcome__in=FORMAL_OUTCOMES),
                judgment__in=NOT_MET,
            )
            .filter(decision_id=Subquery(latest.values("id")[:1]))
            .annotate(norms_text=Cast("norms", output_field=TextField()))
        )

        def naming(codes: Iterable[str]) -> Q:
            condition = Q(pk__in=[])
            for code in codes:
                condition |= Q(norms_text__contains=f'"{code}"')
            return condition

        aggregates = {
            f"norm_{code}": Count("decision__complaint", distinct=True, filter=naming([code]))
            for code in norms.NORMS
        }
        for index, (_family, family_norms) in enumerate(norms.FAMILIES):
            aggregates[f"family_{index}"] = Count(
                "decision__complaint",
                distinct=True,
                filter=naming(code for code, _label in family_norms),
            )
        counts = parts.aggregate(**aggregates)
        for code in norms.NORMS:
            self.tables["norms_not_met"][code]["count"] = counts[f"norm_{code}"]
        for index, _family in enumerate(norms.FAMILIES):
            self.tables["norm_families_not_met"][str(index)]["count"] = counts[f"family_{index}"]

    # Terms of the first contacts -------------------------------------------------------------
    def _first_line_terms(self) -> None:
        acknowledgement = (
            Letter.objects.filter(complaint=OuterRef("pk"), kind=Letter.Kind.ACKNOWLEDGEMENT)
            .annotate(day=_local_day("created_at"))
            .filter(day__lte=OuterRef("acknowledge_by"))
        )
        contact = Contact.objects.filter(
            complaint=OuterRef("pk"), reached=True, contacted_on__lte=OuterRef("first_contact_by")
        )
        totals = self.received().aggregate(
            acknowledged_on_time=Count("id", filter=Q(Exists(acknowledgement))),
            first_contact_on_time=Count("id", filter=Q(Exists(contact))),
        )
        self.values.update(totals)
        received = self.values["received"]
        self.values["share_acknowledged_on_time"] = share(totals["acknowledged_on_time"], received)
        self.values["share_first_contact_on_time"] = share(
            totals["first_contact_on_time"], received
        )

    # Partners ----------------------------------------------------------------------------
    def _partners(self) -> None:
        start, end = self.period.start, self.period.end
        partners = self.tables["partners"]
        for row in (
            self.received()
            .filter(partner__isnull=False)
            .values("partner_id")
            .annotate(n=Count("id"))
            .order_by()
        ):
            partners[str(row["partner_id"])]["about_partner"] = row["n"]

        forwards = Forward.objects.filter(
            forwarded_on__range=(start, end), complaint__kind=Kind.COMPLAINT
        )
        if self.body is not None:
            forwards = forwards.filter(complaint__body=self.body)
        forwards = forwards.annotate(replied_on=_local_day("replied_at"))
        for row in (
            forwards.values("partner_id")
            .annotate(
                n=Count("id"),
                replied=Count("id", filter=Q(replied_at__isnull=False)),
                replied_in_time=Count(
                    "id", filter=Q(replied_at__isnull=False, replied_on__lte=F("reply_due_on"))
                ),
            )
            .order_by()
        ):
            cells = partners[str(row["partner_id"])]
            cells["forwarded"] = row["n"]
            cells["replied"] = row["replied"]
            cells["replied_in_time"] = row["replied_in_time"]
        histograms: dict[str, dict[int, int]] = defaultdict(dict)
        for row in (
            forwards.filter(replied_at__isnull=False)
            .annotate(days=_days_between("replied_on", "forwarded_on"))
            .values("partner_id", "days")
            .annotate(n=Count("id"))
            .order_by()
        ):
            histogram = histograms[str(row["partner_id"])]
            days = _as_days(row["days"])
            histogram[days] = histogram.get(days, 0) + row["n"]
        for key, histogram in histograms.items():
            partners[key]["reply_days_median"] = percentile(histogram, 0.5)

        # What the partners report themselves.
        from vangnet.partnerportal.models import PartnerReportLine

        lines = PartnerReportLine.objects.filter(
            report__is_current=True,
            report__period_start__gte=start,
            report__period_end__lte=end,
        )
        sums = {f"reported_{name}": Sum(name) for name in REPORTED_COLUMNS}
        for row in lines.values("report__partner_id").annotate(**sums).order_by():
            cells = partners[str(row["report__partner_id"])]
            for name in REPORTED_COLUMNS:
                cells[f"reported_{name}"] = row[f"reported_{name}"]
        by_theme = lines.annotate(main_theme=Coalesce("theme__parent_id", "theme_id"))
        for row in (
            by_theme.values("main_theme")
            .annotate(received=Sum("received"), handled=Sum("handled"))
            .order_by()
        ):
            cells = self.tables["partner_reported_by_theme"][_row_key(row["main_theme"])]
            cells["received"] = row["received"]
            cells["handled"] = row["handled"]

        if self.period.start <= self.today:
            from vangnet.partnerportal.figures import missing_reports

            for partner, periods in missing_reports(start, end, today=self.today):
                self.tables["partners_not_reported"][str(partner.pk)]["periods"] = ", ".join(
                    _period_label(year, code) for year, code, _start, _end in periods
                )
                self.labels["partners_not_reported"][str(partner.pk)] = partner.name

    # Satisfaction ----------------------------------------------------------------------------
    def _satisfaction(self) -> None:
        responses = SurveyResponse.objects.annotate(day=_local_day("created_at")).filter(
            day__range=(self.period.start, self.period.end)
        )
        if self.body is not None:
            responses = responses.filter(invitation__complaint__body=self.body)
        satisfied = Q(satisfaction__gte=SATISFIED_FROM)
        for row in (
            responses.values("invitation__outcome")
            .annotate(n=Count("id"), satisfied=Count("id", filter=satisfied))
            .order_by()
        ):
            cells = self.tables["satisfaction_by_outcome"][row["invitation__outcome"]]
            cells["responses"] = row["n"]
            cells["satisfied"] = row["satisfied"]
        totals = responses.aggregate(n=Count("id"), satisfied=Count("id", filter=satisfied))
        self.values["survey_responses"] = totals["n"]
        self.values["survey_satisfied"] = totals["satisfied"]
        self.values["share_satisfied"] = share(totals["satisfied"], totals["n"])

    # Second line -----------------------------------------------------------------------------
    def _second_line(self) -> None:
        start, end = self.period.start, self.period.end
        cases = OmbudsmanCase.objects.all()
        if self.body is not None:
            cases = cases.filter(body=self.body)
        opened, closed = Q(received_on__range=(start, end)), Q(closed_on__range=(start, end))
        by_ombudsman = self.tables["ombudsman_cases_by_ombudsman"]
        by_outcome = self.tables["ombudsman_cases_by_outcome"]
        #: body id → the days its ombudsman cases of the period were received (for the cost).
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
        self.values["ombudsman_cases_opened"] = sum(c["opened"] for c in by_ombudsman.values())
        self.values["ombudsman_cases_closed"] = sum(c["closed"] for c in by_ombudsman.values())

        # Recommendations made in the period, as they stood at its end.
        recommendations = Recommendation.objects.filter(made_on__range=(start, end))
        if self.body is not None:
            recommendations = recommendations.filter(case__body=self.body)
        answered = Q(responded_on__lte=self.moment)
        late = Q(answered, responded_on__gt=F("respond_by")) | (
            ~answered & Q(respond_by__lt=self.moment)
        )
        status = Case(
            When(answered, then=F("response")), default=Value(AWAITING), output_field=TextField()
        )
        by_response = self.tables["recommendations_by_response"]
        for row in (
            recommendations.annotate(status=status)
            .values("status")
            .annotate(n=Count("id"), late=Count("id", filter=late))
            .order_by()
        ):
            by_response[row["status"]] = {"count": row["n"], "late": row["late"]}
        self.values["recommendations_made"] = sum(c["count"] for c in by_response.values())
        self.values["recommendations_followed"] = by_response.get(
            Recommendation.Response.FOLLOWED, {}
        ).get("count", 0)
        self.values["recommendations_late"] = sum(c["late"] for c in by_response.values())

        # The cost: per body, then the sum.
        by_body = self.tables["second_line_cost_by_body"]
        total: Decimal | None = Decimal("0.00")
        # Two queries for every body: their arrangements and the inhabitant counts.
        arrangements: dict[int, list] = defaultdict(list)
        for arrangement in SecondLineArrangement.objects.filter(
            body__in=self.bodies, effective_from__lte=end
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
        for body in self.bodies:
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
        if not self.bodies:
            total = None
        self.values["second_line_cost"] = total
        self.values["second_line_cost_per_case"] = _per_case(
            total, self.values["ombudsman_cases_opened"]
        )

    # Learning --------------------------------------------------------------------------------
    def _learning(self) -> None:
        latest = Decision.objects.filter(complaint=OuterRef("complaint")).order_by(
            "-created_at", "-id"
        )
        self.values["decisions_with_measures"] = (
            Decision.objects.filter(
                complaint__in=self.closed().filter(outcome__in=FORMAL_OUTCOMES),
                id=Subquery(latest.values("id")[:1]),
            )
            .exclude(measures="")
            .count()
        )
        start, end, moment = self.period.start, self.period.end, self.moment

        lessons = Lesson.objects.filter(recorded_on__range=(start, end))
        if self.body is not None:
            lessons = lessons.filter(complaint__body=self.body)
        self._group("lessons_by_cause", lessons, "cause_id")
        self.values["lessons_recorded"] = sum(
            row["count"] for row in self.tables["lessons_by_cause"].values()
        )

        measures = Measure.objects.all()
        if self.body is not None:
            measures = measures.filter(
                Exists(
                    Measure.complaints.through.objects.filter(
                        measure_id=OuterRef("pk"), complaint__body=self.body
                    )
                )
            )
        self.values.update(
            measures.aggregate(
                measures_opened=Count("id", filter=Q(opened_on__range=(start, end))),
                measures_completed=Count(
                    "id", filter=Q(state=Measure.State.DONE, closed_on__range=(start, end))
                ),
                measures_overdue_at_end=Count(
                    "id",
                    filter=Q(opened_on__lte=moment, due_on__lt=moment)
                    & (Q(closed_on__isnull=True) | Q(closed_on__gt=moment)),
                ),
            )
        )

        bottlenecks = Bottleneck.objects.all()
        if self.body is not None:
            bottlenecks = bottlenecks.filter(complaint__body=self.body)
        raised, decided = Q(raised_on__range=(start, end)), Q(decided_on__range=(start, end))
        self.values["bottlenecks_raised"] = 0
        for row in (
            bottlenecks.filter(raised | decided)
            .values("decision")
            .annotate(raised=Count("id", filter=raised), decided=Count("id", filter=decided))
            .order_by()
        ):
            self.values["bottlenecks_raised"] += row["raised"]
            if row["decided"]:
                self.tables["bottlenecks_by_decision"][row["decision"]]["count"] = row["decided"]
        self.values["bottlenecks_resolved"] = sum(
            row["count"] for row in self.tables["bottlenecks_by_decision"].values()
        )

        discussions = CaseDiscussion.objects.filter(held_on__range=(start, min(end, self.today)))
        if self.body is not None:
            discussions = discussions.filter(
                Exists(
                    CaseDiscussion.complaints.through.objects.filter(
                        casediscussion_id=OuterRef("pk"), complaint__body=self.body
                    )
                )
            )
        self.values["case_discussions_held"] = discussions.count()


#: The numbers a partner reports per period (partnerportal.PartnerReportLine).
REPORTED_COLUMNS = (
    "received",
    "handled",
    "resolved_informally",
    "decided_formally",
    "not_handled",
    "withdrawn",
    "well_founded",
    "partly_well_founded",
    "unfounded",
    "no_judgment",
)


#: The row of recommendations without a response (at the end of the period).
AWAITING = "awaiting"
CENT = Decimal("0.01")


def _per_case(cost: Decimal | None, cases: int) -> Decimal | None:
    """Cost ÷ cases, rounded half up to cents; None when unknown or without cases."""
    if cost is None or not cases:
        return None
    return (cost / cases).quantize(CENT, rounding=ROUND_HALF_UP)


def _bodies(body: Body | None) -> list[Body]:
    return [body] if body is not None else list(Body.objects.order_by("name"))


def _row_key(value) -> str:
    if value is None or value == "":
        return "none"
    return str(value)


def _period_label(year: int, code: str) -> str:
    return str(year) if code == "Y" else f"{year}-{code}"


# --- Assembling the report ------------------------------------------------------------------


class _Builder:
    """Pairs this period's raw figures with the previous period's into cells."""

    def __init__(self, now: _Raw, before: _Raw):
        self.now, self.before = now, before

    def figure(self, key: str, label: str, unit: str = Unit.COUNT, help: str = "") -> Figure:
        return Figure(
            key,
            label,
            Cell(value=self.now.values.get(key), previous=self.before.values.get(key), unit=unit),
            help=help,
        )

    def table(
        self,
        key: str,
        title: str,
        columns: list[tuple[str, str, str]],
        *,
        rows: list[tuple[str, str]] | None = None,
        labels: Callable[[list[str]], dict[str, str]] | None = None,
        shares: dict[str, tuple[str, str | None]] | None = None,
        chart_column: str = "",
        description: str = "",
        order_by: str | None = None,
        suppressible: bool = True,
        default: int | None = 0,
        free_labels: bool = False,
    ) -> Table:
        """A breakdown table. `columns`: (key, label, unit). `rows`: fixed (key, label) rows
        in order; otherwise the rows with a value in either period, labelled by `labels`
        and sorted on `order_by` (descending). `shares`: column → (count column, total
        value key or None for the column total) computed here, suppressed with their count."""
        now, before = self.now.tables.get(key, {}), self.before.tables.get(key, {})
        if rows is None:
            keys = sorted(set(now) | set(before))
            names = {**self.before.labels.get(key, {}), **self.now.labels.get(key, {})}
            if labels is not None:
                names.update(labels(keys))
            rows = [(k, names.get(k, k)) for k in keys]
            if order_by:
                rows.sort(
                    key=lambda r: (
                        -(now.get(r[0], {}).get(order_by) or 0),
                        -(before.get(r[0], {}).get(order_by) or 0),
                        str(r[1]),
                    )
                )
        shares = shares or {}
        counted = [c for c, _l, unit in columns if unit == Unit.COUNT]
        totals_now = {c: sum(now.get(k, {}).get(c) or 0 for k, _l in rows) for c in counted}
        totals_before = {c: sum(before.get(k, {}).get(c) or 0 for k, _l in rows) for c in counted}
        table_rows = []
        for row_key, row_label in rows:
            cells = {}
            for column, _label, unit in columns:
                if column in shares:
                    count_column, total_key = shares[column]
                    count_now = now.get(row_key, {}).get(count_column) or 0
                    count_before = before.get(row_key, {}).get(count_column) or 0
                    whole_now = (
                        totals_now[count_column]
                        if total_key is None
                        else self._whole(self.now, row_key, key, total_key)
                    )
                    whole_before = (
                        totals_before[count_column]
                        if total_key is None
                        else self._whole(self.before, row_key, key, total_key)
                    )
                    cells[column] = Cell(
                        value=share(count_now, whole_now),
                        previous=share(count_before, whole_before),
                        unit=Unit.SHARE,
                        suppressible=suppressible,
                        basis=count_now,
                        previous_basis=count_before,
                    )
                    continue
                value_now = now.get(row_key, {}).get(column)
                value_before = before.get(row_key, {}).get(column)
                if unit == Unit.COUNT:
                    value_now = default if value_now is None else value_now
                    value_before = default if value_before is None else value_before
                cells[column] = Cell(
                    value=value_now,
                    previous=value_before,
                    unit=unit,
                    suppressible=suppressible and unit in (Unit.COUNT, Unit.DAYS),
                    basis=_basis(now.get(row_key, {}), unit),
                    previous_basis=_basis(before.get(row_key, {}), unit),
                )
            table_rows.append(Row(row_key, str(row_label), cells))
        return Table(
            key=key,
            title=title,
            columns=[(c, label) for c, label, _u in columns],
            rows=table_rows,
            chart_column=chart_column,
            description=description,
            free_labels=free_labels,
        )

    @staticmethod
    def _whole(raw: _Raw, row_key: str, table: str, total_key: str):
        if total_key.startswith("column:"):
            return raw.tables.get(table, {}).get(row_key, {}).get(total_key.removeprefix("column:"))
        return raw.values.get(total_key)


def _basis(cells: dict, unit: str) -> int | None:
    """The complaint count behind a lead time (its route's number of closings)."""
    if unit == Unit.DAYS:
        return cells.get("closed", cells.get("replied"))
    return None


def _names(model, field: str = "name") -> Callable[[list[str]], dict[str, str]]:
    def lookup(keys: list[str]) -> dict[str, str]:
        ids = [int(k) for k in keys if k.isdigit()]
        names = {
            str(pk): name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", field)
        }
        names["none"] = _("Onbekend")
        return names

    return lookup


def _choices(choices) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in choices]


def compute(period: Period, *, body: Body | None = None, today: date | None = None) -> Report:
    """Every figure of kpis.md for `period` (and the same days a year earlier), for one
    body or (None) all."""
    from vangnet.complaints.deadlines import today as local_today

    today = today or local_today()
    previous = period.previous()
    bodies = _bodies(body)
    now = _Raw(period, body, today=today, bodies=bodies)
    before = _Raw(previous, body, today=today, bodies=bodies)
    b = _Builder(now, before)
    count = Unit.COUNT

    volume = Section(
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
    )
    received_column = [("count", _("Ontvangen"), count)]

    def received_by(key: str, title: str, **options) -> Table:
        """A breakdown of the complaints received, with each row's share of them."""
        return b.table(
            key,
            title,
            [*received_column, ("share", _("Aandeel"), Unit.SHARE)],
            shares={"share": ("count", "received")},
            **options,
        )

    # The month rows of this period and the same months a year earlier.
    monthly = [
        (month, now.monthly.get(month, 0), before.monthly.get(_year_back(month), 0))
        for month in period.months()
    ]
    volume.tables = [
        Table(
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
        ),
        received_by(
            "received_by_channel",
            _("Ontvangen per kanaal"),
            rows=_choices(Channel.choices),
            chart_column="count",
        ),
        received_by(
            "received_by_theme",
            _("Ontvangen per thema"),
            labels=_names(Theme),
            chart_column="count",
            order_by="count",
        ),
        received_by(
            "received_by_department",
            _("Ontvangen per afdeling"),
            labels=_names(Department),
            order_by="count",
        ),
        received_by(
            "received_by_partner",
            _("Ontvangen per samenwerkingspartner"),
            labels=_names(Partner),
            chart_column="count",
            order_by="count",
        ),
        received_by(
            "received_by_body",
            _("Ontvangen per bestuursorgaan"),
            labels=_names(Body),
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
            "received_by_type", _("Ontvangen per soort klacht"), rows=_choices(SubjectType.choices)
        ),
        b.table(
            "not_a_complaint_by_kind",
            _("Geen klacht, per soort"),
            received_column,
            rows=[(k, label) for k, label in _choices(Kind.choices) if k != Kind.COMPLAINT],
        ),
    ]

    route = Section(
        "route",
        _("Hoe zijn de klachten afgehandeld?"),
        figures=[
            b.figure("closed", _("Afgehandelde klachten")),
            b.figure("resolved_informally", _("Informeel opgelost")),
            b.figure("share_resolved_informally", _("Aandeel informeel opgelost"), Unit.SHARE),
        ],
        tables=[
            b.table(
                "route",
                _("Afgehandeld per route"),
                [("count", _("Afgehandeld"), count), ("share", _("Aandeel"), Unit.SHARE)],
                rows=list(Route.labels().items()),
                shares={"share": ("count", "closed")},
                chart_column="count",
            ),
            b.table(
                "not_handled_by_ground",
                _("Niet in behandeling genomen, per grond (Awb 9:8)"),
                [("count", _("Aantal"), count)],
                rows=_choices(DeclineGround.choices),
            ),
        ],
    )

    outcome = Section(
        "outcome",
        _("Oordeel over formeel afgehandelde klachten"),
        figures=[b.figure("decided_formally", _("Formeel afgehandeld met een oordeel"))],
        tables=[
            b.table(
                "outcome",
                _("Oordeel"),
                [("count", _("Aantal"), count), ("share", _("Aandeel"), Unit.SHARE)],
                rows=[(str(o), str(o.label)) for o in FORMAL_OUTCOMES],
                shares={"share": ("count", "decided_formally")},
                chart_column="count",
            ),
            b.table(
                "norm_families_not_met",
                _("Niet nageleefde normen van de Behoorlijkheidswijzer, per groep"),
                [("count", _("Klachten"), count)],
                rows=[(str(i), str(family)) for i, (family, _n) in enumerate(norms.FAMILIES)],
            ),
            b.table(
                "norms_not_met",
                _("Niet nageleefde normen van de Behoorlijkheidswijzer"),
                [("count", _("Klachten"), count)],
                rows=[(code, str(label)) for code, label in norms.NORMS.items()],
            ),
        ],
    )

    timeliness = Section(
        "timeliness",
        _("Op tijd?"),
        figures=[
            b.figure("closed_on_time", _("Op tijd afgehandeld")),
            b.figure("share_on_time", _("Aandeel op tijd afgehandeld"), Unit.SHARE),
            b.figure("lead_time_median", _("Doorlooptijd, mediaan (dagen)"), Unit.DAYS),
            b.figure("lead_time_p90", _("Doorlooptijd, 90e percentiel (dagen)"), Unit.DAYS),
            b.figure("acknowledged_on_time", _("Ontvangst op tijd bevestigd")),
            b.figure(
                "share_acknowledged_on_time", _("Aandeel ontvangst op tijd bevestigd"), Unit.SHARE
            ),
            b.figure("first_contact_on_time", _("Op tijd eerste contact")),
            b.figure(
                "share_first_contact_on_time", _("Aandeel op tijd eerste contact"), Unit.SHARE
            ),
            b.figure("extended", _("Verdaagd (Awb 9:11 lid 2)")),
            b.figure("delayed_with_consent", _("Uitgesteld met instemming van de indiener")),
            b.figure("closed_late", _("Te laat afgehandeld, zonder instemming")),
            b.figure("open_past_due_at_end", _("Open en over de termijn aan het eind")),
        ],
        tables=[
            b.table(
                "timeliness_by_route",
                _("Tijdigheid en doorlooptijd per route"),
                [
                    ("closed", _("Afgehandeld"), count),
                    ("on_time", _("Op tijd"), count),
                    ("share_on_time", _("Aandeel op tijd"), Unit.SHARE),
                    ("lead_time_median", _("Mediaan (dagen)"), Unit.DAYS),
                    ("lead_time_p90", _("90e percentiel (dagen)"), Unit.DAYS),
                ],
                rows=list(Route.labels().items()),
                shares={"share_on_time": ("on_time", "column:closed")},
                chart_column="share_on_time",
            ),
        ],
    )

    partner_columns = [
        ("about_partner", _("Klachten over de partner bij de gemeente"), count),
        ("forwarded", _("Doorgestuurd"), count),
        ("replied", _("Teruggekoppeld"), count),
        ("replied_in_time", _("Op tijd teruggekoppeld"), count),
        ("reply_days_median", _("Terugkoppeling na (dagen, mediaan)"), Unit.DAYS),
        ("reported_received", _("Gemeld: ontvangen"), count),
        ("reported_handled", _("Gemeld: afgehandeld"), count),
        ("reported_resolved_informally", _("Gemeld: informeel opgelost"), count),
        ("reported_decided_formally", _("Gemeld: formeel afgehandeld"), count),
        ("reported_well_founded", _("Gemeld: gegrond"), count),
        ("reported_partly_well_founded", _("Gemeld: deels gegrond"), count),
        ("reported_unfounded", _("Gemeld: ongegrond"), count),
        ("reported_no_judgment", _("Gemeld: geen oordeel"), count),
        ("reported_not_handled", _("Gemeld: niet in behandeling"), count),
        ("reported_withdrawn", _("Gemeld: ingetrokken"), count),
    ]
    partners = Section(
        "partners",
        _("Samenwerkingspartners"),
        notes=[
            _(
                "Per partner: de klachten over de partner die bij de gemeente binnenkwamen, "
                "hoeveel daarvan zijn doorgestuurd en hoe snel de partner terugkoppelde, en de "
                "cijfers die de partner zelf over de periode heeft aangeleverd."
            )
        ],
        tables=[
            b.table(
                "partners",
                _("Klachten per samenwerkingspartner"),
                partner_columns,
                rows=_all_partner_rows(now, before),
            ),
            b.table(
                "partner_reported_by_theme",
                _("Door partners gemelde klachten per thema"),
                [("received", _("Ontvangen"), count), ("handled", _("Afgehandeld"), count)],
                labels=_names(Theme),
                order_by="received",
            ),
            b.table(
                "partners_not_reported",
                _("Partners die (nog) geen cijfers hebben aangeleverd"),
                [("periods", _("Periodes zonder cijfers"), Unit.TEXT)],
                # Only this period's: last year's gaps are last year's report.
                rows=sorted(now.labels["partners_not_reported"].items(), key=lambda r: r[1]),
                suppressible=False,
                default=None,
            ),
        ],
    )

    money = Unit.EUR
    second_line = Section(
        "second_line",
        _("Tweede lijn: de ombudsman"),
        notes=[
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
        ],
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
        tables=[
            _arrangements(period, bodies),
            b.table(
                "ombudsman_cases_by_ombudsman",
                _("Zaken per ombudsman"),
                [("opened", _("Nieuw"), count), ("closed", _("Afgesloten"), count)],
                labels=_names(Ombudsman),
                order_by="opened",
            ),
            b.table(
                "ombudsman_cases_by_outcome",
                _("Afgesloten zaken bij de ombudsman, per uitkomst"),
                [("count", _("Aantal"), count)],
                rows=_choices(OmbudsmanCase.Outcome.choices),
            ),
            b.table(
                "recommendations_by_response",
                _("Aanbevelingen: wat de gemeente ermee doet"),
                [("count", _("Aanbevelingen"), count), ("late", _("Te laat gereageerd"), count)],
                rows=[
                    *_choices(Recommendation.Response.choices),
                    (AWAITING, _("Nog geen reactie")),
                ],
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
        ],
    )

    learning = Section(
        "learning",
        _("Leren van klachten"),
        figures=[
            b.figure("decisions_with_measures", _("Formele oordelen met een verbetermaatregel")),
            b.figure("lessons_recorded", _("Klachten met vastgelegde lessen")),
            b.figure("measures_opened", _("Verbetermaatregelen afgesproken")),
            b.figure("measures_completed", _("Verbetermaatregelen uitgevoerd")),
            b.figure(
                "measures_overdue_at_end",
                _("Verbetermaatregelen niet op tijd klaar, aan het eind van de periode"),
            ),
            b.figure("bottlenecks_raised", _("Knelpunten in regels gemeld")),
            b.figure("bottlenecks_resolved", _("Knelpunten in regels besloten")),
            b.figure("case_discussions_held", _("Casusoverleggen gehouden")),
        ],
        tables=[
            b.table(
                "lessons_by_cause",
                _("Vastgelegde lessen per oorzaak"),
                [("count", _("Klachten"), count)],
                labels=_names(Cause),
                order_by="count",
            ),
            b.table(
                "bottlenecks_by_decision",
                _("Besloten knelpunten in regels, per besluit"),
                [("count", _("Knelpunten"), count)],
                rows=_choices(Bottleneck.Decision.choices),
            ),
            _theme_trend(b),
        ],
    )

    satisfaction = Section(
        "satisfaction",
        _("Tevredenheid"),
        figures=[
            b.figure("survey_responses", _("Ingevulde tevredenheidsvragenlijsten")),
            b.figure("survey_satisfied", _("Tevreden of zeer tevreden")),
            b.figure("share_satisfied", _("Aandeel tevreden"), Unit.SHARE),
        ],
        tables=[
            b.table(
                "satisfaction_by_outcome",
                _("Tevredenheid per uitkomst"),
                [
                    ("responses", _("Antwoorden"), count),
                    ("satisfied", _("Tevreden"), count),
                    ("share_satisfied", _("Aandeel tevreden"), Unit.SHARE),
                ],
                rows=[(str(o), str(o.label)) for o in Outcome if o != Outcome.NOT_A_COMPLAINT],
                shares={"share_satisfied": ("satisfied", "column:responses")},
            ),
        ],
    )

    municipality = Municipality.current()
    return Report(
        period=period,
        previous_period=previous,
        body=body.name if body else "",
        body_id=body.pk if body else None,
        municipality=municipality.name,
        sections=[
            volume,
            route,
            outcome,
            timeliness,
            partners,
            second_line,
            learning,
            satisfaction,
        ],
        monthly_intake=monthly,
    )


def _month_label(month: date) -> str:
    return date_format(month, "F Y")


def _year_back(month: date) -> date:
    return month.replace(year=month.year - 1)


def _all_partner_rows(now: _Raw, before: _Raw) -> list[tuple[str, str]]:
    """Every active partner, and any other partner with figures in either period."""
    keys = set(now.tables.get("partners", {})) | set(before.tables.get("partners", {}))
    ids = {int(k) for k in keys if k.isdigit()}
    partners = Partner.objects.filter(Q(is_active=True) | Q(pk__in=ids)).order_by("name")
    return [(str(p.pk), p.name) for p in partners]


def _arrangements(period: Period, bodies: list[Body]) -> Table:
    """The ombudsman each body was connected to during the period (a switch during the
    period shows both, with the date it took effect)."""
    rows = []
    for each in bodies:
        before_start = each.arrangement_on(period.start)
        during = list(
            each.arrangements.filter(
                effective_from__gt=period.start, effective_from__lte=period.end
            )
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
        rows.append(
            Row(
                str(each.pk),
                each.name,
                {
                    "ombudsman": Cell(
                        value="; ".join(parts) or _("Geen tweedelijnsvoorziening ingesteld"),
                        unit=Unit.TEXT,
                    )
                },
            )
        )
    return Table(
        key="second_line_arrangements",
        title=_("Tweedelijnsvoorziening per bestuursorgaan"),
        columns=[("ombudsman", _("Ombudsman"))],
        rows=rows,
    )


def _theme_trend(b: _Builder) -> Table:
    """Main themes by the change in complaints received against the previous period:
    the biggest rises first, then the biggest falls (kpis.md, "Learning")."""
    now = b.now.tables.get("received_by_theme", {})
    before = b.before.tables.get("received_by_theme", {})
    keys = sorted(set(now) | set(before))
    names = _names(Theme)(keys)
    rows = []
    for key in keys:
        current = now.get(key, {}).get("count", 0)
        previous = before.get(key, {}).get("count", 0)
        change = current - previous
        direction = _("gestegen") if change > 0 else _("gedaald") if change < 0 else _("gelijk")
        rows.append(
            (
                -change,
                names.get(key, key),
                Row(
                    key,
                    names.get(key, key),
                    {
                        "count": Cell(current, previous, Unit.COUNT, suppressible=True),
                        "change": Cell(
                            change,
                            None,
                            Unit.COUNT,
                            suppressible=True,
                            basis=min((n for n in (current, previous) if n), default=0),
                        ),
                        "direction": Cell(direction, None, Unit.TEXT),
                    },
                ),
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return Table(
        key="theme_trend",
        title=_("Thema's: stijging en daling tegenover vorig jaar"),
        columns=[
            ("count", _("Ontvangen")),
            ("change", _("Verschil")),
            ("direction", _("Richting")),
        ],
        rows=[row for _sort, _name, row in rows],
    )
