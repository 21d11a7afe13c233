"""Reconciliation: every figure of kpis.md, computed by `reports.kpis` from the database,
equals the figure computed here in plain Python from the hand-built register
(`register.SPECS`), for the report year and the year before it. The oracle below follows
the words of kpis.md and shares no code with `kpis.py`."""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from vangnet.complaints import norms
from vangnet.complaints.models import Channel, Kind, SubjectType
from vangnet.complaints.workflow import DeclineGround, Judgment, Outcome
from vangnet.reports import kpis
from vangnet.reports.figures import Period
from vangnet.reports.views import format_value

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

    f["timeliness.acknowledged_on_time"] = sum(map(acknowledged_in_time, received))
    f["timeliness.share_acknowledged_on_time"] = ratio(
        f["timeliness.acknowledged_on_time"], len(received)
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


@pytest.fixture
def built(org):
    return register.build(org)


def computed(report) -> dict[str, tuple]:
    return {figure.id: (figure.value, figure.previous) for figure in report.flat()}


def test_every_figure_matches_the_definition(org, built):
    report = kpis.compute(Period.year(2025), today=date(2026, 3, 1))
    figures = computed(report)
    this_year, last_year = Period.year(2025), Period.year(2024)
    now = oracle(SPECS, this_year, org, rows_of=last_year)
    before = oracle(SPECS, last_year, org, rows_of=this_year)
    assert len(now) > 150
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
    "replied_in_time", "closed", "on_time", "received", "handled",
}  # fmt: skip


def _default(key: str):
    """A breakdown row absent in the previous year shows 0 for counts, None otherwise."""
    column = key.rsplit(".", 1)[-1]
    return 0 if column in COUNT_COLUMNS or column.startswith("reported_") else None


def test_headline_figures_of_2025_by_hand(org, built):
    """A reader can check these against `register.SPECS` with a pencil."""
    figures = computed(kpis.compute(Period.year(2025), today=date(2026, 3, 1)))
    assert figures["volume.received"] == (31, 6)
    assert figures["volume.closed"] == (28, 5)
    assert figures["volume.open_at_start"] == (1, 0)
    assert figures["volume.open_at_end"] == (4, 1)
    assert figures["volume.not_a_complaint"] == (4, 1)
    assert figures["volume.per_1000_inhabitants"] == (0.39, 0.08)
    assert figures["route.resolved_informally"] == (10, 1)
    assert figures["outcome.decided_formally"] == (10, 2)
    assert figures["timeliness.extended"] == (2, 0)
    assert figures["timeliness.delayed_with_consent"] == (1, 0)
    # Late: 1 Jan–31 Dec, 1 Jul–1 Sep, 4 Aug–1 Oct (9:8) and the reopened one (7 Jul).
    assert figures["timeliness.closed_late"] == (4, 2)
    assert figures["timeliness.closed_on_time"] == (24, 3)
    # Not acknowledged in time: twice never, once at 00:30 Amsterdam time a day late.
    assert figures["timeliness.acknowledged_on_time"] == (28, 6)
    assert figures["timeliness.first_contact_on_time"] == (28, 6)
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
    # Sociaal domein: 22 against 4 in 2024; Openbare ruimte: 9 against 2.
    assert (rows[social].cells["count"].value, rows[social].cells["count"].previous) == (22, 4)
    assert rows[social].cells["change"].value == 18
    assert rows[space].cells["change"].value == 7
    assert [row.key for row in trend.rows] == [social, space]
    assert rows[social].cells["direction"].value == "gestegen"


def test_a_switch_of_ombudsman_during_the_year_shows_both(org, built):
    from vangnet.organisations.models import Ombudsman, SecondLineArrangement

    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman", kind=Ombudsman.Kind.JOINT, address="Postbus 1"
    )
    SecondLineArrangement.objects.create(
        body=org.college, ombudsman=joint, effective_from=date(2025, 7, 1)
    )
    report = kpis.compute(Period.year(2025), today=date(2026, 3, 1))
    table = report.section("second_line").table("second_line_arrangements")
    cells = {row.label: row.cells["ombudsman"].value for row in table.rows}
    assert cells[org.college.name] == (
        "Nationale ombudsman; Gezamenlijke Ombudsman (vanaf 01-07-2025)"
    )
    assert cells[org.mayor.name] == "Geen tweedelijnsvoorziening ingesteld"


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


def test_the_query_count_does_not_grow_with_the_register(org, built, django_assert_max_num_queries):
    with django_assert_max_num_queries(80):
        kpis.compute(Period.year(2025), today=date(2026, 3, 1))


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

    document = client.get("/open-data/klachten-2025.json").json()
    assert {item["id"] for item in document["figures"]} == set(published)
    for item in document["figures"]:
        figure = published[item["id"]]
        assert (item["value"], item["suppressed"]) == (figure.value, figure.suppressed)
        assert (item["previous"], item["previous_suppressed"]) == (
            figure.previous,
            figure.previous_suppressed,
        )

    api = APIClient()
    api.force_authenticate(users.coordinator)
    document = api.get("/api/v1/reports/figures/", {"year": 2025}).json()
    assert document["variant"] == "internal"
    assert {item["id"]: (item["value"], item["previous"]) for item in document["figures"]} == {
        key: (figure.value, figure.previous) for key, figure in internal.items()
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
    assert figures["volume.received"] == len(quarter) == 8
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
    # 2026 so far: one complaint; 1 January – 1 March 2025: four.
    assert figures["volume.received"] == (1, 4)
