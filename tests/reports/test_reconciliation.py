"""Reconciliation: every figure of kpis.md, computed by `reports.kpis` from the database,
equals the figure computed here in plain Python from the hand-built register
(`register.SPECS`), for the report year and the year before it. The oracle below follows
the words of kpis.md and shares no code with `reports.kpis`."""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from vangnet.complaints import norms
from vangnet.complaints.models import Channel, Kind, SubjectType
from vangnet.complaints.workflow import DeclineGround, Judgment, Outcome
from vangnet.reports import kpis
from vangnet.reports.figures import Period
from vangnet.reports.presentation import format_value

from . import register
from .register import LOCAL, SPECS, Spec

pytestmark = pytest.mark.django_db

FORMAL = {Outcome.WELL_FOUNDED, Outcome.PARTLY_WELL_FOUNDED, Outcome.UNFOUNDED, Outcome.NO_JUDGMENT}
ROUTE = {
    Outcome.RESOLVED_INFORMALLY: "resolved_informally",
    Outcome.NOT_HANDLED: "not_handled",
    Outcome.WITHDRAWN: "withdrawn",
    Outcome.FORWARDED_TO_PARTNER: "forwarded_to_partner",
    Outcome.FORWARDED_TO_BODY: "forwarded_to_body",
    **dict.fromkeys(FORMAL, "decided_formally"),
}


def inside(day, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def ratio(part, whole):
    return round(part / whole, 4) if whole else None


def quantile(values: list[int], which: float):
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    if which == 0.5:
        return round(float(statistics.median(values)), 1)
    return round(float(statistics.quantiles(values, n=10, method="inclusive")[8]), 1)


def oracle(specs: list[Spec], period: Period, org, *, rows_of: Period) -> dict:
    """The figures of kpis.md for `period`, by their definitions. Breakdown rows are
    those with complaints in `period` or in `rows_of` (the report shows a row when
    either of its two periods has one)."""
    complaints = [s for s in specs if s.kind == Kind.COMPLAINT]
    received = [s for s in complaints if inside(s.received, period)]
    shown = [s for s in complaints if inside(s.received, period) or inside(s.received, rows_of)]
    closed = [s for s in complaints if inside(s.closed, period)]
    decided = [s for s in closed if s.outcome in FORMAL]
    f: dict = {
        "volume.received": len(received),
        "volume.closed": len(closed),
        "volume.open_at_start": sum(
            1
            for s in complaints
            if s.received < period.start and (s.closed is None or s.closed >= period.start)
        ),
        "volume.open_at_end": sum(
            1
            for s in complaints
            if s.received <= period.end and (s.closed is None or s.closed > period.end)
        ),
        "volume.not_a_complaint": sum(
            1 for s in specs if s.kind != Kind.COMPLAINT and inside(s.received, period)
        ),
    }
    inhabitants = register.INHABITANTS.get(period.start.year)
    f["volume.per_1000_inhabitants"] = (
        round(len(received) / inhabitants * 1000, 2) if inhabitants else None
    )
    assert f["volume.open_at_end"] == f["volume.open_at_start"] + len(received) - len(closed)

    def breakdown(table, key_of, rows=None):
        counts = Counter(key_of(s) for s in received)
        for key in rows or {key_of(s) for s in shown}:
            f[f"volume.{table}.{key}.count"] = counts.get(key, 0)
            f[f"volume.{table}.{key}.share"] = ratio(counts.get(key, 0), len(received))

    def main_theme(s):
        theme = getattr(org, s.theme)
        return str(theme.parent_id or theme.pk)

    breakdown("received_by_channel", lambda s: s.channel, list(Channel.values))
    breakdown("received_by_theme", main_theme)
    breakdown(
        "received_by_department",
        lambda s: str(getattr(org, s.department).pk) if s.department else "none",
    )
    breakdown("received_by_body", lambda s: str(getattr(org, s.body).pk))
    breakdown("received_by_neighbourhood", lambda s: s.neighbourhood or "none")
    breakdown("received_by_type", lambda s: s.subject, list(SubjectType.values))
    breakdown("received_by_partner", lambda s: str(getattr(org, s.partner).pk) if s.partner else "")
    f.pop("volume.received_by_partner..count", None)
    f.pop("volume.received_by_partner..share", None)
    others = Counter(
        s.kind for s in specs if s.kind != Kind.COMPLAINT and inside(s.received, period)
    )
    for kind in (Kind.REPORT, Kind.OBJECTION, Kind.QUESTION):
        f[f"volume.not_a_complaint_by_kind.{kind}.count"] = others.get(kind, 0)

    months = Counter(f"{s.received:%Y-%m}" for s in received)
    for month in range(1, 13):
        key = f"{period.start.year}-{month:02d}"
        f[f"volume.received_by_month.{period.start.year}-{month:02d}.count"] = months.get(key, 0)

    # Route.
    routes = Counter(ROUTE[s.outcome] for s in closed)
    for route in kpis.Route.ALL:
        f[f"route.route.{route}.count"] = routes.get(route, 0)
        f[f"route.route.{route}.share"] = ratio(routes.get(route, 0), len(closed))
    f["route.resolved_informally"] = routes.get("resolved_informally", 0)
    f["route.share_resolved_informally"] = ratio(routes.get("resolved_informally", 0), len(closed))
    grounds = Counter(s.ground for s in closed if s.outcome == Outcome.NOT_HANDLED)
    for ground in DeclineGround.values:
        f[f"route.not_handled_by_ground.{ground}.count"] = grounds.get(ground, 0)

    # Outcome and norms (latest decision, not-met judgments, once per complaint).
    outcomes = Counter(s.outcome for s in decided)
    f["outcome.decided_formally"] = len(decided)
    for outcome in FORMAL:
        f[f"outcome.outcome.{outcome}.count"] = outcomes.get(outcome, 0)
        f[f"outcome.outcome.{outcome}.share"] = ratio(outcomes.get(outcome, 0), len(decided))
    not_met: dict[str, set] = defaultdict(set)
    for index, s in enumerate(decided):
        for judgment, codes in s.decisions[-1]:
            if judgment in (Judgment.WELL_FOUNDED, Judgment.PARTLY_WELL_FOUNDED):
                for code in codes:
                    not_met[code].add(index)
    for code in norms.NORMS:
        f[f"outcome.norms_not_met.{code}.count"] = len(not_met[code])
    for number, (_family, family_norms) in enumerate(norms.FAMILIES):
        members = set().union(*(not_met[code] for code, _label in family_norms))
        f[f"outcome.norm_families_not_met.{number}.count"] = len(members)

    # Timeliness.
    on_time = [s for s in closed if s.closed <= s.due]
    f["timeliness.closed_on_time"] = len(on_time)
    f["timeliness.share_on_time"] = ratio(len(on_time), len(closed))
    f["timeliness.closed_late"] = len(closed) - len(on_time)
    f["timeliness.extended"] = sum(1 for s in closed if "extension" in s.postponements)
    f["timeliness.delayed_with_consent"] = sum(1 for s in closed if "consent" in s.postponements)
    f["timeliness.open_past_due_at_end"] = sum(
        1
        for s in complaints
        if s.received <= period.end
        and (s.closed is None or s.closed > period.end)
        and s.due < period.end
    )
    leads = [(s.closed - s.received).days for s in closed]
    f["timeliness.lead_time_median"] = quantile(leads, 0.5)
    f["timeliness.lead_time_p90"] = quantile(leads, 0.9)
    for route in kpis.Route.ALL:
        of_route = [s for s in closed if ROUTE[s.outcome] == route]
        in_time = [s for s in of_route if s.closed <= s.due]
        prefix = f"timeliness.timeliness_by_route.{route}"
        f[f"{prefix}.closed"] = len(of_route)
        f[f"{prefix}.on_time"] = len(in_time)
        f[f"{prefix}.share_on_time"] = ratio(len(in_time), len(of_route))
        route_leads = [(s.closed - s.received).days for s in of_route]
        f[f"{prefix}.lead_time_median"] = quantile(route_leads, 0.5)
        f[f"{prefix}.lead_time_p90"] = quantile(route_leads, 0.9)

    def acknowledged_in_time(s: Spec) -> bool:
        moment = s.ack_moment
        return moment is not None and moment.astimezone(LOCAL).date() <= s.received + timedelta(
            days=s.ack_days
        )

    def contacted_in_time(s: Spec) -> bool:
        limit = s.received + timedelta(days=s.contact_days)
        return any(reached and day <= limit for day, reached in s.contact_list)

    # Acknowledgement not possible (no address or e-mail): apart, out of the share.
    impossible = sum(1 for s in received if s.anonymous)
    f["timeliness.acknowledgement_impossible"] = impossible
    f["timeliness.acknowledged_on_time"] = sum(map(acknowledged_in_time, received))
    f["timeliness.share_acknowledged_on_time"] = ratio(
        f["timeliness.acknowledged_on_time"], len(received) - impossible
    )
    f["timeliness.first_contact_on_time"] = sum(map(contacted_in_time, received))
    f["timeliness.share_first_contact_on_time"] = ratio(
        f["timeliness.first_contact_on_time"], len(received)
    )

    # Partners: complaints about them, forwards and replies.
    for partner_attr in ("partner", "other_partner"):
        key = str(getattr(org, partner_attr).pk)
        prefix = f"partners.partners.{key}"
        f[f"{prefix}.about_partner"] = sum(1 for s in received if s.partner == partner_attr)
        forwards = [
            fw
            for s in complaints
            for fw in s.forwards
            if fw[0] == partner_attr and inside(fw[1], period)
        ]
        replied = [fw for fw in forwards if fw[3] is not None]
        f[f"{prefix}.forwarded"] = len(forwards)
        f[f"{prefix}.replied"] = len(replied)
        f[f"{prefix}.replied_in_time"] = sum(1 for fw in replied if fw[3].date() <= fw[2])
        f[f"{prefix}.reply_days_median"] = quantile(
            [(fw[3].date() - fw[1]).days for fw in replied], 0.5
        )

    # Partners' own figures: current versions of reports inside the period.
    reports = [
        r
        for r in register.PARTNER_REPORTS
        if r[4] and inside(register.quarter_days(r[1], r[2])[0], period)
    ]
    for partner_attr in ("partner", "other_partner"):
        key = str(getattr(org, partner_attr).pk)
        lines = [line for r in reports if r[0] == partner_attr for line in r[5]]
        for index, name in enumerate(register.REPORTED, start=1):
            total = sum(line[index] for line in lines)
            f[f"partners.partners.{key}.reported_{name}"] = total if lines else 0
    by_theme = defaultdict(lambda: [0, 0])
    for r in reports:
        for theme, received_, handled, *_rest in r[5]:
            if theme is None:
                key = "none"
            else:
                the_theme = getattr(org, theme)
                key = str(the_theme.parent_id or the_theme.pk)
            by_theme[key][0] += received_
            by_theme[key][1] += handled
    for key, (received_, handled) in by_theme.items():
        f[f"partners.partner_reported_by_theme.{key}.received"] = received_
        f[f"partners.partner_reported_by_theme.{key}.handled"] = handled

    # Satisfaction: answers given in the period (local date).
    answers = [
        (s.outcome, s.survey[0])
        for s in complaints
        if s.survey and inside(s.survey[1].astimezone(LOCAL).date(), period)
    ]
    f["satisfaction.survey_responses"] = len(answers)
    f["satisfaction.survey_satisfied"] = sum(1 for _o, score in answers if score >= 4)
    f["satisfaction.share_satisfied"] = ratio(f["satisfaction.survey_satisfied"], len(answers))
    by_outcome = defaultdict(list)
    for outcome, score in answers:
        by_outcome[outcome].append(score)
    for outcome, scores in by_outcome.items():
        happy = sum(1 for score in scores if score >= 4)
        f[f"satisfaction.satisfaction_by_outcome.{outcome}.responses"] = len(scores)
        f[f"satisfaction.satisfaction_by_outcome.{outcome}.satisfied"] = happy
        f[f"satisfaction.satisfaction_by_outcome.{outcome}.share_satisfied"] = ratio(
            happy, len(scores)
        )

    # Learning.
    f["learning.decisions_with_measures"] = sum(1 for s in decided if s.measures)
    return f


# --- Learning and the second line (issue 6) ---------------------------------------------

#: The body (key of `register.bodies`) of each complaint the learning rows point at.
BODY_OF = {s.key: s.body for s in SPECS if s.key}
CENT = Decimal("0.01")


def cents(amount: Fraction) -> Decimal:
    """An exact amount rounded half up to cents."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def oracle_cost(body: str, period: Period, case_days: list[date]) -> Decimal | None:
    """What `body`'s second line cost over `period`: day by day, each day under the
    arrangement in effect on it, each calendar year's run of days under one arrangement
    priced as that share of the year (the contribution's allowance too, rounded down)."""
    arrangements = sorted(
        (a for a in register.ARRANGEMENTS if a.body == body), key=lambda a: a.effective_from
    )
    runs: list[list] = []  # [arrangement, year, first day, last day]
    for day in days(period.start, period.end):
        in_effect = [a for a in arrangements if a.effective_from <= day]
        if not in_effect:
            continue
        current = in_effect[-1]
        if runs and runs[-1][0] is current and runs[-1][1] == day.year:
            runs[-1][3] = day
        else:
            runs.append([current, day.year, day, day])
    if not runs:
        return None
    total = Decimal("0.00")
    for arrangement, year, first, last in runs:
        share = Fraction((last - first).days + 1, (date(year + 1, 1, 1) - date(year, 1, 1)).days)
        cases = sum(1 for day in case_days if first <= day <= last)
        if arrangement.cost_model == "per_inhabitant":
            inhabitants = register.INHABITANTS.get(year)
            if inhabitants is None:
                return None
            amount = Fraction(arrangement.amount_per_inhabitant) * inhabitants * share
        elif arrangement.cost_model == "fixed":
            amount = Fraction(arrangement.yearly_amount) * share
        else:
            allowance = math.floor(arrangement.included_complaints * share)
            extra = max(0, cases - allowance)
            amount = (
                Fraction(arrangement.yearly_amount) * share
                + Fraction(arrangement.price_per_extra_complaint) * extra
            )
        total += cents(amount)
    return total


def per_case(cost: Decimal | None, cases: int) -> Decimal | None:
    return None if cost is None or not cases else cents(Fraction(cost) / cases)


def learning_oracle(
    org, period: Period, *, rows_of: Period, today: date, body: str | None = None
) -> dict:
    """The second-line and learning figures of kpis.md for `period`, for all bodies
    (None) or one (`register.bodies` key), as the docstrings of `reports.kpis` define them."""
    from vangnet.learning.models import Cause

    f: dict = {}
    moment = min(period.end, today)

    def of_body(keys) -> bool:
        return body is None or any(BODY_OF[key] == body for key in keys)

    # Ombudsman cases.
    cases = [c for c in register.CASES if body is None or c.body == body]
    ombudsmen = register.ombudsmen(org)
    shown = {
        c.ombudsman
        for c in cases
        for p in (period, rows_of)
        if inside(c.received, p) or inside(c.closed, p)
    }
    for name in shown:
        prefix = f"second_line.ombudsman_cases_by_ombudsman.{ombudsmen[name].pk}"
        f[f"{prefix}.opened"] = sum(
            1 for c in cases if c.ombudsman == name and inside(c.received, period)
        )
        f[f"{prefix}.closed"] = sum(
            1 for c in cases if c.ombudsman == name and inside(c.closed, period)
        )
    f["second_line.ombudsman_cases_opened"] = sum(1 for c in cases if inside(c.received, period))
    f["second_line.ombudsman_cases_closed"] = sum(1 for c in cases if inside(c.closed, period))
    for outcome in ("intervention", "report", "not_admissible", "other"):
        f[f"second_line.ombudsman_cases_by_outcome.{outcome}.count"] = sum(
            1 for c in cases if inside(c.closed, period) and c.outcome == outcome
        )

    # Recommendations made in the period, as they stood at its end.
    made = [r for c in cases for r in c.recommendations if inside(r[0], period)]
    status = Counter()
    late = Counter()
    for _made, respond_by, responded, response in made:
        answered = responded is not None and responded <= moment
        key = response if answered else "awaiting"
        status[key] += 1
        if (answered and responded > respond_by) or (not answered and respond_by < moment):
            late[key] += 1
    for key in ("followed", "partly", "not_followed", "awaiting"):
        f[f"second_line.recommendations_by_response.{key}.count"] = status[key]
        f[f"second_line.recommendations_by_response.{key}.late"] = late[key]
    f["second_line.recommendations_made"] = len(made)
    f["second_line.recommendations_followed"] = status["followed"]
    f["second_line.recommendations_late"] = sum(late.values())

    # Cost, per body and together.
    total: Decimal | None = Decimal("0.00")
    for key, the_body in register.bodies(org).items():
        if body is not None and key != body:
            continue
        case_days = [c.received for c in cases if c.body == key and inside(c.received, period)]
        cost = oracle_cost(key, period, case_days)
        prefix = f"second_line.second_line_cost_by_body.{the_body.pk}"
        f[f"{prefix}.cost"] = cost
        f[f"{prefix}.cases"] = len(case_days)
        f[f"{prefix}.per_case"] = per_case(cost, len(case_days))
        total = None if total is None or cost is None else total + cost
    f["second_line.second_line_cost"] = total
    f["second_line.second_line_cost_per_case"] = per_case(
        total, f["second_line.ombudsman_cases_opened"]
    )

    # Lessons.
    lessons = [lesson for lesson in register.LESSONS if of_body([lesson[0]])]
    causes = {
        lesson[1] for lesson in lessons if inside(lesson[2], period) or inside(lesson[2], rows_of)
    }
    for cause in causes:
        pk = Cause.objects.get(name=cause).pk
        f[f"learning.lessons_by_cause.{pk}.count"] = sum(
            1 for lesson in lessons if lesson[1] == cause and inside(lesson[2], period)
        )
    f["learning.lessons_recorded"] = sum(1 for lesson in lessons if inside(lesson[2], period))

    # Improvement measures.
    measures = [
        m for m in register.MEASURES if body is None or (m.complaints and of_body(m.complaints))
    ]
    f["learning.measures_opened"] = sum(1 for m in measures if inside(m.opened, period))
    f["learning.measures_completed"] = sum(
        1 for m in measures if m.state == "done" and inside(m.closed, period)
    )
    f["learning.measures_overdue_at_end"] = sum(
        1
        for m in measures
        if m.opened <= moment and m.due < moment and (m.closed is None or m.closed > moment)
    )

    # Rule bottlenecks.
    bottlenecks = [b for b in register.BOTTLENECKS if of_body([b.complaint])]
    f["learning.bottlenecks_raised"] = sum(1 for b in bottlenecks if inside(b.raised, period))
    for decision in ("stays", "exception", "changed"):
        f[f"learning.bottlenecks_by_decision.{decision}.count"] = sum(
            1 for b in bottlenecks if b.decision == decision and inside(b.decided, period)
        )
    f["learning.bottlenecks_resolved"] = sum(1 for b in bottlenecks if inside(b.decided, period))

    # Case discussions: held, not after today.
    f["learning.case_discussions_held"] = sum(
        1
        for held_on, keys in register.DISCUSSIONS
        if inside(held_on, period) and held_on <= today and (body is None or of_body(keys))
    )
    return f


#: Figures of the two sections that the learning oracle does not cover (checked above
#: or elsewhere): the arrangement names, the theme trend, decisions with measures.
NOT_IN_LEARNING_ORACLE = ("second_line.second_line_arrangements.", "learning.theme_trend.")


@pytest.fixture
def built(org):
    return register.build(org)


def computed(report) -> dict[str, tuple]:
    return {figure.id: (figure.value, figure.previous) for figure in report.flat()}


TODAY = date(2026, 3, 1)


def test_every_figure_matches_the_definition(org, built):
    report = kpis.compute(Period.year(2025), today=TODAY)
    figures = computed(report)
    this_year, last_year = Period.year(2025), Period.year(2024)
    now = oracle(SPECS, this_year, org, rows_of=last_year)
    before = oracle(SPECS, last_year, org, rows_of=this_year)
    now.update(learning_oracle(org, this_year, rows_of=last_year, today=TODAY))
    before.update(learning_oracle(org, last_year, rows_of=this_year, today=TODAY))
    assert len(now) > 200
    # The oracle covers every figure of the learning and second-line sections.
    assert new_section_ids(figures) <= set(now)
    # Month rows are keyed by this year's months; last year's figure sits beside them.
    for month in range(1, 13):
        before[f"volume.received_by_month.2025-{month:02d}.count"] = before.pop(
            f"volume.received_by_month.2024-{month:02d}.count"
        )
    mismatches = [
        (key, figures.get(key), (value, before.get(key)))
        for key, value in now.items()
        if key not in figures or figures[key] != (value, before.get(key, _default(key)))
    ]
    assert not mismatches, "\n".join(map(str, mismatches))


COUNT_COLUMNS = {
    "count", "responses", "satisfied", "about_partner", "forwarded", "replied",
    "replied_in_time", "closed", "on_time", "received", "handled", "opened", "late", "cases",
}  # fmt: skip


def new_section_ids(figures) -> set[str]:
    """The ids of the learning and second-line figures the learning oracle computes."""
    return {
        key
        for key in figures
        if key.split(".")[0] in ("second_line", "learning")
        and not key.startswith(NOT_IN_LEARNING_ORACLE)
        and key != "learning.decisions_with_measures"
    }


@pytest.mark.parametrize("body", ["college", "mayor"])
def test_learning_and_second_line_of_one_body_match_the_definition(org, built, body):
    """One body: ombudsman cases by their body; lessons, bottlenecks, measures and case
    discussions through the body of their complaints."""
    report = kpis.compute(Period.year(2025), body=register.bodies(org)[body], today=TODAY)
    figures = computed(report)
    this_year, last_year = Period.year(2025), Period.year(2024)
    now = learning_oracle(org, this_year, rows_of=last_year, today=TODAY, body=body)
    before = learning_oracle(org, last_year, rows_of=this_year, today=TODAY, body=body)
    assert new_section_ids(figures) == set(now)
    mismatches = [
        (key, figures.get(key), (value, before.get(key, _default(key))))
        for key, value in now.items()
        if figures.get(key) != (value, before.get(key, _default(key)))
    ]
    assert not mismatches, "\n".join(map(str, mismatches))


def test_second_line_and_learning_of_2025_by_hand(org, built):
    """Pencil-checkable against the register's CASES, MEASURES, LESSONS, BOTTLENECKS,
    DISCUSSIONS and ARRANGEMENTS (2025, with 2024 beside it)."""
    figures = computed(kpis.compute(Period.year(2025), today=TODAY))
    college, mayor = org.college.pk, org.mayor.pk
    # Opened: NO-25-1/2/3 and GO-25-1/2/3; closed: NO-24-2 (opened in 2024) and all of
    # 2025's but GO-25-2, closed in 2026.
    assert figures["second_line.ombudsman_cases_opened"] == (6, 2)
    assert figures["second_line.ombudsman_cases_closed"] == (6, 1)
    assert figures["second_line.ombudsman_cases_by_outcome.report.count"] == (3, 0)
    assert figures["second_line.ombudsman_cases_by_outcome.intervention.count"] == (1, 1)
    # Seven recommendations made in 2025; NO-25-2's second, answered in January 2026,
    # and its third, never answered, were awaiting (and past their term) at the end of
    # 2025; GO-25-3's third was followed two days after its term.
    assert figures["second_line.recommendations_made"] == (7, 0)
    assert figures["second_line.recommendations_followed"] == (2, 0)
    assert figures["second_line.recommendations_by_response.awaiting.count"] == (3, 0)
    assert figures["second_line.recommendations_by_response.awaiting.late"] == (2, 0)
    assert figures["second_line.recommendations_late"] == (3, 0)
    # Cost. The college: € 0,50 × 80.000 inhabitants × 181/365 (1 January – 30 June,
    # Nationale ombudsman) = € 19.835,62; then the joint ombudsman: € 10.000 × 184/365 =
    # € 5.041,10 covering ⌊2 × 184/365⌋ = 1 case, its 3 cases are 2 more at € 500:
    # € 6.041,10. In 2024 a full year per inhabitant: € 0,50 × 79.500 = € 39.750,00.
    # The mayor: € 1.000 a year, fixed.
    college_cost = f"second_line.second_line_cost_by_body.{college}"
    assert figures[f"{college_cost}.cost"] == (Decimal("25876.72"), Decimal("39750.00"))
    assert figures[f"{college_cost}.cases"] == (5, 2)
    assert figures[f"{college_cost}.per_case"] == (Decimal("5175.34"), Decimal("19875.00"))
    mayor_cost = f"second_line.second_line_cost_by_body.{mayor}"
    assert figures[f"{mayor_cost}.cost"] == (Decimal("1000.00"), Decimal("1000.00"))
    assert figures[f"{mayor_cost}.per_case"] == (Decimal("1000.00"), None)  # no case in 2024
    assert figures["second_line.second_line_cost"] == (Decimal("26876.72"), Decimal("40750.00"))
    # € 26.876,72 ÷ 6 = € 4.479,45; € 40.750 ÷ 2.
    assert figures["second_line.second_line_cost_per_case"] == (
        Decimal("4479.45"),
        Decimal("20375.00"),
    )
    assert figures["learning.lessons_recorded"] == (5, 1)
    assert figures["learning.measures_opened"] == (7, 2)
    assert figures["learning.measures_completed"] == (2, 1)
    # 2025: the one still in progress, the one done in January 2026, the one without a
    # complaint; 2024: the one done in February 2025.
    assert figures["learning.measures_overdue_at_end"] == (3, 1)
    assert figures["learning.bottlenecks_raised"] == (4, 2)
    assert figures["learning.bottlenecks_resolved"] == (3, 1)
    assert figures["learning.case_discussions_held"] == (3, 1)
    # The mayor's report: the measure linked to both bodies, the discussion of its
    # complaint, its own ombudsman case.
    mine = computed(kpis.compute(Period.year(2025), body=org.mayor, today=TODAY))
    assert mine["learning.measures_opened"] == (1, 0)
    assert mine["learning.case_discussions_held"] == (1, 0)
    assert mine["second_line.ombudsman_cases_opened"] == (1, 0)
    assert mine["second_line.second_line_cost"] == (Decimal("1000.00"), Decimal("1000.00"))


def test_case_discussions_count_only_when_held(org, built):
    """A discussion planned after today is not yet held; measures overdue and late
    recommendations are counted on today, not on a day still to come."""
    running = kpis.compute(Period.year(2026), today=TODAY)
    assert running.section("learning").figure("case_discussions_held").cell.value == 0
    later = kpis.compute(Period.year(2026), today=date(2026, 4, 1))
    assert later.section("learning").figure("case_discussions_held").cell.value == 1
    # On 1 March 2026 the measure linked to both bodies (due that day) is not overdue yet.
    overdue = running.section("learning").figure("measures_overdue_at_end").cell.value
    # In progress since 2025, due on 31 December 2025, and the one without a complaint.
    assert overdue == 3
    assert later.section("learning").figure("measures_overdue_at_end").cell.value == 4


def _default(key: str):
    """A breakdown row absent in the previous year shows 0 for counts, None otherwise."""
    column = key.rsplit(".", 1)[-1]
    return 0 if column in COUNT_COLUMNS or column.startswith("reported_") else None


def test_headline_figures_of_2025_by_hand(org, built):
    """A reader can check these against `register.SPECS` with a pencil."""
    figures = computed(kpis.compute(Period.year(2025), today=date(2026, 3, 1)))
    assert figures["volume.received"] == (34, 6)
    assert figures["volume.closed"] == (31, 5)
    assert figures["volume.open_at_start"] == (1, 0)
    assert figures["volume.open_at_end"] == (4, 1)
    assert figures["volume.not_a_complaint"] == (4, 1)
    assert figures["volume.per_1000_inhabitants"] == (0.42, 0.08)
    assert figures["route.resolved_informally"] == (10, 1)
    assert figures["outcome.decided_formally"] == (13, 2)
    assert figures["timeliness.extended"] == (2, 0)
    assert figures["timeliness.delayed_with_consent"] == (1, 0)
    # Late: 1 Jan–31 Dec, 1 Jul–1 Sep, 4 Aug–1 Oct (9:8), the reopened one (7 Jul) and
    # the committee asked after the six weeks (3 Feb–7 Apr; asked in time, 4 Feb–8 Apr
    # is on time: ten weeks).
    assert figures["timeliness.closed_late"] == (5, 2)
    assert figures["timeliness.closed_on_time"] == (26, 3)
    # Not acknowledged in time: twice never, once at 00:30 Amsterdam time a day late;
    # the anonymous complaint could not be, and is counted apart, out of the share.
    assert figures["timeliness.acknowledged_on_time"] == (30, 6)
    assert figures["timeliness.acknowledgement_impossible"] == (1, 0)
    assert figures["timeliness.share_acknowledged_on_time"] == (round(30 / 33, 4), 1.0)
    assert figures["timeliness.first_contact_on_time"] == (30, 6)
    assert figures["learning.decisions_with_measures"] == (3, 0)
    assert figures["timeliness.open_past_due_at_end"] == (1, 0)
    assert figures["outcome.norms_not_met.promptness.count"] == (3, 1)
    # The earlier decision's norm (cooperation, unfounded) does not count; the
    # cooperation complaint's well-founded part does.
    assert figures["outcome.norms_not_met.cooperation.count"] == (1, 0)
    # The answer given at 00:30 on 1 January 2026 (Amsterdam) counts for 2026.
    assert figures["satisfaction.survey_responses"] == (5, 1)
    assert figures["satisfaction.survey_satisfied"] == (3, 0)


def test_partners_that_did_not_report_are_listed_by_name(org, built):
    report = kpis.compute(Period.year(2025), today=date(2026, 3, 1))
    table = report.section("partners").table("partners_not_reported")
    assert [(row.label, row.cells["periods"].value) for row in table.rows] == [
        (org.other_partner.name, "2025-Q2, 2025-Q3, 2025-Q4")
    ]
    # Quarters that have not ended yet are not asked for.
    report = kpis.compute(Period.year(2025), today=date(2025, 7, 15))
    table = report.section("partners").table("partners_not_reported")
    assert [(row.label, row.cells["periods"].value) for row in table.rows] == [
        (org.other_partner.name, "2025-Q2")
    ]


def test_theme_trend_orders_rises_before_falls(org, built):
    report = kpis.compute(Period.year(2025), today=date(2026, 3, 1))
    trend = report.section("learning").table("theme_trend")
    social, space = str(org.social.pk), str(org.public_space.pk)
    rows = {row.key: row for row in trend.rows}
    # Sociaal domein: 25 against 4 in 2024; Openbare ruimte: 9 against 2.
    assert (rows[social].cells["count"].value, rows[social].cells["count"].previous) == (25, 4)
    assert rows[social].cells["change"].value == 21
    assert rows[space].cells["change"].value == 7
    assert [row.key for row in trend.rows] == [social, space]
    assert rows[social].cells["direction"].value == "gestegen"


def test_a_switch_of_ombudsman_during_the_year_shows_both(org, built):
    report = kpis.compute(Period.year(2025), today=TODAY)
    table = report.section("second_line").table("second_line_arrangements")
    cells = {row.label: row.cells["ombudsman"].value for row in table.rows}
    assert cells[org.college.name] == (
        "Nationale ombudsman; Gezamenlijke Ombudsman (vanaf 01-07-2025)"
    )
    assert cells[org.mayor.name] == "Ombudscommissie Testwijk"


def test_an_unknown_cost_is_unknown_not_zero(client, users, org, built):
    from vangnet.organisations.models import Body, SecondLineArrangement

    council = Body.objects.create(name="Gemeenteraad", kind=Body.Kind.COUNCIL)
    report = kpis.compute(Period.year(2025), today=TODAY)
    figures = computed(report)
    table = report.section("second_line").table("second_line_arrangements")
    cells = {row.label: row.cells["ombudsman"].value for row in table.rows}
    assert cells[council.name] == "Geen tweedelijnsvoorziening ingesteld"
    # No arrangement: the council's cost, and so the sum of all bodies, is unknown.
    assert figures[f"second_line.second_line_cost_by_body.{council.pk}.cost"] == (None, None)
    assert figures["second_line.second_line_cost"] == (None, None)
    assert figures["second_line.second_line_cost_per_case"] == (None, None)
    # The other bodies' costs are still shown.
    assert figures[f"second_line.second_line_cost_by_body.{org.mayor.pk}.cost"] == (
        Decimal("1000.00"),
        Decimal("1000.00"),
    )
    # Terms without an amount: unknown too.
    SecondLineArrangement.objects.filter(body=org.mayor).update(yearly_amount=None)
    mine = computed(kpis.compute(Period.year(2025), body=org.mayor, today=TODAY))
    assert mine["second_line.second_line_cost"] == (None, None)
    assert mine["second_line.second_line_cost_per_case"] == (None, None)
    assert mine["second_line.ombudsman_cases_opened"] == (1, 0)
    # On the page: a dash, not "€ 0,00".
    client.force_login(users.coordinator)
    html = client.get(reverse("reports:annual_report"), {"jaar": 2025}).content.decode()
    now, before = shown_values(html)
    assert (now["second_line.second_line_cost"], before["second_line.second_line_cost"]) == (
        "–",
        "–",
    )
    assert now[f"second_line.second_line_cost_by_body.{org.college.pk}.cost"] == "€ 25.876,72"


def test_open_at_end_is_open_at_start_plus_received_minus_closed(org, built):
    for year in (2024, 2025, 2026):
        report = kpis.compute(Period.year(year), today=date(2026, 3, 1))
        volume = report.section("volume")
        assert volume.figure("open_at_end").cell.value == (
            volume.figure("open_at_start").cell.value
            + volume.figure("received").cell.value
            - volume.figure("closed").cell.value
        )


def test_one_body(org, built):
    report = kpis.compute(Period.year(2025), body=org.mayor, today=date(2026, 3, 1))
    figures = computed(report)
    assert figures["volume.received"] == (1, 0)
    assert figures["volume.closed"] == (1, 0)
    assert report.body == org.mayor.name


#: The report's queries for two bodies (the cost takes a few per body and period).
QUERY_LIMIT = 95


def _queries() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        kpis.compute(Period.year(2025), today=TODAY)
    return len(context.captured_queries)


def _more_of_everything(org) -> None:
    """For every complaint of 2025: another lesson, measure, bottleneck, case discussion,
    ombudsman case and recommendation."""
    from vangnet.complaints.models import Complaint
    from vangnet.learning.models import (
        Bottleneck,
        CaseDiscussion,
        Cause,
        Lesson,
        Measure,
        OmbudsmanCase,
        Recommendation,
    )

    cause = Cause.objects.first()
    day = date(2025, 6, 1)
    for number, complaint in enumerate(Complaint.objects.filter(received_on__year=2025)):
        Lesson.objects.get_or_create(
            complaint=complaint, defaults={"cause": cause, "recorded_on": day}
        )
        measure = Measure.objects.create(
            title="x", department=org.dept_social, opened_on=day, due_on=day
        )
        measure.complaints.add(complaint)
        Bottleneck.objects.create(
            complaint=complaint, rule="x", problem="x", proposal="x", raised_on=day
        )
        CaseDiscussion.objects.create(held_on=day, participants="x").complaints.add(complaint)
        case = OmbudsmanCase.objects.create(
            ombudsman=org.ombudsman,
            reference=f"EXTRA-{number}",
            received_on=day,
            body=complaint.body,
            complaint=complaint,
            kind="intervention",
            closed_on=day,
            outcome="other",
        )
        Recommendation.objects.create(case=case, text="x", made_on=day, respond_by=day)


def test_the_query_count_does_not_grow_with_the_register(org, built):
    queries = _queries()
    assert queries <= QUERY_LIMIT
    _more_of_everything(org)
    assert _queries() == queries


def test_published_variant_suppresses_small_breakdown_cells(org, built):
    report = kpis.compute(Period.year(2025), today=date(2026, 3, 1)).published(5)
    flat = {figure.id: figure for figure in report.flat()}
    counter = flat["volume.received_by_channel.counter.count"]
    assert counter.suppressed and counter.value is None  # 2 complaints
    assert flat["volume.received_by_channel.counter.share"].suppressed
    assert flat["volume.received_by_channel.counter.share"].value is None
    assert flat["volume.received_by_channel.letter.count"].value == 5  # not below 5
    # Headline figures are never suppressed, however small.
    assert flat["timeliness.delayed_with_consent"].value == 1
    # Zero is not suppressed.
    assert flat["route.not_handled_by_ground.court.count"].value == 0
    # Second line and learning: breakdown counts are suppressed, headline counts and
    # money never.
    report_cell = flat["second_line.ombudsman_cases_by_outcome.report.count"]
    assert report_cell.suppressed and report_cell.value is None  # 3 cases
    assert flat["second_line.ombudsman_cases_opened"].value == 6
    assert flat["second_line.recommendations_late"].value == 3
    college = f"second_line.second_line_cost_by_body.{org.college.pk}"
    assert flat[f"{college}.cases"].value == 5  # not below 5
    assert flat[f"{college}.cases"].previous_suppressed  # 2 in 2024
    assert flat[f"{college}.cost"].previous == Decimal("39750.00")
    assert flat[f"{college}.cost"].value == Decimal("25876.72")
    assert not flat[f"{college}.per_case"].suppressed
    assert flat["learning.bottlenecks_by_decision.changed.count"].suppressed
    assert flat["learning.measures_overdue_at_end"].value == 3


# --- The same figures in every output ---------------------------------------------------

FIGURE_IN_HTML = re.compile(r'data-figure="([^"]+)"[^>]*>([^<]*)<')
PREVIOUS_IN_HTML = re.compile(r'data-figure-previous="([^"]+)"[^>]*>([^<]*)<')


def shown_values(html: str) -> tuple[dict[str, str], dict[str, str]]:
    now = {key: unescape(text) for key, text in FIGURE_IN_HTML.findall(html)}
    before = {key: unescape(text) for key, text in PREVIOUS_IN_HTML.findall(html)}
    return now, before


def as_text(figure, which: str, threshold: int) -> str:
    suppressed = figure.suppressed if which == "value" else figure.previous_suppressed
    return format_value(getattr(figure, which), figure.unit, suppressed=suppressed, limit=threshold)


def as_json(value):
    """A value as the JSON holds it: an amount (Decimal, two decimals) is a number."""
    return float(value) if isinstance(value, Decimal) else value


def csv_value(figure, which: str, threshold: int) -> str:
    suppressed = figure.suppressed if which == "value" else figure.previous_suppressed
    value = getattr(figure, which)
    if suppressed:
        return f"< {threshold}"
    return "" if value is None else str(value)


@pytest.mark.parametrize("variant", ["intern", "gepubliceerd"])
def test_page_and_pdf_show_every_figure(client, users, org, built, variant):
    threshold = 5
    report = kpis.compute(Period.year(2025))
    if variant == "gepubliceerd":
        report = report.published(threshold)
    figures = list(report.flat())
    client.force_login(users.coordinator)
    page = reverse("reports:annual_report")
    html = client.get(page, {"jaar": 2025, "variant": variant}).content.decode()
    now, before = shown_values(html)
    assert len(now) == len(figures)
    for figure in figures:
        assert now[figure.id] == as_text(figure, "value", threshold), figure.id
        if figure.unit != "text":
            assert before[figure.id] == as_text(figure, "previous", threshold), figure.id

    pdf = client.get(reverse("reports:annual_report_pdf"), {"jaar": 2025, "variant": variant})
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    for section in report.sections:
        for figure in section.figures:
            # Each headline figure: its label, this year's value and last year's.
            cell = figure.cell
            expected = " ".join(
                [
                    " ".join(f"{figure.label} {figure.help}".split()),
                    format_value(cell.value, cell.unit),
                    format_value(cell.previous, cell.unit),
                ]
            )
            assert expected in text, expected
        for table in section.tables:
            for row in table.rows:
                assert " ".join(row.label.split()) in text, (table.key, row.label)
                for key, _label in table.columns:
                    value = as_text(
                        next(
                            f
                            for f in figures
                            if f.id == f"{section.key}.{table.key}.{row.key}.{key}"
                        ),
                        "value",
                        threshold,
                    )
                    assert value in text, (table.key, row.key, key, value)


def test_open_data_and_api_hold_every_figure(client, users, org, built):
    threshold = 5
    published = {f.id: f for f in kpis.compute(Period.year(2025)).published(threshold).flat()}
    internal = {f.id: f for f in kpis.compute(Period.year(2025)).flat()}

    rows = list(
        csv.DictReader(io.StringIO(client.get("/open-data/klachten-2025.csv").content.decode()))
    )
    assert {row["id"] for row in rows} == set(published)
    for row in rows:
        figure = published[row["id"]]
        assert row["value"] == csv_value(figure, "value", threshold), row["id"]
        assert row["previous"] == csv_value(figure, "previous", threshold), row["id"]
    by_id = {row["id"]: row for row in rows}
    # The new sections are in it; money in plain decimal notation, never suppressed.
    assert (
        by_id["second_line.second_line_cost"]["value"],
        by_id["second_line.second_line_cost"]["unit"],
    ) == ("26876.72", "eur")
    assert by_id["learning.measures_overdue_at_end"]["value"] == "3"

    book = load_workbook(io.BytesIO(client.get("/open-data/klachten-2025.xlsx").content))
    sheet_rows = list(book.active.iter_rows(values_only=True))
    assert len(sheet_rows) == len(published) + 1
    for values in sheet_rows[1:]:
        figure = published[values[0]]
        for which, cell in zip(("value", "previous"), values[8:], strict=True):
            expected = csv_value(figure, which, threshold)
            shown = "" if cell is None else cell
            if isinstance(shown, int | float) and not isinstance(shown, bool):
                assert Decimal(str(shown)) == Decimal(expected), (values[0], which)
            else:
                assert str(shown) == expected, (values[0], which)

    document = client.get("/open-data/klachten-2025.json").json()
    assert {item["id"] for item in document["figures"]} == set(published)
    for item in document["figures"]:
        figure = published[item["id"]]
        assert (item["value"], item["suppressed"]) == (as_json(figure.value), figure.suppressed)
        assert (item["previous"], item["previous_suppressed"]) == (
            as_json(figure.previous),
            figure.previous_suppressed,
        )

    api = APIClient()
    api.force_authenticate(users.coordinator)
    document = api.get("/api/v1/reports/figures/", {"year": 2025}).json()
    assert document["variant"] == "internal"
    assert {item["id"]: (item["value"], item["previous"]) for item in document["figures"]} == {
        key: (as_json(figure.value), as_json(figure.previous)) for key, figure in internal.items()
    }


def test_api_computes_any_period(users, org, built):
    api = APIClient()
    api.force_authenticate(users.coordinator)
    response = api.get("/api/v1/reports/figures/", {"from": "2025-04-01", "to": "2025-06-30"})
    assert response.status_code == 200, response.content
    figures = {item["id"]: item["value"] for item in response.json()["figures"]}
    quarter = [
        s
        for s in SPECS
        if s.kind == Kind.COMPLAINT and date(2025, 4, 1) <= s.received <= date(2025, 6, 30)
    ]
    assert figures["volume.received"] == len(quarter) == 9
    for params, field in [
        ({"from": "2025-04-01"}, "to"),
        ({"from": "2025-13-01", "to": "2025-12-31"}, "from"),
        ({"from": "2025-06-01", "to": "2025-05-01"}, "to"),
        ({"from": "2025-01-01", "to": "2999-01-01"}, "to"),
        ({"year": "2025", "from": "2025-01-01", "to": "2025-02-01"}, "year"),
    ]:
        response = api.get("/api/v1/reports/figures/", params)
        assert response.status_code == 400
        assert field in response.json(), (params, response.json())


def test_published_variant_never_shows_a_rare_typed_label(org, built):
    """Neighbourhoods are typed by staff: a label with few complaints (a typo, a street
    name) is folded into one row in what is published."""
    internal = kpis.compute(Period.year(2025), today=date(2026, 3, 1))
    published = internal.published(5)
    rows = published.section("volume").table("received_by_neighbourhood").rows
    labels = [row.label for row in rows]
    assert "Centrum" not in labels and "Noord" not in labels
    other = next(row for row in rows if row.key == "other")
    assert other.cells["count"].value == 5  # Centrum 2 + Noord 3
    assert not other.cells["count"].suppressed
    # The internal variant keeps every neighbourhood.
    internal_rows = internal.section("volume").table("received_by_neighbourhood").rows
    assert {"Centrum", "Noord"} <= {row.label for row in internal_rows}
    # And no published output carries them.
    flat = list(published.flat())
    assert not any(f.row_label in ("Centrum", "Noord") for f in flat)


def test_the_running_year_is_compared_with_the_same_days_a_year_earlier(users, org, built):
    import time_machine

    api = APIClient()
    api.force_authenticate(users.coordinator)
    with time_machine.travel(date(2026, 3, 1), tick=False):
        document = api.get("/api/v1/reports/figures/", {"year": 2026}).json()
    assert (document["period"]["start"], document["period"]["end"]) == ("2026-01-01", "2026-03-01")
    figures = {item["id"]: (item["value"], item["previous"]) for item in document["figures"]}
    # 2026 so far: one complaint; 1 January – 1 March 2025: six.
    assert figures["volume.received"] == (1, 6)
