"""Staff registration: the success path, and each kind of bad input gets a message next
to its field, keeps what was typed and stores nothing."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.formats import date_format

from vangnet.complaints.models import Attachment, Complaint, Event, Kind
from vangnet.complaints.workflow import State

from .conftest import EXE, PNG, pdf_file

pytestmark = pytest.mark.django_db

CREATE = reverse("backoffice:complaint_create")


def form_data(org, **overrides):
    data = {
        "kind": "complaint",
        "received_on": (date.today() - timedelta(days=2)).isoformat(),
        "channel": "letter",
        "description": "De wijkagent en de afdeling verwezen mij steeds naar elkaar.",
        "desired_outcome": "Eén aanspreekpunt.",
        "redirected_to": "",
        "complainant_name": "Fatima de Vries",
        "complainant_street": "Kerkstraat 1",
        "complainant_postcode": "1234 AB",
        "complainant_city": "Testwijk",
        "complainant_email": "fatima@example.invalid",
        "complainant_phone": "",
        "preferred_contact": "email",
        "representative_name": "",
        "representative_email": "",
        "representative_phone": "",
        "subject_type": "municipality",
        "theme": org.debt.pk,
        "department": org.dept_social.pk,
        "person_complained_about": "",
        "person_complained_about_user": "",
        "partner": "",
        "neighbourhood": "Centrum",
        "body": "",
        "is_formal": "True",
        "light_path_reason": "",
        "formality_note": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users.coordinator)
    return client


def assert_nothing_stored():
    assert Complaint.objects.count() == 0
    assert Event.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_the_empty_form(coordinator_client, org):
    response = coordinator_client.get(CREATE)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for legend in [
        "Bericht",
        "Indiener",
        "Gemachtigde (niet verplicht)",
        "Waar gaat het over",
        "Route (Awb 9:4)",
    ]:
        assert f">{legend}</legend>" in html
    assert f'value="{date.today().isoformat()}"' in html  # received_on defaults to today
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="attachments"' in html and "multiple" in html
    # Themes: active only, grouped by main theme.
    assert '<optgroup label="Openbare ruimte">' in html
    assert '<optgroup label="Sociaal domein">' in html
    assert "Oud thema" not in html
    # Every input has a label (hidden ones aside: the parts' management form and ids).
    ids = re.findall(r'<(?:input(?![^>]*type="hidden")|select|textarea)[^>]*\bid="([^"]+)"', html)
    assert len(ids) > 25
    for field_id in ids:
        assert f'for="{field_id}"' in html, field_id


def test_register_a_complaint(coordinator_client, org, users):
    data = form_data(org, attachments=[pdf_file("brief.pdf"), pdf_file("foto.png", PNG)])
    response = coordinator_client.post(CREATE, data)
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:complaint_detail", args=[complaint.pk])
    assert complaint.reference == f"{date.today().year}-00001"
    assert complaint.kind == Kind.COMPLAINT
    assert complaint.state == State.RECEIVED
    assert complaint.theme == org.debt
    assert complaint.department == org.dept_social
    assert complaint.complainant_name == "Fatima de Vries"
    assert complaint.created_by == users.coordinator
    assert complaint.decide_by is not None
    assert sorted(a.original_name for a in complaint.attachments.all()) == ["brief.pdf", "foto.png"]
    assert complaint.events.get().action == "registered"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    due = date_format(complaint.acknowledge_by, "j F Y")
    assert messages == [
        f"Klacht {complaint.reference} is geregistreerd.",
        f"Er is nog geen ontvangstbevestiging verstuurd. Doe dat uiterlijk {due}.",
    ]
    page = coordinator_client.get(response["Location"]).content.decode()
    assert f"Klacht {complaint.reference} is geregistreerd." in page


def test_the_acknowledgement_box_is_ticked_by_default(coordinator_client):
    html = coordinator_client.get(CREATE).content.decode()
    assert "Ontvangstbevestiging nu sturen (Awb 9:6)" in html
    assert re.search(r'<input type="checkbox" name="send_acknowledgement"[^>]* checked', html)


def test_register_and_acknowledge_at_once(coordinator_client, org, users):
    response = coordinator_client.post(CREATE, form_data(org, send_acknowledgement="on"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.state == State.ACKNOWLEDGED
    letter = complaint.letters.get()
    assert (letter.kind, letter.sent_to) == ("acknowledgement", "fatima@example.invalid")
    assert complaint.events.filter(action="acknowledge", actor=users.coordinator).exists()
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        f"Klacht {complaint.reference} is geregistreerd.",
        "De ontvangstbevestiging is gemaild naar fatima@example.invalid.",
    ]


def test_acknowledgement_by_post_when_there_is_no_email(coordinator_client, org):
    data = form_data(
        org, send_acknowledgement="on", complainant_email="", preferred_contact="letter"
    )
    response = coordinator_client.post(CREATE, data)
    complaint = Complaint.objects.get()
    assert complaint.state == State.ACKNOWLEDGED
    assert complaint.letters.get().by_post
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "De ontvangstbevestiging staat klaar om te printen" in messages[1]


def test_no_acknowledgement_for_a_report(coordinator_client, org):
    data = form_data(
        org, kind="report", theme="", redirected_to="Meldingen", send_acknowledgement="on"
    )
    response = coordinator_client.post(CREATE, data)
    complaint = Complaint.objects.get()
    assert complaint.state == State.CLOSED
    assert not complaint.letters.exists()
    assert len(list(get_messages(response.wsgi_request))) == 1


def test_a_handler_is_told_the_coordinator_sends_the_acknowledgement(client, users, org):
    client.force_login(users.handler)
    assert 'name="send_acknowledgement"' not in client.get(CREATE).content.decode()
    response = client.post(CREATE, form_data(org, send_acknowledgement="on"))
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("backoffice:complaint_detail", args=[complaint.pk])
    assert complaint.state == State.RECEIVED
    assert not complaint.letters.exists()
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages[1].startswith("De klachtcoördinator stuurt de ontvangstbevestiging (Awb 9:6)")


def test_register_a_cooperation_complaint_with_involved_partners(coordinator_client, org):
    data = form_data(
        org,
        subject_type="cooperation",
        involved_partners=[org.partner.pk, org.other_partner.pk],
        department="",
    )
    assert coordinator_client.post(CREATE, data).status_code == 302
    complaint = Complaint.objects.get()
    assert set(complaint.involved_partners.all()) == {org.partner, org.other_partner}


def test_register_a_report_that_was_redirected(coordinator_client, org):
    data = form_data(org, kind="report", theme="", redirected_to="Meldingen openbare ruimte")
    response = coordinator_client.post(CREATE, data, follow=True)
    complaint = Complaint.objects.get()
    assert complaint.kind == Kind.REPORT
    assert complaint.state == State.CLOSED
    assert f"Melding {complaint.reference} is geregistreerd." in response.content.decode()


def test_a_handler_registering_for_another_department_goes_back_to_my_work(client, users, org):
    client.force_login(users.handler)
    response = client.post(CREATE, form_data(org, department=org.dept_space.pk), follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == reverse("backoffice:my_work")
    assert f"Klacht {complaint.reference} is geregistreerd." in response.content.decode()


def post_invalid(client, data):
    response = client.post(CREATE, data)
    assert response.status_code == 400
    assert_nothing_stored()
    return response, response.content.decode()


def assert_field_error(response, html, field, text):
    errors = response.context["form"].errors
    assert any(text in message for message in errors.get(field, [])), errors
    assert f'id="id_{field}_error"' in html
    assert "vangnet-error-summary" in html
    assert "<title>Fout: Klacht registreren" in html


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        (
            {"received_on": (date.today() + timedelta(days=1)).isoformat()},
            "received_on",
            "kan niet in de toekomst liggen",
        ),
        ({"received_on": "gisteren"}, "received_on", "Vul een geldige datum in"),
        ({"received_on": ""}, "received_on", "Vul de datum van ontvangst in"),
        ({"theme": "999999"}, "theme", "Kies een thema uit de lijst"),
        ({"theme": ""}, "theme", "Kies een thema"),
        ({"description": "   "}, "description", "Beschrijf waar het bericht over gaat"),
        ({"description": None}, "description", "Beschrijf waar het bericht over gaat"),
        (
            {"complainant_name": "", "is_formal": "True"},
            "complainant_name",
            "Voor een formele klacht is de naam nodig",
        ),
        (
            {"complainant_street": "", "complainant_city": ""},
            "complainant_street",
            "Voor een formele klacht is het adres nodig",
        ),
        (
            {"is_formal": "False", "light_path_reason": ""},
            "light_path_reason",
            "Kies waarom deze klacht de lichte route volgt",
        ),
        (
            {"subject_type": "partner", "partner": ""},
            "partner",
            "Kies de samenwerkingspartner",
        ),
        (
            {"subject_type": "cooperation", "department": ""},
            "involved_partners",
            "minstens twee partijen",
        ),
        ({"complainant_email": "geen-adres"}, "complainant_email", "geldig e-mailadres"),
        (
            {"preferred_contact": "phone", "complainant_phone": ""},
            "complainant_phone",
            "Vul het telefoonnummer in",
        ),
        ({"channel": ""}, "channel", "Kies hoe het bericht binnenkwam"),
        (
            {"kind": "question", "theme": "", "redirected_to": ""},
            "redirected_to",
            "naartoe is gestuurd",
        ),
    ],
)
def test_bad_input_gets_a_field_error_and_stores_nothing(
    coordinator_client, org, overrides, field, text
):
    response, html = post_invalid(coordinator_client, form_data(org, **overrides))
    assert_field_error(response, html, field, text)
    assert f'href="#id_{field}' in html  # the summary links to the field


def test_inactive_theme_gets_the_plain_message(coordinator_client, org):
    response, html = post_invalid(coordinator_client, form_data(org, theme=org.inactive_theme.pk))
    assert_field_error(response, html, "theme", "Dit thema wordt niet meer gebruikt")


def test_attachment_too_large(coordinator_client, org, settings):
    settings.VANGNET = {**settings.VANGNET, "ATTACHMENT_MAX_MB": 1}
    big = pdf_file("groot.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    response, html = post_invalid(coordinator_client, form_data(org, attachments=[big]))
    assert_field_error(response, html, "attachments", "groot.pdf is te groot")
    assert "Kies de bijlagen opnieuw" in html


def test_attachment_of_a_forbidden_type_is_refused_by_its_content(coordinator_client, org):
    disguised = pdf_file("factuur.pdf", EXE)
    response, html = post_invalid(
        coordinator_client, form_data(org, attachments=[pdf_file(), disguised])
    )
    assert_field_error(response, html, "attachments", "factuur.pdf kunnen we niet gebruiken")


def test_typed_values_are_kept_after_an_error(coordinator_client, org):
    data = form_data(
        org,
        received_on=(date.today() + timedelta(days=3)).isoformat(),
        complainant_name="Jan-Willem Çelik",
        description="Regel één.\nRegel twee <b>vet</b>.",
        neighbourhood="Noord",
        is_formal="False",
        light_path_reason="oral",
        subject_type="partner",
        partner=org.partner.pk,
        channel="counter",
    )
    response, html = post_invalid(coordinator_client, data)
    assert 'value="Jan-Willem Çelik"' in html
    assert "Regel één.\nRegel twee &lt;b&gt;vet&lt;/b&gt;.</textarea>" in html
    assert 'value="Noord"' in html
    assert re.search(r'<option value="counter" selected>', html)
    assert re.search(rf'<option value="{org.partner.pk}" selected>', html)
    assert re.search(r'<option value="oral" selected>', html)
    assert re.search(r'type="radio" name="is_formal" value="False"[^>]*checked', html)
    assert re.search(r'type="radio" name="subject_type" value="partner"[^>]*checked', html)
    assert re.search(rf'<option value="{org.debt.pk}" selected>', html)


def test_errors_are_linked_to_their_fields(coordinator_client, org):
    response, html = post_invalid(coordinator_client, form_data(org, description=""))
    assert re.search(
        r'<textarea[^>]*aria-describedby="id_description_help id_description_error"'
        r'[^>]*aria-invalid="true"|<textarea[^>]*aria-invalid="true"[^>]*'
        r'aria-describedby="id_description_help id_description_error"',
        html,
    )
