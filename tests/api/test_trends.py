"""GET /api/v1/trends/: the trends page as data. On constructed data (a known rise, a
known fall and a stable series) the API and the page show the same trends; the page's
permission; bad months give 400 with a message.

Today is fixed at 18 March 2026; the period is the 91 days up to yesterday. The four
earlier periods of 91 days are the blocks B1..B4 (B1 also holds last year's days)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.html import escape

from vangnet.complaints.models import Channel, Complaint, Kind, SubjectType
from vangnet.complaints.workflow import State
from vangnet.learning import trends

TODAY = date(2026, 3, 18)
END = TODAY - timedelta(days=1)
MOMENT = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
URL = "/api/v1/trends/"
PAGE = "/backoffice/leren/signalen/"

#: Per block (B1..B4, current).
RISING = [5, 5, 5, 5, 30]
STABLE = [8, 8, 8, 8, 8]
FALLING = [14, 14, 14, 14, 1]


def blocks() -> list[trends.Window]:
    current, _last_year, previous = trends.windows(END, 3)
    days = current.days
    return [
        trends.Window(
            previous.start + timedelta(days=i * days),
            previous.start + timedelta(days=(i + 1) * days - 1),
        )
        for i in range(4)
    ] + [current]


@pytest.fixture
def register(org):
    number = 0
    with time_machine.travel(MOMENT, tick=False):
        rows = []
        for block, counts in zip(blocks(), zip(RISING, STABLE, FALLING, strict=True), strict=True):
            for count, fields in zip(
                counts,
                [
                    {"theme": org.waste, "department": org.dept_space, "neighbourhood": "Oost"},
                    {"theme": org.debt, "department": org.dept_social},
                    {"partner": org.other_partner},
                ],
                strict=True,
            ):
                for i in range(count):
                    number += 1
                    rows.append(
                        Complaint(
                            reference=f"SG-{number:05d}",
                            kind=Kind.COMPLAINT,
                            state=State.RECEIVED,
                            received_on=block.start + timedelta(days=10 + (i * 70) // count),
                            channel=Channel.WEB,
                            body=org.college,
                            subject_type=SubjectType.MUNICIPALITY,
                            complainant_name="Test Indiener",
                            description="Klacht voor de trends-API.",
                            **fields,
                        )
                    )
        # The register began before every window: a complaint in no group.
        _current, last_year, previous = trends.windows(END, 3)
        rows.append(
            Complaint(
                reference="SG-00000",
                kind=Kind.COMPLAINT,
                state=State.RECEIVED,
                received_on=min(last_year.start, previous.start),
                channel=Channel.WEB,
                body=org.college,
                subject_type=SubjectType.MUNICIPALITY,
                complainant_name="Test Indiener",
                description="Het begin van het register.",
            )
        )
        Complaint.objects.bulk_create(rows)
        yield org


def keyed(items) -> set[tuple]:
    return {(s["dimension"], s["label"], s["baseline"], s["direction"]) for s in items}


def test_api_and_page_agree(register, api, client, users):
    org = register
    with time_machine.travel(MOMENT, tick=False):
        response = api(users.coordinator).get(URL)
        client.force_login(users.coordinator)
        page = client.get(PAGE)
    assert response.status_code == 200, response.content
    body = response.json()
    page_trends = page.context["trends"]

    assert body["months"] == 3
    assert body["current"] == {"start": "2025-12-17", "end": "2026-03-17", "days": 91}
    assert body["last_year"]["start"] == "2024-12-17"
    assert body["previous"]["days"] == 4 * 91
    assert (body["alpha"], body["min_change"], body["average_periods"]) == (0.01, 3, 4)

    # The same trends, in the same order, with the same figures and links.
    both = (trends.LAST_YEAR, trends.AVERAGE)
    assert keyed(body["trends"]) == {
        *(("theme", org.public_space.name, b, "rising") for b in both),
        *(("department", org.dept_space.name, b, "rising") for b in both),
        *(("neighbourhood", "Oost", b, "rising") for b in both),
        *(("partner", org.other_partner.name, b, "falling") for b in both),
    }
    assert len(body["trends"]) == len(page_trends.trends)
    for item, trend in zip(body["trends"], page_trends.trends, strict=True):
        assert (item["dimension"], item["key"], item["label"]) == (
            trend.dimension,
            trend.key,
            trend.label,
        )
        assert (item["baseline"], item["direction"]) == (trend.baseline, trend.direction)
        assert item["current"] == trend.current
        assert item["expected"] == pytest.approx(trend.expected)
        assert item["p_value"] == pytest.approx(trend.p_value)
        if trend.list_url is None:
            assert item["list_url"] is None
        else:
            assert item["list_url"] == f"http://testserver{trend.list_url}"
        assert escape(item["text"]) in page.content.decode()
    assert [t["text"] for t in body["trends"]] == [
        row["sentence"] for row in page.context["trend_rows"]
    ]

    rising = next(t for t in body["trends"] if t["dimension"] == "theme")
    assert rising["key"] == org.public_space.pk
    assert rising["current"] == 30
    assert rising["last_year"]["count"] == 5 and rising["last_year"]["expected"] == 5
    assert rising["average"]["count"] == 20 and rising["average"]["expected"] == 5
    assert rising["last_year"]["p_value"] < 0.01 and rising["average"]["p_value"] < 0.01
    assert rising["last_year"]["direction"] == rising["average"]["direction"] == "rising"
    # The link opens exactly the complaints behind the trend.
    listed = client.get(rising["list_url"].removeprefix("http://testserver"))
    assert listed.context["count"] == 30

    # Every row of the page's tables, the stable series without a trend.
    rows = {(r["dimension"], r["label"]): r for r in body["rows"]}
    page_rows = [row for dimension in trends.DIMENSIONS for row in page_trends.rows[dimension]]
    assert len(rows) == len(page_rows)
    stable = rows[("theme", org.social.name)]
    assert stable["current"] == 8 and stable["average"]["count"] == 32
    assert stable["last_year"]["direction"] is None and stable["average"]["direction"] is None
    assert stable["average"]["p_value"] == pytest.approx(1.0)


def test_english_parameter_and_other_months(register, api, users):
    with time_machine.travel(MOMENT, tick=False):
        one = api(users.coordinator).get(URL, {"months": "1"})
        same = api(users.coordinator).get(URL, {"maanden": "1", "months": "1"})
    assert one.status_code == 200 and same.status_code == 200
    assert one.json()["current"]["days"] == 30
    assert one.json() == same.json()


def test_scope_of_a_handler(register, api, users):
    with time_machine.travel(MOMENT, tick=False):
        response = api(users.handler).get(URL)
    assert response.status_code == 200
    # The handler of Werk en Inkomen sees only the stable series.
    assert response.json()["trends"] == []
    assert {row["label"] for row in response.json()["rows"]} >= {register.social.name}
    assert register.public_space.name not in {row["label"] for row in response.json()["rows"]}


def test_permissions(register, api, users):
    for user in (users.coordinator, users.handler, users.partner):
        assert api(user).get(URL).status_code == 200, user.username
    for user in (users.viewer, users.nobody):
        assert api(user).get(URL).status_code == 403, user.username
    assert api().get(URL).status_code == 401
    assert api(users.coordinator).post(URL, {}).status_code == 405


@pytest.mark.parametrize(
    "params,field",
    [
        ({"maanden": "abc"}, "maanden"),
        ({"maanden": "0"}, "maanden"),
        ({"maanden": "13"}, "maanden"),
        ({"maanden": "-1"}, "maanden"),
        ({"maanden": "2.5"}, "maanden"),
        ({"maanden": "9" * 40}, "maanden"),
        ({"months": "٣"}, "months"),
        ({"months": "x"}, "months"),
    ],
)
def test_bad_months(register, api, users, params, field):
    response = api(users.coordinator).get(URL, params)
    assert response.status_code == 400
    assert response.json() == {field: ["Kies een aantal maanden van 1 tot en met 12."]}


def test_two_different_values(register, api, users):
    response = api(users.coordinator).get(URL, {"maanden": "3", "months": "6"})
    assert response.status_code == 400
    assert set(response.json()) == {"maanden", "months"}
