"""Rule bottlenecks (issue 6, part 2): flagging, the queue, the decision and its
follow-up; the services' rules, the timeline, the pages and who may do what."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints.events import Action
from vangnet.learning import bottlenecks
from vangnet.learning.models import Bottleneck

TODAY = date(2026, 3, 16)
LIST_URL = "/backoffice/leren/knelpunten/"
FLAG = {
    "rule": "Beleidsregel bijzondere bijstand, artikel 4",
    "problem": "De aanvraag moet op papier, maar mevrouw is blind.",
    "proposal": "Aanvraag telefonisch opnemen.",
}
DECISION = {
    "decision": Bottleneck.Decision.EXCEPTION,
    "decision_note": "Voor deze aanvraag een uitzondering.",
    "decided_on": date(2026, 3, 16),
    "follow_up": "Beleidsregel herzien.",
}


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=date(2026, 1, 5))


def errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def flag(complaint, actor, today=TODAY, **overrides):
    return bottlenecks.flag(complaint, actor=actor, data={**FLAG, **overrides}, today=today)


# --- services ------------------------------------------------------------------------


def test_flag_decide_and_follow_up_with_events(users, complaint):
    b = flag(complaint, users.handler)
    assert b.raised_on == TODAY and b.raised_by == users.handler and not b.is_decided
    assert bottlenecks.state(b) == bottlenecks.QUEUED
    event = complaint.events.get(action=Action.BOTTLENECK_RAISED)
    assert (
        event.summary == "Knelpunt in regels gemeld: Beleidsregel bijzondere bijstand, artikel 4."
    )

    bottlenecks.decide(b, actor=users.coordinator, data=DECISION, today=TODAY)
    b.refresh_from_db()
    assert b.decision == "exception" and b.decided_on == TODAY
    assert bottlenecks.state(b) == bottlenecks.FOLLOW_UP_OPEN
    decided = complaint.events.get(action=Action.BOTTLENECK_DECIDED)
    assert "Uitzondering gemaakt" in decided.summary

    bottlenecks.complete_follow_up(
        b, actor=users.coordinator, done_on=TODAY + timedelta(days=2), today=TODAY + timedelta(3)
    )
    b.refresh_from_db()
    assert b.follow_up_done_on == TODAY + timedelta(days=2)
    assert bottlenecks.state(b) == bottlenecks.DONE
    assert complaint.events.filter(action=Action.BOTTLENECK_DECIDED).count() == 2


def test_a_closed_complaint_can_be_flagged_and_decided_on_defaults_to_today(users, make_complaint):
    closed = make_complaint(received_on=date(2025, 1, 5))
    type(closed).objects.filter(pk=closed.pk).update(state="closed", closed_on=date(2025, 2, 1))
    closed.refresh_from_db()
    b = flag(closed, users.coordinator)
    bottlenecks.decide(
        b,
        actor=users.coordinator,
        data={**DECISION, "decided_on": None, "follow_up": ""},
        today=TODAY,
    )
    b.refresh_from_db()
    assert b.decided_on == TODAY and bottlenecks.state(b) == bottlenecks.DECIDED


def test_queue_is_undecided_oldest_first(users, complaint):
    late = flag(complaint, users.coordinator, today=TODAY)
    early = flag(complaint, users.coordinator, today=TODAY - timedelta(days=5))
    decided = flag(complaint, users.coordinator, today=TODAY - timedelta(days=9))
    bottlenecks.decide(decided, actor=users.coordinator, data=DECISION, today=TODAY)
    assert list(bottlenecks.queue()) == [early, late]


def test_bad_flag_stores_nothing(users, complaint):
    found = errors(lambda: flag(complaint, users.handler, rule=" ", problem="", proposal=""))
    assert set(found) == {"rule", "problem", "proposal"}
    assert found["rule"] == ["Noem de regel of werkwijze die in de weg zit."]
    assert not Bottleneck.objects.exists()
    assert not complaint.events.filter(action=Action.BOTTLENECK_RAISED).exists()


def test_bad_decision_stores_nothing(users, complaint):
    b = flag(complaint, users.coordinator)
    found = errors(
        lambda: bottlenecks.decide(
            b,
            actor=users.coordinator,
            data={"decision": "maybe", "decision_note": "", "decided_on": TODAY + timedelta(1)},
            today=TODAY,
        )
    )
    assert set(found) == {"decision", "decision_note", "decided_on"}
    assert "toekomst" in found["decided_on"][0]
    found = errors(
        lambda: bottlenecks.decide(
            b,
            actor=users.coordinator,
            data={**DECISION, "decided_on": TODAY - timedelta(days=1)},
            today=TODAY,
        )
    )
    assert "vóór de melding" in found["decided_on"][0]
    b.refresh_from_db()
    assert b.decision == "" and b.decided_on is None


def test_follow_up_rules(users, complaint):
    b = flag(complaint, users.coordinator)
    assert (
        "geen besluit"
        in errors(
            lambda: bottlenecks.complete_follow_up(
                b, actor=users.coordinator, done_on=TODAY, today=TODAY
            )
        )["done_on"][0]
    )
    bottlenecks.decide(b, actor=users.coordinator, data=DECISION, today=TODAY)
    assert (
        "toekomst"
        in errors(
            lambda: bottlenecks.complete_follow_up(
                b, actor=users.coordinator, done_on=TODAY + timedelta(1), today=TODAY
            )
        )["done_on"][0]
    )
    b.refresh_from_db()
    assert b.follow_up_done_on is None


def test_permissions_in_the_services(users, complaint, make_complaint):
    b = flag(complaint, users.handler)  # the handler's own department
    with pytest.raises(PermissionDenied):
        bottlenecks.decide(b, actor=users.handler, data=DECISION, today=TODAY)
    with pytest.raises(PermissionDenied):
        flag(complaint, users.partner)
    with pytest.raises(PermissionDenied):
        flag(complaint, users.viewer)


# --- pages ---------------------------------------------------------------------------


def test_flag_through_the_complaint_page(client, users, complaint):
    client.force_login(users.handler)
    page = client.get(f"/backoffice/klachten/{complaint.pk}/").content.decode()
    create_url = f"{LIST_URL}melden/{complaint.pk}/"
    assert create_url in page and "Knelpunt melden" in page

    response = client.post(create_url, {"rule": "", "problem": "x", "proposal": "y"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["rule"] == ["Noem de regel of werkwijze die in de weg zit."]
    assert 'value=""' in response.content.decode() or "x</textarea>" in response.content.decode()
    assert not Bottleneck.objects.exists()

    response = client.post(create_url, FLAG)
    b = Bottleneck.objects.get()
    assert response.status_code == 302 and response.url == f"{LIST_URL}{b.pk}/"
    page = client.get(f"/backoffice/klachten/{complaint.pk}/").content.decode()
    assert "Beleidsregel bijzondere bijstand, artikel 4" in page
    assert "wacht op casusoverleg" in page

    # The handler cannot decide.
    assert client.get(f"{LIST_URL}{b.pk}/besluit/").status_code == 403
    assert client.post(f"{LIST_URL}{b.pk}/besluit/", {}).status_code == 403
    assert "Besluit vastleggen" not in client.get(f"{LIST_URL}{b.pk}/").content.decode()


def test_decide_and_follow_up_through_the_pages(client, users, complaint):
    b = flag(complaint, users.handler, today=date.today() - timedelta(days=3))
    client.force_login(users.coordinator)
    url = f"{LIST_URL}{b.pk}/besluit/"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(url, {"decision": "stays", "decision_note": "", "decided_on": tomorrow})
    assert response.status_code == 400
    form = response.context["form"]
    assert "decision_note" in form.errors and "toekomst" in form.errors["decided_on"][0]
    b.refresh_from_db()
    assert not b.decision

    response = client.post(
        url,
        {
            "decision": "changed",
            "decision_note": "De regel gaat eruit.",
            "decided_on": "",
            "follow_up": "Raadsvoorstel maken.",
        },
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.decision == "changed" and b.decided_on == date.today()
    response = client.post(f"{LIST_URL}{b.pk}/vervolg/", {"done_on": tomorrow})
    assert response.status_code == 400
    assert "toekomst" in response.context["follow_up_form"].errors["done_on"][0]
    response = client.post(f"{LIST_URL}{b.pk}/vervolg/", {"done_on": date.today().isoformat()})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.follow_up_done_on == date.today()
    detail = client.get(f"{LIST_URL}{b.pk}/").content.decode()
    assert "De regel wordt aangepast" in detail and "Vervolg afgerond" in detail


def test_list_default_queue_filters_search_sort_and_paging(client, users, complaint, settings):
    first = flag(complaint, users.coordinator, today=TODAY - timedelta(days=10), rule="Regel A")
    second = flag(complaint, users.coordinator, today=TODAY - timedelta(days=5), rule="Regel B")
    decided = flag(complaint, users.coordinator, today=TODAY - timedelta(days=20), rule="Regel C")
    done = flag(complaint, users.coordinator, today=TODAY - timedelta(days=30), rule="Zeker D")
    bottlenecks.decide(decided, actor=users.coordinator, data=DECISION, today=TODAY)
    bottlenecks.decide(
        done, actor=users.coordinator, data={**DECISION, "follow_up": ""}, today=TODAY
    )
    client.force_login(users.handler)  # handlers read

    def pks(params=None):
        response = client.get(LIST_URL, params or {})
        assert response.status_code == 200
        return [row["bottleneck"].pk for row in response.context["rows"]]

    assert pks() == [first.pk, second.pk]  # undecided, oldest first
    assert pks({"sort": "nieuw"}) == [second.pk, first.pk]
    assert pks({"state": "decided"}) == [done.pk, decided.pk]
    assert pks({"state": "follow_up_open"}) == [decided.pk]
    assert pks({"state": "done"}) == [done.pk]
    assert pks({"state": "all", "q": "regel", "sort": "regel"}) == [first.pk, second.pk, decided.pk]
    response = client.get(LIST_URL, {"state": "nope", "sort": "x"})
    assert response.status_code == 200 and response.context["rows"] == []
    assert "state" in response.context["form"].errors

    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 1}
    response = client.get(LIST_URL, {"page": 2})
    assert [row["bottleneck"].pk for row in response.context["rows"]] == [second.pk]
    assert client.get(LIST_URL, {"page": "999"}).status_code == 200


def test_who_may_see(client, users, complaint):
    b = flag(complaint, users.coordinator)
    for user, status in ((users.partner, 403), (users.viewer, 403), (users.handler, 200)):
        client.force_login(user)
        assert client.get(LIST_URL).status_code == status
        assert client.get(f"{LIST_URL}{b.pk}/").status_code == status
    client.force_login(users.partner)
    assert client.post(f"{LIST_URL}{b.pk}/besluit/", DECISION).status_code == 403
    assert client.post(f"{LIST_URL}{b.pk}/vervolg/", {"done_on": ""}).status_code == 403
    # A partner user does not see the complaint page's link, nor may post.
    assert client.post(f"{LIST_URL}melden/{complaint.pk}/", FLAG).status_code in (403, 404)
    assert Bottleneck.objects.count() == 1
