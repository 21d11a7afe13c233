"""Ombudsman cases and recommendations (issue 6, part 5): the services' rules, the
timeline of the linked complaint, the pages and the complaint page's section."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints.models import Kind
from vangnet.learning import second_line
from vangnet.learning.models import OmbudsmanCase, Recommendation
from vangnet.organisations.models import Body, Ombudsman

TODAY = date(2026, 3, 16)
LIST_URL = "/backoffice/leren/ombudsman/"


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=date(2026, 1, 5), body=None)


def data(org, **overrides):
    values = {
        "ombudsman": org.ombudsman,
        "reference": "2026.00123",
        "received_on": date(2026, 3, 2),
        "kind": OmbudsmanCase.Kind.INTERVENTION,
        "summary": "Over de schuldhulp.",
    }
    values.update(overrides)
    return values


def errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def register(org, users, **overrides):
    return second_line.register_case(
        actor=users.coordinator, data=data(org, **overrides), today=TODAY
    )


# --- services ------------------------------------------------------------------------


def test_register_a_case_linked_by_reference_with_an_event(org, users, complaint):
    complaint.body = org.mayor
    complaint.save()
    case = register(org, users, complaint=complaint.reference.lower())
    assert case.complaint == complaint
    # The body defaults to the complaint's.
    assert case.body == org.mayor
    assert case.created_by == users.coordinator
    event = complaint.events.get(action=second_line.ACTION_CASE)
    assert event.summary == (
        "Ombudsmanzaak geregistreerd: Nationale ombudsman 2026.00123 (Interventie), "
        "ontvangen op 2 maart 2026."
    )
    assert event.actor == users.coordinator


def test_without_a_complaint_the_body_is_the_default_one(org, users):
    case = register(org, users)
    assert case.complaint is None and case.body == org.college
    other = register(org, users, reference="2026.00124", body=org.mayor)
    assert other.body == org.mayor


def test_every_error_at_once_and_nothing_stored(org, users):
    found = errors(
        lambda: second_line.register_case(
            actor=users.coordinator,
            data={"ombudsman": None, "reference": " ", "received_on": None, "kind": "x"},
            today=TODAY,
        )
    )
    assert set(found) == {"ombudsman", "reference", "received_on", "kind"}
    assert not OmbudsmanCase.objects.exists()


def test_the_reference_is_unique_per_ombudsman_with_a_friendly_message(org, users):
    register(org, users)
    found = errors(lambda: register(org, users, reference=" 2026.00123 "))
    assert found["reference"] == [
        "Er is al een zaak van Nationale ombudsman met kenmerk 2026.00123."
    ]
    # Another ombudsman may use the same reference.
    joint = Ombudsman.objects.create(name="Regio", kind=Ombudsman.Kind.JOINT, address="x")
    assert register(org, users, ombudsman=joint).reference == "2026.00123"


def test_dates_are_checked(org, users, complaint):
    found = errors(lambda: register(org, users, received_on=TODAY + timedelta(days=1)))
    assert "toekomst" in found["received_on"][0]
    found = errors(lambda: register(org, users, complaint=complaint, received_on=date(2026, 1, 4)))
    assert "5 januari 2026" in found["received_on"][0]
    found = errors(lambda: register(org, users, complaint="2026-99999"))
    assert found["complaint"] == ["Er is geen klacht met kenmerk 2026-99999."]


def test_a_non_complaint_cannot_be_linked(org, users, make_complaint):
    report = make_complaint(kind=Kind.REPORT, redirected_to="Meldpunt")
    found = errors(lambda: register(org, users, complaint=report))
    assert "geen klacht" in found["complaint"][0]


def test_no_default_body_and_no_complaint_is_an_error(org, users):
    Body.objects.update(is_default=False)
    assert "body" in errors(lambda: register(org, users))


def test_only_the_coordinator_may_write(org, users):
    for user in (users.handler, users.viewer, users.partner, None):
        with pytest.raises(PermissionDenied):
            second_line.register_case(actor=user, data=data(org), today=TODAY)


def test_close_edit_and_reopen(org, users, complaint):
    case = register(org, users, complaint=complaint)
    found = errors(
        lambda: second_line.close_case(
            case, actor=users.coordinator, closed_on=date(2026, 3, 1), outcome="report", today=TODAY
        )
    )
    assert "2 maart 2026" in found["closed_on"][0]
    assert "outcome" in errors(
        lambda: second_line.update_case(
            case, actor=users.coordinator, data={"closed_on": TODAY}, today=TODAY
        )
    )
    assert "closed_on" in errors(
        lambda: second_line.update_case(
            case, actor=users.coordinator, data={"outcome": "report"}, today=TODAY
        )
    )
    second_line.close_case(
        case, actor=users.coordinator, closed_on=TODAY, outcome="report", today=TODAY
    )
    case.refresh_from_db()
    assert (case.closed_on, case.outcome) == (TODAY, "report")
    event = complaint.events.filter(action=second_line.ACTION_CASE).last()
    assert event.summary == (
        "Ombudsmanzaak Nationale ombudsman 2026.00123 afgesloten op 16 maart 2026: "
        "Rapport uitgebracht."
    )
    assert event.changes["outcome"] == ["", "report"]
    # Reopen: both empty.
    second_line.update_case(
        case, actor=users.coordinator, data={"closed_on": None, "outcome": ""}, today=TODAY
    )
    case.refresh_from_db()
    assert case.closed_on is None and case.outcome == ""


def test_moving_the_link_logs_on_both_complaints(org, users, complaint, make_complaint):
    other = make_complaint(received_on=date(2026, 1, 6))
    case = register(org, users, complaint=complaint)
    second_line.update_case(
        case, actor=users.coordinator, data={"complaint": other.reference}, today=TODAY
    )
    assert "hoort niet meer bij deze klacht" in complaint.events.last().summary
    assert "gekoppeld aan deze klacht" in other.events.last().summary


def test_recommendations_and_the_response(org, users, complaint):
    case = register(org, users, complaint=complaint)
    found = errors(
        lambda: second_line.add_recommendation(
            case, actor=users.coordinator, text="", made_on=date(2026, 3, 1),
            respond_by=date(2026, 2, 1), today=TODAY,
        )
    )  # fmt: skip
    assert set(found) == {"text", "made_on", "respond_by"}
    recommendation = second_line.add_recommendation(
        case,
        actor=users.coordinator,
        text="Bel de klager binnen een week.",
        made_on=date(2026, 3, 10),
        respond_by=second_line.default_respond_by(date(2026, 3, 10)),
        today=TODAY,
    )
    assert recommendation.respond_by == date(2026, 4, 21)  # six weeks
    assert second_line.response_state(recommendation, TODAY) == second_line.AWAITING
    assert second_line.response_state(recommendation, date(2026, 4, 22)) == second_line.OVERDUE
    event = complaint.events.filter(action=second_line.ACTION_RECOMMENDATION).get()
    assert "reageren uiterlijk 21 april 2026" in event.summary

    found = errors(
        lambda: second_line.respond(
            recommendation, actor=users.coordinator, response="maybe",
            responded_on=date(2026, 3, 9), today=TODAY,
        )
    )  # fmt: skip
    assert set(found) == {"response", "responded_on"}
    assert "toekomst" in errors(
        lambda: second_line.respond(
            recommendation, actor=users.coordinator, response="followed",
            responded_on=TODAY + timedelta(days=1), today=TODAY,
        )
    )["responded_on"][0]  # fmt: skip
    recommendation = second_line.respond(
        recommendation,
        actor=users.coordinator,
        response=Recommendation.Response.PARTLY,
        responded_on=date(2026, 4, 22),
        response_text="We bellen binnen twee weken.",
        today=date(2026, 4, 22),
    )
    assert second_line.response_state(recommendation, date(2026, 5, 1)) == second_line.ANSWERED_LATE
    assert recommendation.is_late(date(2026, 5, 1))
    event = complaint.events.filter(action=second_line.ACTION_RECOMMENDATION).last()
    assert event.summary == (
        "Reactie op aanbeveling van Nationale ombudsman 2026.00123: Deels opgevolgd, op "
        "22 april 2026 (te laat)."
    )


# --- pages -----------------------------------------------------------------------------


def test_list_filters_search_and_attention(client, org, users, complaint):
    joint = Ombudsman.objects.create(name="Regio", kind=Ombudsman.Kind.JOINT, address="x")
    open_case = register(org, users, complaint=complaint)
    closed = register(org, users, reference="B-2", ombudsman=joint, kind="report",
                      received_on=date(2025, 6, 1))  # fmt: skip
    second_line.close_case(closed, actor=users.coordinator, closed_on=date(2025, 9, 1),
                           outcome="report", today=TODAY)  # fmt: skip
    second_line.add_recommendation(closed, actor=users.coordinator, text="Late aanbeveling",
                                   made_on=date(2025, 9, 1), respond_by=date(2025, 10, 1),
                                   today=TODAY)  # fmt: skip
    client.force_login(users.handler)  # handlers read
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert [c.pk for c in response.context["rows"]] == [open_case.pk, closed.pk]
    content = response.content.decode()
    assert "Late aanbeveling" in content and "Te laat" in content
    assert "Ombudsmanzaak registreren" not in content  # handlers do not write

    def rows(**params):
        return [c.pk for c in client.get(LIST_URL, params).context["rows"]]

    assert rows(ombudsman=joint.pk) == [closed.pk]
    assert rows(year=2025) == [closed.pk]
    assert rows(state="open") == [open_case.pk]
    assert rows(state="closed") == [closed.pk]
    assert rows(state="overdue") == [closed.pk]
    assert rows(state="awaiting") == [closed.pk]
    assert rows(kind="report") == [closed.pk]
    assert rows(q="b-2") == [closed.pk]
    assert rows(q=complaint.reference) == [open_case.pk]
    response = client.get(LIST_URL, {"year": "twee", "state": "nope"})
    assert response.status_code == 200
    assert "Vul een jaar in" in response.content.decode()
    assert response.context["rows"] == []
    assert client.get(LIST_URL, {"page": "999"}).status_code == 200


def test_list_paging(client, org, users, settings):
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 2}
    for n in range(5):
        register(org, users, reference=f"P-{n}")
    client.force_login(users.coordinator)
    response = client.get(LIST_URL, {"page": 3})
    assert len(response.context["rows"]) == 1
    assert "pagina 3" in response.content.decode()


def test_who_may_see_and_write(client, org, users):
    case = register(org, users)
    for user, status in [(users.partner, 403), (users.viewer, 403), (users.nobody, 403)]:
        client.force_login(user)
        assert client.get(LIST_URL).status_code == status
        assert client.get(f"{LIST_URL}{case.pk}/").status_code == status
    client.force_login(users.handler)
    assert client.get(f"{LIST_URL}{case.pk}/").status_code == 200
    for url in ("nieuw/", f"{case.pk}/wijzigen/", f"{case.pk}/aanbeveling/"):
        assert client.get(LIST_URL + url).status_code == 403
        assert client.post(LIST_URL + url, {}).status_code == 403
    assert not Recommendation.objects.exists()


def test_create_page_from_the_complaint(client, org, users, complaint):
    client.force_login(users.coordinator)
    response = client.get(f"{LIST_URL}nieuw/", {"klacht": complaint.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["complaint"] == complaint.reference
    # Errors next to the fields, input kept, nothing stored.
    response = client.post(
        f"{LIST_URL}nieuw/",
        {"ombudsman": org.ombudsman.pk, "reference": "", "received_on": "31-02-2026",
         "complaint": complaint.reference, "kind": "intervention"},
    )  # fmt: skip
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vul het kenmerk van de ombudsman in." in content
    assert "Vul een geldige datum in" in content
    assert f'value="{complaint.reference}"' in content
    assert not OmbudsmanCase.objects.exists()
    response = client.post(
        f"{LIST_URL}nieuw/",
        {"ombudsman": org.ombudsman.pk, "reference": "NO-1", "received_on": "2026-02-01",
         "complaint": complaint.reference, "kind": "investigation", "summary": "Kort"},
    )  # fmt: skip
    case = OmbudsmanCase.objects.get()
    assert response.status_code == 302 and response.url == f"{LIST_URL}{case.pk}/"
    assert case.complaint == complaint and case.kind == "investigation"
    # Twice: a friendly message, no 500.
    response = client.post(
        f"{LIST_URL}nieuw/",
        {"ombudsman": org.ombudsman.pk, "reference": "no-1", "received_on": "2026-02-01",
         "kind": "investigation"},
    )  # fmt: skip
    assert response.status_code == 400
    assert (
        "Er is al een zaak van Nationale ombudsman met kenmerk no-1." in response.content.decode()
    )


def test_edit_close_recommend_and_respond_through_the_pages(client, org, users, complaint):
    case = register(org, users, complaint=complaint, received_on=date(2026, 2, 1))
    client.force_login(users.coordinator)
    base = f"{LIST_URL}{case.pk}/"
    form = {"ombudsman": org.ombudsman.pk, "reference": case.reference,
            "received_on": "2026-02-01", "complaint": complaint.reference,
            "kind": "intervention", "closed_on": "2026-01-01",
            "outcome": "intervention"}  # fmt: skip
    response = client.post(base + "wijzigen/", form)
    assert response.status_code == 400
    assert "De zaak kan niet zijn afgesloten vóór hij begon" in response.content.decode()
    form["closed_on"] = "2026-02-15"
    assert client.post(base + "wijzigen/", form).status_code == 302
    case.refresh_from_db()
    assert case.outcome == "intervention"

    assert client.get(base + "aanbeveling/").status_code == 200
    response = client.post(
        base + "aanbeveling/",
        {"text": "Excuses aanbieden.", "made_on": "2026-02-15", "respond_by": "2026-02-20"},
    )
    assert response.status_code == 302
    recommendation = case.recommendations.get()
    respond_url = f"{LIST_URL}aanbevelingen/{recommendation.pk}/reactie/"
    detail = client.get(base).content.decode()
    assert "Excuses aanbieden." in detail and "Te laat" in detail  # the term passed
    assert respond_url in detail
    response = client.post(respond_url, {"response": "", "responded_on": ""})
    assert response.status_code == 400
    response = client.post(
        respond_url,
        {"response": "followed", "responded_on": "2026-02-19", "response_text": "Gedaan"},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.response == "followed"
    assert "Opgevolgd, gereageerd op" in client.get(base).content.decode()


def test_the_complaint_page_shows_its_ombudsman_cases(client, org, users, complaint):
    case = register(org, users, complaint=complaint)
    second_line.add_recommendation(case, actor=users.coordinator, text="Beter uitleggen",
                                   made_on=date(2026, 3, 3), respond_by=date(2026, 3, 4),
                                   today=TODAY)  # fmt: skip
    url = f"/backoffice/klachten/{complaint.pk}/"
    client.force_login(users.coordinator)
    content = client.get(url).content.decode()
    assert 'id="ombudsman-heading"' in content
    assert "Nationale ombudsman 2026.00123" in content
    assert "Interventie" in content or "interventie" in content
    assert "Beter uitleggen" in content and "Te laat" in content
    assert f"/backoffice/leren/ombudsman/nieuw/?klacht={complaint.pk}" in content
    # A complaint without cases: only the link, for the coordinator.
    other = complaint.__class__.objects.exclude(pk=complaint.pk).first()
    assert (
        other is None
        or "Ombudsmanzaak registreren"
        in client.get(f"/backoffice/klachten/{other.pk}/").content.decode()
    )
