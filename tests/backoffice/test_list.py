"""The complaint list: every filter narrows, sorting, paging, search, and bad input
(a 200 with the error next to the filter, never a 500)."""

from datetime import date, timedelta
from functools import partial

import pytest
from django.urls import reverse

from vangnet.complaints.models import Channel, Kind
from vangnet.complaints.workflow import Outcome, State

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:complaint_list")


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users.coordinator)
    return client


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [c.reference for c in response.context["rows"]]


def refs(complaints):
    return sorted(c.reference for c in complaints)


def test_no_filters_lists_every_kind_newest_first(coordinator_client, bulk_complaints):
    old = bulk_complaints(1, received_on=date.today() - timedelta(days=30))
    new = bulk_complaints(1, received_on=date.today() - timedelta(days=1))
    report = bulk_complaints(
        1,
        kind=Kind.REPORT,
        state=State.CLOSED,
        closed_on=date.today(),
        outcome=Outcome.NOT_A_COMPLAINT,
        decide_by=None,
        received_on=date.today() - timedelta(days=5),
    )
    response = coordinator_client.get(LIST)
    assert [c.reference for c in response.context["rows"]] == [
        new[0].reference,
        report[0].reference,
        old[0].reference,
    ]
    html = response.content.decode()
    assert "3 klachten" in html
    assert "<caption" in html and 'scope="col"' in html
    assert ">Melding</td>" in html  # the kind column names non-complaints


def test_filter_kind(coordinator_client, bulk_complaints):
    complaints = bulk_complaints(2)
    bulk_complaints(
        1, kind=Kind.QUESTION, state=State.CLOSED, closed_on=date.today(), decide_by=None
    )
    assert sorted(listed(coordinator_client, kind="complaint")) == refs(complaints)
    html = coordinator_client.get(LIST, {"kind": "complaint"}).content.decode()
    assert ">Soort</th>" not in html  # the kind column is left out when only complaints
    assert ">Soort</th>" in coordinator_client.get(LIST).content.decode()


def test_filter_state(coordinator_client, bulk_complaints):
    received = bulk_complaints(2)
    in_progress = bulk_complaints(1, state=State.IN_PROGRESS)
    closed = bulk_complaints(
        1, state=State.CLOSED, closed_on=date.today(), outcome=Outcome.UNFOUNDED
    )
    assert sorted(listed(coordinator_client, state="received")) == refs(received)
    assert listed(coordinator_client, state="in_progress") == refs(in_progress)
    assert listed(coordinator_client, state="closed") == refs(closed)


def test_filter_theme_main_theme_includes_its_sub_themes(coordinator_client, org, bulk_complaints):
    waste = bulk_complaints(2, theme=org.waste)
    main_only = bulk_complaints(1, theme=org.public_space)
    debt = bulk_complaints(1, theme=org.debt)
    assert sorted(listed(coordinator_client, theme=org.public_space.pk)) == refs(waste + main_only)
    assert sorted(listed(coordinator_client, theme=org.waste.pk)) == refs(waste)
    assert listed(coordinator_client, theme=org.social.pk) == refs(debt)


def test_filter_department_partner_handler_unassigned_channel(
    coordinator_client, org, users, bulk_complaints
):
    social = bulk_complaints(1, department=org.dept_social, channel=Channel.LETTER)
    about_partner = bulk_complaints(1, department=None, partner=org.partner)
    handled = bulk_complaints(2, handler=users.other_handler)
    assert listed(coordinator_client, department=org.dept_social.pk) == refs(social)
    assert listed(coordinator_client, partner=org.partner.pk) == refs(about_partner)
    assert sorted(listed(coordinator_client, handler=users.other_handler.pk)) == refs(handled)
    assert sorted(listed(coordinator_client, unassigned="on")) == refs(social + about_partner)
    assert listed(coordinator_client, channel="letter") == refs(social)
    # An unticked box is no filter at all.
    assert len(listed(coordinator_client, unassigned="")) == 4


def test_filter_overdue_and_due_soon(coordinator_client, bulk_complaints):
    today = date.today()
    # In progress: acknowledged and contacted, so only the decide-by dates count (the
    # other deadlines: tests/backoffice/test_my_work_tiles.py).
    bulk_complaints = partial(bulk_complaints, state=State.IN_PROGRESS)
    overdue = bulk_complaints(2, decide_by=today - timedelta(days=1))
    bulk_complaints(
        1,
        decide_by=today - timedelta(days=3),
        state=State.CLOSED,
        closed_on=today,
        outcome=Outcome.WELL_FOUNDED,
    )
    due_soon = bulk_complaints(1, decide_by=today)
    later = bulk_complaints(1, decide_by=today + timedelta(days=40))
    assert sorted(listed(coordinator_client, overdue="on")) == refs(overdue)
    assert listed(coordinator_client, due_soon="on") == refs(due_soon)
    response = coordinator_client.get(LIST)
    html = response.content.decode()
    assert html.count("Termijn verstreken</span>") == 2
    assert html.count("Verloopt binnenkort</span>") == 1
    assert later[0].reference in html


def test_filter_received_between(coordinator_client, bulk_complaints):
    january = bulk_complaints(1, received_on=date(2025, 1, 15))
    bulk_complaints(1, received_on=date(2025, 3, 1))
    bulk_complaints(1, received_on=date(2024, 12, 31))
    assert listed(coordinator_client, received_from="2025-01-01", received_to="2025-01-31") == (
        refs(january)
    )


def test_search_by_word_and_by_reference(coordinator_client, bulk_complaints):
    lamp = bulk_complaints(1, description="De lantaarnpalen in onze straat branden niet.")
    bulk_complaints(3)
    # Dutch stemming: the singular finds the plural.
    assert listed(coordinator_client, q="lantaarnpaal") == refs(lamp)
    assert listed(coordinator_client, q=lamp[0].reference) == refs(lamp)
    assert listed(coordinator_client, q="onbekendwoord") == []


def test_search_and_filters_combine(coordinator_client, org, bulk_complaints):
    hit = bulk_complaints(1, description="Afvalbak vol", theme=org.waste)
    bulk_complaints(1, description="Afvalbak vol", theme=org.debt)
    assert listed(coordinator_client, q="afvalbak", theme=org.waste.pk) == refs(hit)


def test_sorting(coordinator_client, bulk_complaints):
    complaints = bulk_complaints(3)
    ascending = refs(complaints)
    assert listed(coordinator_client, ordering="reference") == ascending
    assert listed(coordinator_client, ordering="-reference") == ascending[::-1]
    by_deadline = bulk_complaints(1, decide_by=date.today() - timedelta(days=100))
    assert listed(coordinator_client, ordering="decide_by")[0] == by_deadline[0].reference


def test_paging_keeps_the_filters(coordinator_client, settings, bulk_complaints):
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 5}
    complaints = bulk_complaints(12)
    bulk_complaints(2, state=State.IN_PROGRESS)
    first = listed(coordinator_client, state="received", ordering="reference")
    second = listed(coordinator_client, state="received", ordering="reference", page=2)
    third = listed(coordinator_client, state="received", ordering="reference", page=3)
    assert first + second + third == refs(complaints)
    assert len(second) == 5
    html = coordinator_client.get(
        LIST, {"state": "received", "ordering": "reference", "page": 2}
    ).content.decode()
    assert "12 klachten" in html
    assert '?state=received&amp;ordering=reference&amp;page=3"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", ""])
def test_bad_page_numbers_give_a_page_not_an_error(
    coordinator_client, settings, page, bulk_complaints
):
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 5}
    bulk_complaints(7)
    response = coordinator_client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert len(response.context["rows"]) in (5, 2)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"received_from": "abc"}, "received_from"),
        ({"received_to": "31-31-2025"}, "received_to"),
        ({"state": "bogus"}, "state"),
        ({"theme": "999999"}, "theme"),
        ({"handler": "x"}, "handler"),
        ({"ordering": "description"}, "ordering"),
        ({"overdue": "misschien"}, "overdue"),
    ],
)
def test_bad_filter_input_shows_an_error_and_no_rows(
    coordinator_client, bulk_complaints, params, field
):
    bulk_complaints(3)
    response = coordinator_client.get(LIST, params)
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors[field]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}_error"' in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert "verbeter eerst de filters" in html


def test_handler_list_is_limited_to_own_department_and_assigned(
    client, users, org, bulk_complaints
):
    own = bulk_complaints(2, department=org.dept_social)
    assigned = bulk_complaints(1, department=org.dept_space, handler=users.handler)
    bulk_complaints(3, department=org.dept_space)
    client.force_login(users.handler)
    assert sorted(listed(client)) == refs(own + assigned)
    # A filter never widens the scope.
    assert listed(client, department=org.dept_space.pk) == refs(assigned)
