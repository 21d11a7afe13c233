"""'Mijn werk' that adds up: each tile counts exactly its list; the acknowledgement's and
the first contact's dates count while those steps are still to do; a handler picks up
an unassigned complaint of their department when the municipality allows it."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from vangnet.complaints import selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import State
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

MY_WORK = reverse("backoffice:my_work")
TODAY = date.today()


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(MY_WORK)
    assert response.status_code == 200
    return response.content.decode()


def tiles(html: str) -> dict[str, int]:
    return {
        key: int(number)
        for key, number in re.findall(
            r'data-tile="(\w+)">\s*<span class="vangnet-card__number">(\d+)</span>', html
        )
    }


def listed(html: str, key: str) -> list[str]:
    """The references in the list `key`, and the total its caption names."""
    match = re.search(rf'<table [^>]*id="{key}">(.*?)</table>', html, re.S)
    if match is None:
        return []
    return re.findall(r"(2019-\d{5})</a></th>", match.group(1))


@pytest.fixture
def desk(bulk_complaints, users, org):
    """The handler's complaints: overdue by each kind of deadline, due soon by each,
    and one without urgency."""

    def mine(state, ack, contact, decide):
        [complaint] = bulk_complaints(
            1,
            state=state,
            handler=users.handler,
            department=org.dept_social,
            received_on=day(-10),
            acknowledge_by=day(ack),
            first_contact_by=day(contact),
            decide_by=day(decide),
        )
        return complaint.reference

    return {
        "overdue": {
            mine(State.IN_PROGRESS, -40, -40, -1),  # the decision
            mine(State.RECEIVED, -1, 20, 30),  # the acknowledgement
            mine(State.ACKNOWLEDGED, -5, -2, 30),  # the first contact
        },
        "due_soon": {
            mine(State.RECEIVED, 1, 20, 30),  # the acknowledgement
            mine(State.ACKNOWLEDGED, -5, 1, 30),  # the first contact
            mine(State.FORMAL, -5, -5, 1),  # the decision (the others are done)
        },
        "calm": {mine(State.IN_PROGRESS, -5, -5, 30)},
    }


def test_tiles_count_their_lists(client, users, desk, bulk_complaints, org):
    bulk_complaints(2, department=org.dept_social, decide_by=day(-3))  # nobody's, overdue
    html = page(client, users.handler)
    counted = tiles(html)
    assert counted == {"overdue": 3, "due_soon": 3, "assigned": 7}
    assert set(listed(html, "overdue")) == desk["overdue"]
    assert set(listed(html, "due_soon")) == desk["due_soon"]
    assert len(listed(html, "assigned")) == 7
    for key, number in counted.items():
        caption = html.split(f'id="{key}-caption">', 1)[1].split("</caption>")[0]
        assert caption.endswith(f"({number})"), (key, caption)
    # The list behind each tile's "more" link counts the same (the complaint list's
    # filters use the same selectors).
    client.force_login(users.handler)
    for key in ("overdue", "due_soon"):
        response = client.get(
            reverse("backoffice:complaint_list"), {"handler": users.handler.pk, key: "on"}
        )
        found = set(re.findall(r"(2019-\d{5})</a>", response.content.decode()))
        assert found == desk[key], key


def test_the_badge_agrees_with_the_list(users, desk):
    from vangnet.backoffice.rows import with_urgency

    work = selectors.my_work(users.handler)
    window = (work["today"], work["due_soon_until"])
    for key, expected in (("overdue", "overdue"), ("due_soon", "due_soon")):
        rows = with_urgency(work[key], window)
        assert {row.urgency for row in rows} == {expected}
    calm = with_urgency(work["assigned"].filter(reference__in=desk["calm"]), window)
    assert [row.urgency for row in calm] == [None]


def test_the_coordinators_overdue_tile_counts_its_list(client, users, desk, bulk_complaints):
    bulk_complaints(2, decide_by=day(-3))
    html = page(client, users.coordinator)
    assert '<span class="vangnet-card__number">5</span>' in html  # all overdue
    client.force_login(users.coordinator)
    response = client.get(reverse("backoffice:complaint_list"), {"overdue": "on"})
    assert len(set(re.findall(r"(2019-\d{5})</a>", response.content.decode()))) == 5


# --- Picking up a complaint of one's department -------------------------------------


@pytest.fixture
def allowed(org):
    org.municipality.handlers_may_pick_up = True
    org.municipality.save()


@pytest.fixture
def unassigned(bulk_complaints, org):
    [complaint] = bulk_complaints(1, department=org.dept_social)  # the handler's department
    return complaint


def pick_up_url(complaint):
    return reverse("backoffice:complaint_pick_up", args=[complaint.pk])


def api_pick_up(user, complaint):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/complaints/{complaint.pk}/pick-up/", {}, format="json")


def test_a_handler_picks_up_on_the_page(client, users, allowed, unassigned, bulk_complaints, org):
    bulk_complaints(1, department=org.dept_space)  # another department's: not listed
    html = page(client, users.handler)
    assert tiles(html)["pick_up"] == 1
    assert listed(html, "pick_up") == [unassigned.reference]
    assert f'action="{pick_up_url(unassigned)}"' in html
    response = client.post(pick_up_url(unassigned))
    assert response.status_code == 302
    unassigned.refresh_from_db()
    assert unassigned.handler == users.handler
    event = unassigned.events.get(action=Action.ASSIGNED)
    assert event.actor == users.handler
    assert "Opgepakt door" in event.summary
    html = page(client, users.handler)
    assert tiles(html)["pick_up"] == 0
    assert listed(html, "assigned") == [unassigned.reference]


def test_a_handler_picks_up_through_the_api(users, allowed, unassigned):
    client = APIClient()
    client.force_authenticate(users.handler)
    detail = client.get(f"/api/v1/complaints/{unassigned.pk}/").json()
    assert detail["allowed_actions"]["pick_up"] is True
    response = api_pick_up(users.handler, unassigned)
    assert response.status_code == 200, response.json()
    assert response.json()["handler"]["id"] == users.handler.pk
    # Once it has a handler: refused.
    again = api_pick_up(users.handler, unassigned)
    assert again.status_code == 409
    assert "al een behandelaar" in again.json()["detail"]


def test_refused_when_the_municipality_does_not_allow_it(client, users, unassigned):
    html = page(client, users.handler)
    assert "pick_up" not in tiles(html)
    assert "Oppakken" not in html
    response = client.post(pick_up_url(unassigned))
    assert response.status_code == 400
    assert "Behandelaars kunnen niet zelf klachten oppakken" in response.content.decode()
    response = api_pick_up(users.handler, unassigned)
    assert response.status_code == 409
    unassigned.refresh_from_db()
    assert unassigned.handler is None


def test_refused_for_another_department(client, users, allowed, unassigned):
    client.force_login(users.other_handler)
    assert client.post(pick_up_url(unassigned)).status_code == 404  # not theirs to see
    assert api_pick_up(users.other_handler, unassigned).status_code == 404
    with pytest.raises(PermissionDenied):
        perform("pick_up", actor=users.other_handler, complaint=unassigned)
    assert "pick_up" in tiles(page(client, users.other_handler))  # their own: empty
    assert listed(page(client, users.other_handler), "pick_up") == []
    unassigned.refresh_from_db()
    assert unassigned.handler is None


def test_refused_for_the_person_complained_about(client, users, allowed, unassigned):
    Complaint.objects.filter(pk=unassigned.pk).update(person_complained_about_user=users.handler)
    html = page(client, users.handler)
    assert listed(html, "pick_up") == []
    response = api_pick_up(users.handler, unassigned)
    assert response.status_code == 403
    assert "Awb 9:7" in str(response.json())
    client.force_login(users.handler)
    response = client.post(pick_up_url(unassigned))
    assert response.status_code == 400  # the page again, the reason on it
    assert "Awb 9:7" in response.content.decode()
    unassigned.refresh_from_db()
    assert unassigned.handler is None


def test_a_partner_user_never_sees_it(client, users, allowed, unassigned):
    html = page(client, users.partner)
    assert "Op te pakken" not in html
    assert "Oppakken" not in html
    assert selectors.to_pick_up(users.partner).count() == 0
    assert not selectors.may_pick_up(users.partner)
    assert api_pick_up(users.partner, unassigned).status_code in (403, 404)
    unassigned.refresh_from_db()
    assert unassigned.handler is None


def test_the_complaint_page_offers_it_too(client, users, allowed, unassigned):
    client.force_login(users.handler)
    html = client.get(reverse("backoffice:complaint_detail", args=[unassigned.pk])).content
    assert f'action="{pick_up_url(unassigned)}"'.encode() in html
    assert b"Oppakken" in html
    client.force_login(users.coordinator)  # assigns instead; not a handler
    html = client.get(reverse("backoffice:complaint_detail", args=[unassigned.pk])).content
    assert pick_up_url(unassigned).encode() not in html
