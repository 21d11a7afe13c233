"""Correcting a registration on the complaint page: the form filled in with what is
registered, every field changed and shown on the timeline with before → after, the
messages next to the fields on bad input (nothing stored), the reason a new date of
receipt needs, a closed complaint refused until reopened, who may; the date of the
conduct on the registration page, the complaint page and the decline step's hint."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst

from tests.handling.test_correct import CHANGED, every_field_changed
from vangnet.complaints.models import Complaint
from vangnet.handling.base import get
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

TODAY = date.today()


def url(name, complaint):
    return reverse(f"backoffice:complaint_{name}", args=[complaint.pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _posted(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_posted(item) for item in value]
    return getattr(value, "pk", value)


def page_data(complaint, **changes) -> dict:
    """What the page's form posts: the registered values, with `changes`."""
    values = {**get("correct").initial(complaint, {}), **changes}
    data = {name: _posted(value) for name, value in values.items()}
    if not values.get("advisory_committee"):
        data.pop("advisory_committee", None)  # an unchecked box is not posted
    else:
        data["advisory_committee"] = "on"
    return data


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


@pytest.fixture
def as_coordinator(client, users):
    client.force_login(users.coordinator)
    return client


def test_the_form_is_filled_in_with_what_is_registered(as_coordinator, complaint):
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert f'action="{url("correct", complaint)}"' in html
    assert 'id="correct_complainant_email"' in html
    assert 'value="fatima@example.invalid"' in html
    assert "Reden van de correctie" in html


def test_every_field_changed_through_the_page_shows_on_the_timeline(
    as_coordinator, complaint, org, users
):
    response = as_coordinator.post(
        url("correct", complaint), page_data(complaint, **every_field_changed(org, users))
    )
    assert response.status_code == 302, response.context["bound_form"].errors
    assert messages_of(response) == [f"De registratie van {complaint.reference} is gecorrigeerd."]
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.complainant_city == "Elders" and fresh.partner == org.partner
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Registratie gecorrigeerd" in html
    for line in (
        "E-mail: fatima@example.invalid → fatima.nieuw@example.invalid",
        "Woonplaats: Testwijk → Elders",
        "Bestuursorgaan: College van B en W → Burgemeester",
        "Afdeling: Werk en Inkomen → Beheer Openbare Ruimte",
        "Samenwerkingspartner: – → Schuldhulp Samen",
        "Betrokken partijen: – → Afvalbedrijf Regio",
        "Gaat over: De gemeente (een afdeling of medewerker) → De samenwerking tussen "
        "meerdere partijen",
        "Formele klacht (Awb 9:4): ja → nee",
        "Reden lichte route: – → Mondeling ingediend",
        "Kanaal: Telefoon → Brief",
        "Contact bij voorkeur via: E-mail → Telefoon",
        "Naam gemachtigde: – → Mr. A. Advocaat",
        "Beklaagde: – → P. de Boer",
        "Beklaagde (medewerker): – → Otherhandler",
        "Klachtadviescommissie (Awb 9:14): nee → ja",
        "Thema: Sociaal domein › Schuldhulpverlening → Openbare ruimte › Afval",
        "Wijk: – → Oost",
        "Gewenste oplossing: Excuses en een afspraak. → Een gesprek.",
        "Ontvangen op: "
        + date_format(complaint.received_on, "SHORT_DATE_FORMAT")
        + " → "
        + date_format(TODAY - timedelta(days=5), "SHORT_DATE_FORMAT"),
        "Gedraging op: – → " + date_format(TODAY - timedelta(days=40), "SHORT_DATE_FORMAT"),
        "Afhandelen uiterlijk: " + date_format(complaint.decide_by, "SHORT_DATE_FORMAT"),
    ):
        assert line in html, line
    corrected = html[html.index("<strong>Registratie gecorrigeerd</strong>") :]
    for name in CHANGED:  # every field, labelled, before → after
        label = capfirst(Complaint._meta.get_field(name).verbose_name)
        assert f"<li>{label}: " in corrected, name


def test_the_kind_changes_through_the_page_and_back(as_coordinator, complaint):
    response = as_coordinator.post(
        url("correct", complaint),
        page_data(complaint, kind="question", redirected_to="Het KCC"),
    )
    assert response.status_code == 302
    question = Complaint.objects.get(pk=complaint.pk)
    assert (question.state, question.decide_by) == ("closed", None)
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "Soort bericht: Klacht → Vraag" in html
    assert "Status: Ontvangen → Afgesloten" in html
    assert f'action="{url("correct", complaint)}"' in html  # still correctable

    response = as_coordinator.post(url("correct", question), page_data(question, kind="complaint"))
    assert response.status_code == 302
    again = Complaint.objects.get(pk=complaint.pk)
    assert (again.state, again.decide_by) == ("received", complaint.decide_by)


def test_nothing_changed_says_so_and_logs_nothing(as_coordinator, complaint):
    count = complaint.events.count()
    response = as_coordinator.post(url("correct", complaint), page_data(complaint))
    assert response.status_code == 302
    assert messages_of(response) == ["Er is niets gewijzigd."]
    assert complaint.events.count() == count


def test_a_new_date_of_receipt_without_reason_is_refused_next_to_the_reason(
    as_coordinator, complaint
):
    earlier = complaint.received_on - timedelta(days=2)
    response = as_coordinator.post(
        url("correct", complaint), page_data(complaint, received_on=earlier)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="correct_reason_error"' in html
    assert "Geef de reden waarom de datum van ontvangst verandert" in html
    assert f'value="{earlier.isoformat()}"' in html  # what was typed is kept
    assert Complaint.objects.get(pk=complaint.pk).received_on == complaint.received_on

    response = as_coordinator.post(
        url("correct", complaint),
        page_data(complaint, received_on=earlier, reason="Datum verkeerd overgenomen."),
    )
    assert response.status_code == 302
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.received_on == earlier
    assert fresh.decide_by < complaint.decide_by  # the deadlines moved with it


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"complainant_email": "geen-adres"}, "complainant_email", "geldig e-mailadres"),
        ({"department": "99999"}, "department", ""),
        (
            {"received_on": TODAY + timedelta(days=3), "reason": "Typfout."},
            "received_on",
            "toekomst",
        ),
        (
            {"conduct_on": TODAY - timedelta(days=5), "conduct_until": TODAY - timedelta(days=9)},
            "conduct_until",
            "vóór het begin",
        ),
        ({"conduct_on": TODAY - timedelta(days=1)}, "conduct_on", "na de ontvangst"),
    ],
    ids=["email", "department", "future-receipt", "until-before-on", "after-receipt"],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(
    as_coordinator, complaint, changes, field, message
):
    response = as_coordinator.post(url("correct", complaint), page_data(complaint, **changes))
    assert response.status_code == 400
    errors = response.context["bound_form"].errors
    assert field in errors and message in errors[field][0]
    assert f'id="correct_{field}_error"' in response.content.decode()
    assert not complaint.events.filter(action="corrected").exists()
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert (fresh.complainant_email, fresh.department_id, fresh.conduct_on) == (
        complaint.complainant_email,
        complaint.department_id,
        None,
    )


def test_a_closed_complaint_refuses_until_reopened(as_coordinator, complaint, users):
    perform("withdraw", actor=users.coordinator, complaint=complaint, data={"note": "Gebeld."})
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert f'action="{url("correct", complaint)}"' not in html
    response = as_coordinator.post(
        url("correct", complaint), page_data(complaint, neighbourhood="Noord")
    )
    assert response.status_code == 400
    assert "Heropen haar eerst om de registratie te corrigeren." in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).neighbourhood == ""

    perform("reopen", actor=users.coordinator, complaint=complaint, data={"reason": "Fout."})
    complaint.refresh_from_db()
    response = as_coordinator.post(
        url("correct", complaint), page_data(complaint, neighbourhood="Noord")
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).neighbourhood == "Noord"


def test_without_the_permission_403(client, complaint, users):
    client.force_login(users.handler)  # sees the complaint (its department), not assigned
    assert (
        f'action="{url("correct", complaint)}"'
        not in client.get(url("detail", complaint)).content.decode()
    )
    response = client.post(url("correct", complaint), page_data(complaint, neighbourhood="N"))
    assert response.status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).neighbourhood == ""


# --- the date of the conduct ----------------------------------------------------------------


def test_registration_page_records_the_conduct(as_coordinator, org):
    response = as_coordinator.get(reverse("backoffice:complaint_create"))
    assert 'name="conduct_on"' in response.content.decode()
    response = as_coordinator.post(
        reverse("backoffice:complaint_create"),
        {
            "kind": "complaint",
            "received_on": TODAY.isoformat(),
            "channel": "phone",
            "description": "De buurtcoach was onbeschoft.",
            "conduct_on": (TODAY - timedelta(days=500)).isoformat(),
            "complainant_name": "Jan Jansen",
            "complainant_street": "Laan 3",
            "complainant_city": "Testwijk",
            "complainant_email": "jan@example.invalid",
            "preferred_contact": "email",
            "subject_type": "municipality",
            "theme": org.debt.pk,
            "is_formal": "True",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get(description="De buurtcoach was onbeschoft.")
    assert complaint.conduct_on == TODAY - timedelta(days=500)
    html = as_coordinator.get(url("detail", complaint)).content.decode()
    assert "meer dan een jaar vóór de klacht: Awb 9:8 lid 1 b" in html
    # The decline step suggests the ground, with the reason next to it.
    assert "De gedraging was op" in html and "de klacht hoeft niet behandeld te worden" in html


def test_decline_on_ground_b_within_a_year_is_refused_next_to_the_ground(
    as_coordinator, make_complaint
):
    complaint = make_complaint(conduct_on=TODAY - timedelta(days=20))
    response = as_coordinator.post(
        reverse("backoffice:complaint_step", args=[complaint.pk, "decline"]),
        {"ground": "older_than_a_year", "explanation": "Te oud."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="decline_ground_error"' in html
    assert "minder dan een jaar voor de klacht" in html
    assert Complaint.objects.get(pk=complaint.pk).state == "received"
