"""The acknowledgement as the law has it: none without an address or e-mail (the step
still moves on, records why, sends nothing, and the report counts it apart); a late
one never promises a passed date; the advisory committee named (Awb 9:6, 9:13)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from vangnet.complaints.events import Action
from vangnet.complaints.models import LightPathReason
from vangnet.complaints.workflow import State, Step
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.services import build_letter
from vangnet.reports import kpis
from vangnet.reports.figures import Period

from .conftest import action_url, detail_url

pytestmark = pytest.mark.django_db

ANONYMOUS = {
    "is_formal": False,
    "light_path_reason": LightPathReason.ORAL,
    "complainant_name": "",
    "complainant_street": "",
    "complainant_postcode": "",
    "complainant_city": "",
    "complainant_email": "",
    "complainant_phone": "",
    "preferred_contact": "letter",
}


@pytest.fixture
def anonymous(make_complaint, users):
    complaint = make_complaint(**ANONYMOUS)
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def assert_not_acknowledged(complaint):
    complaint.refresh_from_db()
    # The procedure moved on, straight into handling: never "acknowledged".
    assert complaint.state == State.IN_PROGRESS
    assert complaint.acknowledgement_not_sent == "no_address"
    assert not Letter.objects.filter(complaint=complaint).exists()
    assert not OutboxMessage.objects.filter(complaint=complaint).exists()
    event = complaint.events.get(action=Action.ACKNOWLEDGE)
    assert "niet verstuurd: geen adres of e-mailadres" in event.summary
    assert event.changes["acknowledgement_not_sent"] == ["", "no_address"]
    assert not complaint.events.filter(action=Action.LETTER_SENT).exists()


def test_anonymous_complaint_on_the_page(client, anonymous, users):
    client.force_login(users.handler)
    url = reverse("backoffice:complaint_step", args=[anonymous.pk, Step.ACKNOWLEDGE])
    response = client.post(url, {}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is geen ontvangstbevestiging verstuurd" in html
    assert "De ontvangstbevestiging is verstuurd." not in html
    assert 'id="ontvangstbevestiging-niet-verstuurd"' in html
    assert "Niet verstuurd: geen adres of e-mailadres bekend" in html
    assert_not_acknowledged(anonymous)


def test_anonymous_complaint_through_the_api(api, anonymous, users):
    client = api(users.handler)
    response = client.post(action_url(anonymous.pk, "acknowledge"), {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "in_progress"
    assert response.json()["acknowledgement_not_sent"] == "no_address"
    assert response.json()["letters"] == []
    assert_not_acknowledged(anonymous)
    detail = client.get(detail_url(anonymous.pk)).json()
    assert detail["acknowledgement_not_sent"] == "no_address"


def test_an_address_alone_is_enough_for_a_letter_by_post(make_complaint, users):
    complaint = make_complaint(complainant_email="", preferred_contact="letter")
    perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.acknowledgement_not_sent == ""
    assert Letter.objects.get(complaint=complaint).sent_to == "post"


def test_the_report_counts_them_apart(make_complaint, anonymous, users):
    today = date.today()
    known = make_complaint()
    for complaint in (known, anonymous):
        perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint)
    report = kpis.compute(Period.year(today.year), today=today)
    figures = {figure.key: figure.cell.value for figure in report.section("timeliness").figures}
    assert figures["acknowledgement_impossible"] == 1
    assert figures["acknowledged_on_time"] == 1
    assert figures["share_acknowledged_on_time"] == 1.0  # 1 of 1, not 1 of 2


# --- A late acknowledgement promises no passed date ----------------------------------


def test_a_late_acknowledgement_says_as_soon_as_possible(make_complaint, users):
    received = date(2026, 11, 2)  # Monday; first contact by Thursday 5 November
    with time_machine.travel(date(2026, 11, 3), tick=False):
        complaint = make_complaint(received_on=received)
    assert complaint.first_contact_by == date(2026, 11, 5)
    with time_machine.travel(date(2026, 11, 9), tick=False):  # four days after it
        perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint)
    html = Letter.objects.get(complaint=complaint).html
    assert "Wij nemen zo snel mogelijk contact met u op." in html
    assert "Uiterlijk op donderdag 5 november 2026" not in html
    assert "Uiterlijk op" in html  # the answer's date is still ahead: promised
    assert complaint.decide_by.strftime("%Y") in html


def test_a_first_contact_date_of_today_is_not_promised(make_complaint):
    with time_machine.travel(date(2026, 11, 3), tick=False):
        complaint = make_complaint(received_on=date(2026, 11, 2))
    letter = build_letter(
        kind="acknowledgement",
        complaint=complaint,
        context={"status_url": ""},
        today=complaint.first_contact_by,
    )
    assert "zo snel mogelijk contact" in letter.html
    assert "Uiterlijk op donderdag 5 november 2026" not in letter.html
    timely = build_letter(
        kind="acknowledgement",
        complaint=complaint,
        context={"status_url": ""},
        today=complaint.first_contact_by - timedelta(days=1),
    )
    assert "Uiterlijk op donderdag 5 november 2026" in timely.html
    assert "zo snel mogelijk" not in timely.html


def test_a_passed_answer_date_is_not_promised(make_complaint):
    with time_machine.travel(date(2026, 11, 3), tick=False):
        complaint = make_complaint(received_on=date(2026, 11, 2))
    letter = build_letter(
        kind="acknowledgement",
        complaint=complaint,
        context={"status_url": ""},
        today=complaint.decide_by + timedelta(days=1),
    )
    assert "Wij sturen u zo snel mogelijk een brief met ons antwoord" in letter.html
    assert "Uiterlijk op" not in letter.html


def test_the_acknowledgement_names_the_committee(make_complaint, org):
    org.college.advisory_committee = "Commissie bezwaar en klachten Testwijk"
    org.college.save()
    complaint = make_complaint(advisory_committee=True)
    letter = build_letter(kind="acknowledgement", complaint=complaint, context={"status_url": ""})
    assert "Commissie bezwaar en klachten Testwijk" in letter.html
    without = make_complaint()
    letter = build_letter(kind="acknowledgement", complaint=without, context={"status_url": ""})
    assert "klachtadviescommissie" not in letter.html


def test_an_anonymous_complaint_goes_on_into_handling(anonymous, users):
    """No acknowledgement and no first contact are left to chase: the next steps are
    those of a complaint in handling, and only the decision's deadline remains."""
    from vangnet.complaints.deadlines import open_deadlines
    from vangnet.handling.available import available_actions

    perform(Step.ACKNOWLEDGE, actor=users.handler, complaint=anonymous)
    anonymous.refresh_from_db()
    names = {action.name for action in available_actions(users.handler, anonymous)}
    assert {Step.START_FORMAL, Step.LOG_CONTACT, Step.RESOLVE_INFORMALLY} <= names
    assert Step.ACKNOWLEDGE not in names
    assert [field for field, _day in open_deadlines(anonymous)] == ["decide_by"]
