"""The partner portal: a partner user sees the complaints forwarded to their own partner
(never another partner's: 404), filters, sorts, searches and pages through them, and
replies once, with errors next to the fields."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Forward, PartnerOutcome
from vangnet.complaints.workflow import Outcome, State
from vangnet.handling.guard import perform

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=AMSTERDAM)
LIST = reverse("partnerportal:list")


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def detail(complaint) -> str:
    return reverse("partnerportal:detail", args=[complaint.pk])


def references(response) -> list[str]:
    return re.findall(r"/partner/klachten/\d+/\">(\d{4}-\d{5})<", response.content.decode())


@pytest.fixture
def mine_and_theirs(org, staff, make_complaint, forward):
    mine = make_complaint(description="Over mijn partner.")
    forward(mine)
    theirs = make_complaint(description="Over een andere partner.")
    forward(theirs, partner=org.other_partner)
    not_forwarded = make_complaint(description="Niet doorgestuurd.")
    return mine, theirs, not_forwarded


def test_partner_user_sees_only_their_partners_complaints(client, users, mine_and_theirs):
    mine, theirs, not_forwarded = mine_and_theirs
    client.force_login(users.partner)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert references(response) == [mine.reference]
    assert "1 doorgestuurde klacht" in response.content.decode()

    page = client.get(detail(mine))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Over mijn partner." in html
    assert "fatima@example.invalid" in html  # the partner needs the contact details
    assert 'name="action"' in html
    assert 'name="name"' not in html  # signed in: their own name is recorded

    for other in (theirs, not_forwarded):
        assert client.get(detail(other)).status_code == 404
        assert client.post(detail(other), {"action": "x", "outcome": "resolved"}).status_code == 404
    assert not Forward.objects.filter(replied_at__isnull=False).exists()

    client.force_login(users.other_partner)
    assert references(client.get(LIST)) == [theirs.reference]
    assert client.get(detail(mine)).status_code == 404


def test_only_partner_users_use_the_portal(client, users, mine_and_theirs):
    mine = mine_and_theirs[0]
    anonymous = client.get(LIST)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    for user in (users.coordinator, users.handler, users.viewer, users.nobody):
        client.force_login(user)
        assert client.get(LIST).status_code == 403, user
        assert client.get(detail(mine)).status_code == 403, user


def test_partner_user_replies_once(client, users, staff, mine_and_theirs):
    mine = mine_and_theirs[0]
    client.force_login(users.partner)
    response = client.post(
        detail(mine),
        {"action": "Gebeld en opgelost.", "outcome": PartnerOutcome.RESOLVED},
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Dank u wel. De gemeente heeft uw antwoord" in html
    assert "Gebeld en opgelost." in html
    assert 'name="action"' not in html
    made = Forward.objects.get(complaint=mine, partner=users.partner.partner)
    assert made.replied_by == users.partner
    assert made.replied_by_name == "Partneruser"
    assert mine.events.filter(action=Action.PARTNER_REPLIED, actor=users.partner).count() == 1

    again = client.post(
        detail(mine), {"action": "Nog een keer.", "outcome": PartnerOutcome.UNFOUNDED}, follow=True
    )
    assert "U kunt maar één keer antwoorden." in again.content.decode()
    made.refresh_from_db()
    assert made.reply_action == "Gebeld en opgelost."
    assert mine.events.filter(action=Action.PARTNER_REPLIED).count() == 1

    # The service refuses a second reply by itself, too.
    with pytest.raises(ValidationError):
        perform(
            "partner_reply",
            actor=users.partner,
            complaint=made.complaint,
            data={"forward": made, "action": "x", "outcome": PartnerOutcome.RESOLVED},
        )


def test_portal_errors_next_to_the_fields_with_input_kept(client, users, mine_and_theirs):
    mine = mine_and_theirs[0]
    client.force_login(users.partner)
    response = client.post(detail(mine), {"action": "Wij belden mevrouw.", "outcome": "weet niet"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is 1 fout" in html
    # In the summary above the form, and next to the field.
    error_at = html.index('id="reply_outcome_error"')
    assert html.index("Kies wat de uitkomst is.", error_at) < html.index('name="outcome"', error_at)
    assert "Wij belden mevrouw.</textarea>" in html

    response = client.post(detail(mine), {"action": "  ", "outcome": PartnerOutcome.NOT_OURS})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf wat uw organisatie met de klacht heeft gedaan." in html
    assert re.search(r'value="not_ours"[^>]*checked', html)
    assert Forward.objects.get(complaint=mine, partner=users.partner.partner).replied_at is None


def test_filters_sorting_search_and_paging(
    client, settings, org, users, staff, make_complaint, forward, frozen_day
):
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 2}
    # Four forwards on four days (10 working days each to reply): a replied one, an open
    # one that is overdue, one of a closed complaint, and a recent one.
    made = {}
    for name, day in (
        ("replied", date(2026, 2, 2)),
        ("overdue", date(2026, 2, 9)),
        ("closed", date(2026, 2, 16)),
        ("recent", date(2026, 3, 13)),
    ):
        frozen_day.move_to(
            datetime.combine(day, datetime.min.time(), AMSTERDAM) + timedelta(hours=9)
        )
        complaint = make_complaint(description=name)
        made[name] = forward(complaint)[0]
    frozen_day.move_to(NOW)
    perform(
        "partner_reply",
        actor=None,
        complaint=made["replied"].complaint,
        data={
            "forward": made["replied"],
            "name": "Jan",
            "action": "Klaar.",
            "outcome": PartnerOutcome.RESOLVED,
        },
    )
    Complaint.objects.filter(pk=made["closed"].complaint_id).update(
        state=State.CLOSED, closed_on=date(2026, 3, 1), outcome=Outcome.FORWARDED_TO_PARTNER
    )
    ref = {name: forward.complaint.reference for name, forward in made.items()}
    assert made["recent"].reply_due_on == date(2026, 3, 27)  # not overdue on 16 March

    client.force_login(users.partner)

    def shown(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return references(response)

    # Default: newest forward first, two per page.
    assert shown() == [ref["recent"], ref["closed"]]
    assert shown(page=2) == [ref["overdue"], ref["replied"]]
    assert shown(ordering="forwarded_on") == [ref["replied"], ref["overdue"]]
    assert shown(ordering="reply_due_on", page=2) == [ref["closed"], ref["recent"]]
    assert shown(ordering="-reply_due_on") == [ref["recent"], ref["closed"]]

    assert shown(status="replied") == [ref["replied"]]
    assert shown(status="awaiting", ordering="forwarded_on") == [ref["overdue"], ref["closed"]]
    assert shown(status="overdue", ordering="forwarded_on") == [ref["overdue"], ref["closed"]]
    assert shown(status="open", ordering="forwarded_on") == [ref["replied"], ref["overdue"]]
    assert shown(status="open", ordering="forwarded_on", page=2) == [ref["recent"]]

    assert shown(q=ref["overdue"]) == [ref["overdue"]]
    assert shown(q=" " + ref["recent"][-3:] + " ") == [ref["recent"]]
    assert shown(q="9999-99999") == []

    html = client.get(LIST, {"status": "overdue"}).content.decode()
    assert "Te laat" in html
    bad = client.get(LIST, {"status": "alles", "ordering": "naam"})
    html = bad.content.decode()
    assert "Kies wat u wilt zien uit de lijst." in html
    assert "Kies een sortering uit de lijst." in html
    assert references(bad) == []


def test_list_runs_a_fixed_number_of_queries(client, users, staff, make_complaint, forward):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users.partner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(captured)

    forward(make_complaint())
    one = queries()
    for _ in range(5):
        forward(make_complaint())
    assert queries() == one
    assert one <= 10
