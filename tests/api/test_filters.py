"""The list's filters are the back office's `ComplaintFilter`: same parameters, same rows."""

from datetime import date, timedelta

import pytest

from vangnet.complaints import selectors
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import Channel, Kind, SubjectType
from vangnet.handling.guard import perform

from .conftest import COMPLAINTS_URL

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def register(org, users, make_complaint):
    coordinator = users.coordinator
    assigned = make_complaint(received_on=TODAY - timedelta(days=3))
    perform("assign", actor=coordinator, complaint=assigned, data={"handler": users.handler})
    make_complaint(
        received_on=TODAY - timedelta(days=60),  # overdue
        theme=org.waste,
        department=org.dept_space,
        channel=Channel.EMAIL,
        subject_type=SubjectType.PARTNER,
        partner=org.other_partner,
        description="De container in onze straat wordt al weken niet geleegd.",
    )
    due_soon = make_complaint(received_on=TODAY - timedelta(days=40), channel=Channel.LETTER)
    perform("forward", actor=coordinator, complaint=due_soon, data={"partner": org.partner})
    make_complaint(
        received_on=TODAY - timedelta(days=10),
        kind=Kind.REPORT,
        theme=None,
        redirected_to="Meldpunt openbare ruimte",
    )
    closed = make_complaint(
        received_on=TODAY - timedelta(days=20), theme=org.waste, department=org.dept_space
    )
    perform("withdraw", actor=coordinator, complaint=closed, data={"note": "Ingetrokken."})
    main_theme = make_complaint(received_on=TODAY - timedelta(days=5), theme=org.social)
    perform(
        "assign", actor=coordinator, complaint=main_theme, data={"handler": users.other_handler}
    )
    # Acknowledged and contacted: only their decide-by dates count for urgency (the
    # overdue one stays received; its decision's term has passed anyway).
    for complaint in (assigned, due_soon, main_theme):
        perform("acknowledge", actor=coordinator, complaint=complaint)
        perform(
            "log_contact",
            actor=coordinator,
            complaint=complaint,
            data={"contacted_on": TODAY, "channel": "phone", "notes": "Gebeld."},
        )
    return org


def api_ids(client, params) -> list[int]:
    response = client.get(COMPLAINTS_URL, {**params, "page_size": 200})
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def filter_ids(user, params) -> list[int]:
    filterset = ComplaintFilter(params, queryset=selectors.visible_complaints(user))
    assert filterset.is_valid()
    return list(filterset.qs.values_list("id", flat=True))


def parameter_sets(org, users) -> list[dict]:
    return [
        {},
        {"q": "schuldhulp"},
        {"q": "containers"},
        {"q": "Fatima"},
        {"kind": "report"},
        {"kind": "complaint", "state": "received"},
        {"state": "closed"},
        {"theme": org.social.pk},  # a main theme includes its sub-themes
        {"theme": org.debt.pk},
        {"theme": org.waste.pk, "ordering": "reference"},
        {"department": org.dept_space.pk},
        {"partner": org.other_partner.pk},
        {"handler": users.handler.pk},
        {"unassigned": "true"},
        {"channel": "email"},
        {"overdue": "true"},
        {"due_soon": "true"},
        {"received_from": (TODAY - timedelta(days=21)).isoformat()},
        {"received_to": (TODAY - timedelta(days=21)).isoformat()},
        {"ordering": "decide_by"},
        {"ordering": "-decide_by"},
        {"ordering": "state,-received_on"},
        {"ordering": "-reference", "channel": "phone"},
    ]


@pytest.mark.parametrize("role", ["coordinator", "handler", "partner"])
def test_api_gives_the_same_rows_as_the_filterset(api, users, register, role):
    user = getattr(users, role)
    client = api(user)
    nonempty = 0
    for params in parameter_sets(register, users):
        expected = filter_ids(user, params)
        assert api_ids(client, params) == expected, params
        nonempty += bool(expected)
    if role == "coordinator":
        # The data set exercises every parameter.
        assert nonempty == len(parameter_sets(register, users))


def test_filters_do_what_they_say(api, users, register):
    client = api(users.coordinator)
    everything = api_ids(client, {})
    assert len(everything) == 6
    assert len(api_ids(client, {"overdue": "true"})) == 1
    assert len(api_ids(client, {"due_soon": "true"})) == 1
    assert len(api_ids(client, {"theme": register.social.pk})) == 3
    assert len(api_ids(client, {"unassigned": "true"})) == 4
    rows = client.get(COMPLAINTS_URL, {"ordering": "received_on"}).json()["results"]
    assert [row["received_on"] for row in rows] == sorted(row["received_on"] for row in rows)


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"state": "opened"},
        {"theme": "999999"},
        {"theme": "schulden"},  # the list filters by id, like the back office
        {"department": "abc"},
        {"partner": "999999"},
        {"handler": "999999"},
        {"channel": "fax"},
        {"received_from": "2026-13-45"},
        {"received_to": "yesterday"},
        {"ordering": "description"},
    ],
)
def test_bad_filter_values_give_400_per_parameter(api, users, register, params):
    response = api(users.coordinator).get(COMPLAINTS_URL, params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)
    assert all(isinstance(m, str) for m in response.json()[next(iter(params))])


def test_a_partner_user_cannot_filter_by_someone_who_is_not_a_handler(api, users, register):
    response = api(users.coordinator).get(COMPLAINTS_URL, {"handler": users.partner.pk})

    assert response.status_code == 400
    assert "handler" in response.json()


def test_paging(api, users, register):
    client = api(users.coordinator)
    first = client.get(COMPLAINTS_URL, {"page_size": 4}).json()
    assert first["count"] == 6
    assert len(first["results"]) == 4
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert second["next"] is None
    assert {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]} == set(
        api_ids(client, {})
    )
    assert client.get(COMPLAINTS_URL, {"page": 3, "page_size": 4}).status_code == 404


def test_list_row_shape(api, users, register):
    row = api(users.coordinator).get(COMPLAINTS_URL, {"overdue": "true"}).json()["results"][0]

    assert set(row) == {
        "id",
        "url",
        "reference",
        "kind",
        "state",
        "received_on",
        "channel",
        "body",
        "theme",
        "subject_type",
        "department",
        "partner",
        "handler",
        "deadlines",
        "outcome",
        "closed_on",
    }
    assert row["url"].endswith(f"{COMPLAINTS_URL}{row['id']}/")
    assert row["partner"]["slug"] == "afvalbedrijf"
    assert row["theme"]["parent"]["slug"] == "openbare-ruimte"
    assert row["handler"] is None
    assert set(row["deadlines"]) == {
        "acknowledge_by",
        "first_contact_by",
        "decline_by",
        "decide_by",
    }
