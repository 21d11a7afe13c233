"""Trends: the exact Poisson rate test on known values, and the trends page on
constructed data with a known rise, a known fall and a known stable series.

Today is fixed at 18 March 2026; the page looks at the 91 days up to yesterday
(17 December 2025 – 17 March 2026). The 4 earlier periods of 91 days are the
"blocks" B1 (oldest) .. B4; the same days last year fall (a day off) on B1. Complaints
are put in the middle of each block, so the last-year count is B1's count."""

from datetime import date, datetime, timedelta
from fractions import Fraction
from math import comb
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vangnet.complaints.models import Channel, Complaint, Kind, SubjectType
from vangnet.complaints.workflow import State
from vangnet.learning import trends

TODAY = date(2026, 3, 18)
END = TODAY - timedelta(days=1)
MOMENT = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
PAGE = "/backoffice/leren/signalen/"


# --- the test itself -------------------------------------------------------------------


def exact_p(current: int, baseline: int, exposure: int) -> Fraction:
    """Oracle: the same two-sided binomial p-value in exact fractions."""
    n = current + baseline
    p = Fraction(1, 1 + exposure)
    probs = [comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    return sum(q for q in probs if q <= probs[current])


def test_known_values():
    assert trends.poisson_rate_test(30, 10, 1) < 0.01
    assert trends.poisson_rate_test(30, 10, 1) == pytest.approx(0.0022214, rel=1e-4)
    assert trends.poisson_rate_test(10, 10, 1) == pytest.approx(1.0)
    # Binomial(10, 1/2): P(X >= 7) * 2 = 352 / 1024.
    assert trends.poisson_rate_test(7, 3, 1) == pytest.approx(0.34375)
    assert trends.poisson_rate_test(0, 0, 1) == 1.0
    # Twelve against none: 2 * 0.5 ** 12.
    assert trends.poisson_rate_test(12, 0, 1) == pytest.approx(2 * 0.5**12)


@pytest.mark.parametrize(
    "current,baseline,exposure",
    [(0, 5, 1), (3, 0, 1), (9, 20, 4), (2, 40, 4), (25, 30, 4), (17, 8, 1), (0, 12, 4)],
)
def test_matches_exact_fractions(current, baseline, exposure):
    expected = float(exact_p(current, baseline, exposure))
    assert trends.poisson_rate_test(current, baseline, exposure) == pytest.approx(expected)


def test_symmetric_and_monotone():
    # With exposure 1 the test is symmetric in the two counts.
    assert trends.poisson_rate_test(20, 8, 1) == pytest.approx(trends.poisson_rate_test(8, 20, 1))
    # Further from the expected value: a smaller p-value.
    values = [trends.poisson_rate_test(c, 40, 4) for c in (10, 14, 18, 22, 26)]
    assert values == sorted(values, reverse=True)


def test_trend_rule():
    assert trends.direction(30, 10, 1) == trends.RISING
    assert trends.direction(1, 60, 4) == trends.FALLING
    assert trends.direction(10, 10, 1) is None
    assert trends.direction(0, 0, 1) is None
    # Significant, but a change of fewer than MIN_CHANGE complaints: no trend.
    assert trends.poisson_rate_test(2, 0, 100) < trends.ALPHA
    assert trends.direction(2, 0, 100) is None


def test_windows():
    current, last_year, previous = trends.windows(END, 3)
    assert current == trends.Window(date(2025, 12, 17), date(2026, 3, 17))
    assert current.days == 91
    assert last_year == trends.Window(date(2024, 12, 17), date(2025, 3, 17))
    assert previous == trends.Window(date(2024, 12, 18), date(2025, 12, 16))
    assert previous.days == 4 * 91


# --- constructed data ----------------------------------------------------------------


@pytest.fixture
def today():
    with time_machine.travel(MOMENT, tick=False):
        yield TODAY


_number = iter(range(1_000_000))


def put(org, count: int, block: trends.Window, kind=Kind.COMPLAINT, **fields) -> None:
    """`count` complaints spread over the middle of `block`."""
    for i in range(count):
        day = block.start + timedelta(days=10 + (i * 70) // max(count, 1))
        Complaint.objects.create(
            reference=f"TR-{next(_number):06d}",
            kind=kind,
            state=State.RECEIVED,
            received_on=day,
            channel=Channel.WEB,
            body=org.college,
            subject_type=SubjectType.MUNICIPALITY,
            complainant_name="Test Indiener",
            description="Klacht voor de trendtest.",
            **fields,
        )


def blocks() -> list[trends.Window]:
    """B1..B4 and then the current period."""
    current, _last_year, previous = trends.windows(END, 3)
    days = current.days
    return [
        trends.Window(
            previous.start + timedelta(days=i * days),
            previous.start + timedelta(days=(i + 1) * days - 1),
        )
        for i in range(4)
    ] + [current]


#: Per block (B1..B4, current).
RISING_SERIES = [6, 6, 6, 6, 36]
STABLE_SERIES = [10, 10, 10, 10, 10]
FALLING_SERIES = [15, 15, 15, 15, 1]


@pytest.fixture
def register(org, today):
    for block, rising, stable, falling in zip(
        blocks(), RISING_SERIES, STABLE_SERIES, FALLING_SERIES, strict=True
    ):
        # Rising: on a sub-theme (counts for its main theme), in one neighbourhood.
        put(org, rising, block, theme=org.waste, department=org.dept_space, neighbourhood="Centrum")
        put(org, stable, block, theme=org.debt, department=org.dept_social)
        put(org, falling, block, partner=org.other_partner)
    # Not complaints: never counted, however many.
    put(org, 30, blocks()[-1], kind=Kind.QUESTION, theme=org.waste, department=org.dept_space)
    # The register began before every window (a complaint in no group), so each
    # baseline covers all its days.
    _current, last_year, previous = trends.windows(END, 3)
    first = min(last_year.start, previous.start)
    put(org, 1, trends.Window(first - timedelta(days=10), first))
    return org


def keyed(found):
    return {(t.dimension, t.label, t.baseline, t.direction) for t in found}


def test_constructed_rise_fall_and_stable(register, users):
    org = register
    result = trends.analyse(users.coordinator, end=END, months=3)
    both = (trends.LAST_YEAR, trends.AVERAGE)
    assert keyed(result.trends) == {
        *((trends.THEME, org.public_space.name, b, trends.RISING) for b in both),
        *((trends.DEPARTMENT, org.dept_space.name, b, trends.RISING) for b in both),
        *((trends.NEIGHBOURHOOD, "Centrum", b, trends.RISING) for b in both),
        *((trends.PARTNER, org.other_partner.name, b, trends.FALLING) for b in both),
    }
    assert [t.p_value for t in result.trends] == sorted(t.p_value for t in result.trends)
    rows = {row.label: row for row in result.rows[trends.THEME]}
    stable = rows[org.social.name]
    assert (stable.current, stable.last_year.baseline_count, stable.average.baseline_count) == (
        10,
        10,
        40,
    )
    assert not stable.has_trend
    assert stable.average.p_value == pytest.approx(1.0)
    rising = rows[org.public_space.name]
    assert (rising.current, rising.last_year.expected, rising.average.expected) == (36, 6, 6)
    # The sub-theme itself is no row of its own.
    assert org.waste.name not in rows
    assert all(t.list_url is None for t in result.trends if t.dimension == trends.NEIGHBOURHOOD)


def test_fixed_number_of_queries(register, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        trends.analyse(users.coordinator, end=END, months=3)


def test_handler_sees_only_their_scope(register, users):
    org = register
    # The handler of Werk en Inkomen sees only the stable series: no trends.
    assert trends.trends_for(users.handler, end=END) == []
    assert {r.label for r in trends.analyse(users.handler, end=END).rows[trends.THEME]} == {
        org.social.name
    }
    # The handler of Beheer Openbare Ruimte sees the rise.
    labels = {(t.dimension, t.label) for t in trends.trends_for(users.other_handler, end=END)}
    assert (trends.THEME, org.public_space.name) in labels
    assert (trends.PARTNER, org.other_partner.name) not in labels


def list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["valid"]
    assert response.context["count_label"] in response.content.decode()
    return response.context["count"]


def test_page_links_open_exactly_the_trend_complaints(register, client, users):
    client.force_login(users.coordinator)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    found = response.context["trends"].trends
    assert found
    for trend in found:
        if trend.dimension == trends.NEIGHBOURHOOD:
            continue
        assert trend.list_url.replace("&", "&amp;") in page
        assert list_count(client, trend.list_url) == trend.current, trend
    assert "Openbare ruimte: 36 klachten in de afgelopen 3 maanden" in page
    assert "minder dan 1 op de 1000" in page
    assert "Hoe we een signaal vinden" in page


def test_page_permissions(register, client, users):
    for user in (users.coordinator, users.handler, users.partner):
        client.force_login(user)
        assert client.get(PAGE).status_code == 200, user.username
    for user in (users.viewer, users.nobody):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403, user.username
    client.logout()
    assert client.get(PAGE).status_code == 302


@pytest.mark.parametrize("value", ["abc", "0", "13", "-1", "2.5", "9" * 40])
def test_bad_months(register, client, users, value):
    client.force_login(users.coordinator)
    response = client.get(PAGE, {"maanden": value})
    assert response.status_code == 200
    assert response.context["error"]
    assert response.context["months"] == trends.DEFAULT_MONTHS
    page = response.content.decode()
    assert "Kies een aantal maanden van 1 tot en met 12" in page
    assert 'aria-invalid="true"' in page


def test_other_months(register, client, users):
    client.force_login(users.coordinator)
    response = client.get(PAGE, {"maanden": "1"})
    assert response.status_code == 200
    assert not response.context["error"]
    assert response.context["trends"].current.days == 30


def test_a_young_register_is_not_compared_with_days_before_it_began(org, users, today):
    # Complaints only in the last two blocks (B4 and now), the same number in each: the
    # three earlier blocks and last year are before the register began, so they are
    # not "zero complaints" and nothing rises.
    for block in blocks()[-2:]:
        put(org, 12, block, theme=org.debt, department=org.dept_social)
    result = trends.analyse(users.coordinator, end=END, months=3)
    assert result.trends == []
    row = {r.label: r for r in result.rows[trends.THEME]}[org.social.name]
    # The average covers the days of B4 since its first complaint, not four periods.
    first = blocks()[-2].start + timedelta(days=10)
    covered = (blocks()[-2].end - first).days + 1
    assert row.average.exposure == pytest.approx(covered / blocks()[-1].days)
    assert row.average.baseline_count == 12
