"""GET /api/v1/notifications/ (the current user's, newest first), POST
…/<id>/read/, GET/PUT …/preferences/."""

import pytest

from vangnet.notifications.models import Delivery, Kind, Preference
from vangnet.notifications.services import notify

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
PREFERENCES = "/api/v1/notifications/preferences/"


def read_url(pk) -> str:
    return f"/api/v1/notifications/{pk}/read/"


@pytest.fixture
def mine(staff, complaint, make_complaint):
    """Two notifications for the handler (the second newer), one for the other handler."""
    other = make_complaint()
    first = notify(Kind.ASSIGNED, complaint=complaint, text="Eerste", recipients=[staff.handler])
    second = notify(Kind.DEADLINE, complaint=other, text="Tweede", recipients=[staff.handler])
    theirs = notify(
        Kind.ASSIGNED, complaint=complaint, text="Niet van u", recipients=[staff.other_handler]
    )
    return first[0], second[0], theirs[0]


def test_the_list_is_the_users_own_newest_first(client, staff, mine):
    first, second, _theirs = mine
    client.force_login(staff.handler)
    body = client.get(LIST).json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]
    row = body["results"][1]
    assert row["kind"] == "assigned"
    assert row["text"] == "Eerste"
    assert row["complaint"] == first.complaint_id
    assert row["reference"] == first.complaint.reference
    assert row["read"] is False and row["read_at"] is None
    assert row["url"].endswith(f"/api/v1/complaints/{first.complaint_id}/")
    assert row["page_url"].endswith(f"/backoffice/klachten/{first.complaint_id}/")


def test_a_partner_user_sees_none(client, staff, mine):
    client.force_login(staff.partner)
    assert client.get(LIST).json()["count"] == 0


def test_read_marks_once_and_the_unread_filter(client, staff, mine):
    first, second, _theirs = mine
    client.force_login(staff.handler)
    response = client.post(read_url(first.pk))
    assert response.status_code == 200
    assert response.json()["read"] is True
    read_at = response.json()["read_at"]
    again = client.post(read_url(first.pk))
    assert again.status_code == 200
    assert again.json()["read_at"] == read_at  # idempotent
    unread = client.get(LIST, {"unread": "true"}).json()
    assert [row["id"] for row in unread["results"]] == [second.pk]
    assert client.get(LIST, {"unread": "false"}).json()["count"] == 2


def test_someone_elses_or_an_unknown_id_is_404(client, staff, mine):
    _first, _second, theirs = mine
    client.force_login(staff.handler)
    assert client.post(read_url(theirs.pk)).status_code == 404
    assert client.post(read_url(999_999)).status_code == 404
    assert client.post("/api/v1/notifications/abc/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_bad_filter_is_a_message_on_the_field(client, staff, mine):
    client.force_login(staff.handler)
    response = client.get(LIST, {"unread": "misschien"})
    assert response.status_code == 400
    assert "unread" in str(response.json())


def test_not_signed_in(client, mine):
    first = mine[0]
    assert client.get(LIST).status_code in (401, 403)
    assert client.post(read_url(first.pk)).status_code in (401, 403)
    assert client.get(PREFERENCES).status_code in (401, 403)


def test_preferences_read_and_change(client, staff):
    client.force_login(staff.handler)
    body = client.get(PREFERENCES).json()
    assert body["assigned"] == "immediate"
    assert body["deadline"] == "digest"
    response = client.put(PREFERENCES, {"deadline": "app"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["deadline"] == "app"
    assert response.json()["assigned"] == "immediate"
    assert Preference.objects.get(user=staff.handler, kind=Kind.DEADLINE).delivery == Delivery.APP


@pytest.mark.parametrize(
    "data, field",
    [
        ({"deadline": "soms"}, "deadline"),
        ({"onbekend": "app"}, "onbekend"),
        ({"assigned": None}, "assigned"),
    ],
)
def test_preferences_bad_input_per_field(client, staff, data, field):
    client.force_login(staff.handler)
    response = client.put(PREFERENCES, data, content_type="application/json")
    assert response.status_code == 400
    assert field in str(response.json())
    assert not Preference.objects.exists()


def test_preferences_not_an_object(client, staff):
    client.force_login(staff.handler)
    response = client.put(PREFERENCES, ["app"], content_type="application/json")
    assert response.status_code == 400
