"""The dashboard: for any filter, the dashboard's number equals the length of the list
its link opens.

A varied register (several handlers — one inactive, one without the handler role —
themes with sub-themes and none, departments, partners, open and closed, overdue and
due soon, non-complaints, this month and last year) is drawn from a seeded random
generator; the dashboard is rendered for a coordinator, a handler and a partner user
(each their own scope), every link and its number are read from the HTML, and each
link is opened in the back-office list, whose total must equal the number. An oracle
computed from the generated rows in Python checks the headline numbers and that every
breakdown adds up, so a filter that silently does nothing cannot pass."""

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_user
from vangnet.complaints import selectors
from vangnet.complaints.models import Channel, Complaint, Forward, Kind, SubjectType
from vangnet.complaints.workflow import OPEN_STATES, State
from vangnet.core.roles import Role
from vangnet.reports import dashboard

TODAY = date(2026, 3, 18)  # a Wednesday
MOMENT = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
DASHBOARD = "/backoffice/rapportage/dashboard/"
LIST = "/backoffice/klachten/"
OPEN_LIST = sorted(OPEN_STATES)


@pytest.fixture
def today():
    with time_machine.travel(MOMENT, tick=False):
        yield TODAY


@pytest.fixture
def people(users):
    """The handlers complaints are spread over: active ones, one who left (inactive)
    and one who lost the handler role."""
    left = make_user("vertrokken", Role.HANDLER, is_active=False)
    no_role = make_user("geenrol", None)
    return [users.handler, users.other_handler, users.coordinator, left, no_role, None]


def received_dates(today: date) -> list[date]:
    ago = today.replace(year=today.year - 1)
    return [
        today,
        today.replace(day=1),
        today - timedelta(days=5),
        today.replace(month=1, day=1),
        today - timedelta(days=40),
        ago,  # the last day of last year's "same days"
        ago + timedelta(days=1),  # same month last year, after the same day
        ago.replace(day=1),
        ago.replace(month=1, day=1),
        ago - timedelta(days=20),
        date(today.year - 1, 12, 31),
        date(today.year - 2, 3, 10),
    ]


@dataclass
class Made:
    complaint: Complaint
    forwarded_to: tuple


def build_register(org, users, people, *, seed: int, size: int, today: date) -> list[Made]:
    rng = random.Random(seed)
    until = selectors.urgency_window(today)[1]
    themes = [org.debt, org.social, org.waste, org.public_space, org.inactive_theme, None]
    departments = [org.dept_social, org.dept_space, None]
    partners = [org.partner, org.other_partner, None]
    deadlines = [
        today - timedelta(days=30),
        today - timedelta(days=1),  # overdue
        today,
        until,  # due soon
        until + timedelta(days=1),
        today + timedelta(days=40),
        None,
    ]
    made = []
    for number in range(size):
        kind = Kind.COMPLAINT if rng.random() < 0.85 else rng.choice(list(Kind))
        state = State.CLOSED if rng.random() < 0.3 else rng.choice(OPEN_LIST)
        complaint = Complaint.objects.create(
            reference=f"T{seed}-{number:04d}",
            kind=kind,
            state=state,
            received_on=rng.choice(received_dates(today)),
            closed_on=today if state == State.CLOSED else None,
            channel=Channel.WEB,
            body=org.college,
            theme=rng.choice(themes),
            subject_type=SubjectType.MUNICIPALITY,
            department=rng.choice(departments),
            partner=rng.choice(partners),
            handler=rng.choice(people),
            complainant_name="Test Indiener",
            description="Klacht voor de dashboardtest.",
            decide_by=rng.choice(deadlines),
        )
        forwarded_to = rng.choice(
            [(), (), (org.partner,), (org.other_partner,), (org.partner, org.other_partner)]
        )
        for partner in forwarded_to:
            Forward.objects.create(complaint=complaint, partner=partner, forwarded_on=today)
        made.append(Made(complaint, forwarded_to))
    return made


class LinkParser(HTMLParser):
    """(href, number) of every link to the complaint list in the page's main content,
    the number being the first figure of the link's text."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, int]] = []
        self._href = None
        self._text = []
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._in_main = True
        if tag == "a" and self._in_main:
            href = dict(attrs).get("href") or ""
            if href.startswith(LIST):
                self._href, self._text = href, []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if tag == "a" and self._href is not None:
            text = "".join(self._text)
            match = re.search(r"\d[\d.]*", text)
            assert match, f"link without a number: {self._href} {text!r}"
            self.links.append((self._href, int(match.group().replace(".", ""))))
            self._href = None


def dashboard_links(client, user) -> list[tuple[str, int]]:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    parser = LinkParser()
    parser.feed(response.content.decode())
    return parser.links


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.context["valid"], (url, response.context["form"].errors)
    count = response.context["count"]
    assert response.context["count_label"] in response.content.decode()
    return count


def in_scope(user, made: Made, users, org) -> bool:
    complaint = made.complaint
    if user == users.coordinator:
        return True
    if user == users.handler:
        return complaint.handler_id == user.pk or complaint.department_id == org.dept_social.pk
    if user == users.partner:
        return org.partner in made.forwarded_to
    raise AssertionError(user)


def oracle(user, register, users, org, today) -> dict:
    until = selectors.urgency_window(today)[1]
    mine = [m.complaint for m in register if in_scope(user, m, users, org)]
    open_ = [c for c in mine if c.kind == Kind.COMPLAINT and c.state != State.CLOSED]
    ago = today.replace(year=today.year - 1)
    complaints = [c for c in mine if c.kind == Kind.COMPLAINT]
    return {
        "open": len(open_),
        "overdue": sum(1 for c in open_ if c.decide_by and c.decide_by < today),
        "due_soon": sum(1 for c in open_ if c.decide_by and today <= c.decide_by <= until),
        "unassigned": sum(1 for c in open_ if c.handler_id is None),
        "month": sum(1 for c in complaints if today.replace(day=1) <= c.received_on <= today),
        "year_ago": sum(1 for c in complaints if date(ago.year, 1, 1) <= c.received_on <= ago),
    }


@pytest.mark.parametrize("seed", [1])  # each seed opens ~170 lists (~10 s)
def test_every_number_equals_the_length_of_the_list_its_link_opens(
    client, org, users, people, today, seed
):
    register = build_register(org, users, people, seed=seed, size=70, today=today)

    for user in (users.coordinator, users.handler, users.partner):
        links = dashboard_links(client, user)
        if user == users.coordinator:  # the register exercises every kind of link
            used = {key for url, _n in links for key in parse_qs(urlsplit(url).query)}
            assert used >= {
                "state", "due_soon", "overdue", "unassigned", "handler", "handled_by",
                "theme", "department", "partner", "without", "received_from", "received_to",
            }  # fmt: skip
            assert any(n > 0 for _url, n in links if "without=theme" in _url)
        # 4 headline numbers, 3 per breakdown row, 5 for intake.
        board = dashboard.build(user)
        rows = board.by_handler + board.by_theme + board.by_department + board.by_partner
        assert len(links) == 4 + 3 * len(rows) + 5
        assert len({url for url, _n in links}) == len(links), "two numbers, one list"

        for url, number in links:
            assert parse_qs(urlsplit(url).query)["kind"] == ["complaint"]
            assert list_count(client, url) == number, (user.username, url)

        # The numbers are right, not merely consistent with the list.
        expected = oracle(user, register, users, org, today)
        totals = {key: n.value for key, n in board.totals.items()}
        assert totals == {k: expected[k] for k in ("open", "overdue", "due_soon", "unassigned")}
        assert board.intake[0].this_year.value == expected["month"]
        assert board.intake[2].last_year.value == expected["year_ago"]
        for breakdown in (board.by_handler, board.by_theme, board.by_department, board.by_partner):
            for key in ("open", "due_soon", "overdue"):
                assert sum(getattr(r, key).value for r in breakdown) == totals[key]


def test_rows_cover_the_hard_cases(client, org, users, people, today):
    """The rows whose links need the filters added for the dashboard: a handler who
    left, one without the role, no handler/theme/department/partner; and a main theme's
    row counts its sub-themes."""
    left, no_role = people[3], people[4]
    common = {
        "channel": Channel.WEB,
        "body": org.college,
        "subject_type": SubjectType.MUNICIPALITY,
        "description": "x",
        "state": State.IN_PROGRESS,
        "kind": Kind.COMPLAINT,
        "received_on": today,
        "decide_by": today + timedelta(days=30),
    }
    rows = [
        {"handler": left, "theme": org.waste},
        {"handler": no_role, "theme": org.public_space},
        {"handler": None, "theme": None, "department": None, "partner": None},
        {"handler": users.handler, "theme": org.inactive_theme, "department": org.dept_space},
        {"handler": users.handler, "theme": org.debt, "partner": org.partner},
    ]
    for number, fields in enumerate(rows):
        Complaint.objects.create(reference=f"H-{number}", **common, **fields)

    board = dashboard.build(users.coordinator)
    by_handler = {row.label: row for row in board.by_handler}
    assert parse_qs(urlsplit(by_handler[str(left)].open.url).query)["handled_by"] == [str(left.pk)]
    assert by_handler[str(left)].note
    assert "handled_by" in by_handler[str(no_role)].open.url
    assert "handler=" in by_handler[str(users.handler)].open.url
    assert board.by_handler[-1].label == "Zonder behandelaar"
    themes = {row.label: row.open.value for row in board.by_theme}
    assert themes == {"Openbare ruimte": 3, "Sociaal domein": 1, "Zonder thema": 1}
    assert "without=theme" in board.by_theme[-1].open.url
    assert "without=department" in board.by_department[-1].open.url
    assert "without=partner" in board.by_partner[-1].open.url

    client.force_login(users.coordinator)
    for row in board.by_handler + board.by_theme + board.by_department + board.by_partner:
        for number in (row.open, row.due_soon, row.overdue):
            assert list_count(client, number.url) == number.value, number.url


def test_queries_do_not_grow_with_the_register(org, users, people, today):
    build_register(org, users, people, seed=3, size=10, today=today)
    dashboard.build(users.coordinator)  # warm the per-process caches (calendar, roles)
    with CaptureQueriesContext(connection) as small:
        dashboard.build(users.coordinator)
    build_register(org, users, people, seed=4, size=80, today=today)
    with CaptureQueriesContext(connection) as large:
        dashboard.build(users.coordinator)
    assert len(large) == len(small) <= 12


def test_intake_compares_the_same_days_last_year(org, users, today):
    def make(day, number, kind=Kind.COMPLAINT):
        Complaint.objects.create(
            reference=f"I-{number}",
            kind=kind,
            state=State.RECEIVED,
            received_on=day,
            channel=Channel.WEB,
            body=org.college,
            subject_type=SubjectType.MUNICIPALITY,
            description="x",
        )

    days = [
        date(2026, 3, 1),
        date(2026, 3, 18),
        date(2026, 1, 1),
        date(2025, 3, 18),
        date(2025, 3, 19),
        date(2025, 3, 31),
        date(2025, 1, 1),
        date(2025, 4, 1),
    ]
    for number, day in enumerate(days):
        make(day, number)
    make(date(2026, 3, 2), 99, kind=Kind.QUESTION)  # not a complaint: not counted

    month, whole_month, year = dashboard.build(users.coordinator).intake
    assert (month.this_year.value, month.last_year.value) == (2, 1)
    assert month.this_year.url.endswith("received_from=2026-03-01&received_to=2026-03-18")
    assert month.last_year.url.endswith("received_from=2025-03-01&received_to=2025-03-18")
    assert whole_month.this_year is None
    assert whole_month.last_year.value == 3
    assert (year.this_year.value, year.last_year.value) == (3, 2)
    assert "1 t/m 18 maart" in month.label
    assert "1 januari t/m 18 maart" in year.label


def test_leap_day_compares_with_the_28th():
    assert dashboard.same_day_last_year(date(2028, 2, 29)) == date(2027, 2, 28)
    assert dashboard.month_end(date(2025, 12, 5)) == date(2025, 12, 31)


@pytest.mark.parametrize("role", ["viewer", "administrator", "nobody"])
def test_who_may_not_see_it_gets_403(client, users, role):
    client.force_login(getattr(users, role))
    assert client.get(DASHBOARD).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_page_is_accessible_html(client, org, users, people, today):
    build_register(org, users, people, seed=5, size=20, today=today)
    client.force_login(users.coordinator)
    html = client.get(DASHBOARD).content.decode()
    assert html.count("<caption") == 5
    assert "<script" not in html.split("<main", 1)[1]
    assert "Open klachten per thema" in html


def test_partner_user_sees_only_forwarded_complaints(client, org, users, today):
    common = {
        "channel": Channel.WEB,
        "body": org.college,
        "subject_type": SubjectType.MUNICIPALITY,
        "description": "x",
        "state": State.IN_PROGRESS,
        "kind": Kind.COMPLAINT,
        "received_on": today,
    }
    mine = Complaint.objects.create(reference="P-1", **common)
    Complaint.objects.create(reference="P-2", **common)
    Forward.objects.create(complaint=mine, partner=org.partner, forwarded_on=today)
    assert dashboard.build(users.partner).totals["open"].value == 1
    assert dashboard.build(users.other_partner).totals["open"].value == 0
    assert dashboard.build(users.coordinator).totals["open"].value == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [("handled_by=abc", "handled_by"), ("handled_by=1.5", "handled_by"), ("without=x", "without")],
)
def test_new_filters_refuse_bad_input(client, users, query, field):
    client.force_login(users.coordinator)
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert not response.context["valid"]
    assert field in response.context["form"].errors


def test_new_filters_on_the_api(client, org, users, today):
    common = {
        "channel": Channel.WEB,
        "body": org.college,
        "subject_type": SubjectType.MUNICIPALITY,
        "description": "x",
        "state": State.IN_PROGRESS,
        "kind": Kind.COMPLAINT,
        "received_on": today,
    }
    Complaint.objects.create(reference="A-1", theme=None, handler=users.handler, **common)
    Complaint.objects.create(reference="A-2", theme=org.debt, **common)
    client.force_login(users.coordinator)
    api = "/api/v1/complaints/"
    assert client.get(f"{api}?without=theme").json()["count"] == 1
    assert client.get(f"{api}?handled_by={users.handler.pk}").json()["count"] == 1
    assert client.get(f"{api}?without=partner").json()["count"] == 2


def test_handled_by_out_of_range_is_no_error(client, users):
    client.force_login(users.coordinator)
    response = client.get(f"{LIST}?handled_by=99999999999999999999")
    assert response.status_code == 200
    api = client.get("/api/v1/complaints/?handled_by=99999999999999999999")
    assert api.status_code in (200, 400)
