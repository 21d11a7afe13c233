"""The resident's status page: open with a working link only (the normal 404 page
otherwise, the same for every kind of bad link), shows state, next step and letters but
nothing internal, and lets the resident add information or withdraw while it is open."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from vangnet.complaints import services, statuslinks
from vangnet.complaints.events import Action
from vangnet.complaints.models import Attachment, Complaint, Event, Kind, StatusLink
from vangnet.complaints.workflow import Outcome, State, Step
from vangnet.core import tokens
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
# Parts of a page that differ per request: the CSRF token and the language switch's
# "next" (the requested address itself).
PER_REQUEST = re.compile(r'name="(csrfmiddlewaretoken|next)" value="[^"]*"|nonce="[^"]*"')


def start_handling(complaint, handler):
    """Acknowledged and a first contact logged: the complaint is in progress."""
    for step, data in (
        (Step.ACKNOWLEDGE, {}),
        (Step.LOG_CONTACT, {"contacted_on": date.today(), "channel": "phone", "notes": "Gebeld."}),
    ):
        complaint = perform(step, actor=handler, complaint=complaint, data=data).complaint
    assert complaint.state == State.IN_PROGRESS
    return complaint


def close(complaint, outcome):
    """Closed with `outcome` (the procedure's closing steps are tested elsewhere)."""
    Complaint.objects.filter(pk=complaint.pk).update(
        state=State.CLOSED, outcome=outcome, closed_on=date.today()
    )


def upload(name="brief.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def status_url(token, name="status", *args):
    return reverse(f"public:{name}", args=[token, *args])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def long_date(day: date) -> str:
    with translation.override("nl"):
        return date_format(day, "l j F Y")


@pytest.fixture
def complaint(make_complaint, users):
    users.handler.first_name, users.handler.last_name = "Henk", "Behandelmans"
    users.handler.save()
    complaint = make_complaint(received_on=date.today())
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform(
        "note",
        actor=users.coordinator,
        complaint=complaint,
        data={"text": "Intern: beklaagde was die week ziek."},
    )
    return complaint


@pytest.fixture
def token(complaint):
    return statuslinks.issue_status_link(complaint)


def plain_404(client) -> str:
    response = client.get(status_url(tokens.new_token()))
    assert response.status_code == 404
    return PER_REQUEST.sub("", response.content.decode())


# --- Opening the page -----------------------------------------------------------------------


def test_a_working_link_opens_the_page(client, complaint, token):
    response = client.get(status_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f"Uw klacht {complaint.reference}" in html
    assert "We hebben uw klacht ontvangen" in html
    assert complaint.received_on.strftime("%Y") in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]
    assert StatusLink.objects.get().last_used_at is not None


def test_the_page_shows_the_next_steps_with_their_dates(client, complaint, token):
    html = client.get(status_url(token)).content.decode()
    assert complaint.first_contact_by >= date.today()
    assert "Wat gebeurt er nu?" in html
    assert "neemt contact met u op" in html
    assert long_date(complaint.first_contact_by) in html
    assert long_date(complaint.decide_by) in html


def test_in_progress_shows_the_answer_date_only(client, complaint, token, users):
    start_handling(complaint, users.handler)
    html = client.get(status_url(token)).content.decode()
    assert "We behandelen uw klacht" in html
    assert "neemt contact met u op" not in html
    assert long_date(complaint.decide_by) in html


def test_a_late_answer_is_admitted(client, make_complaint):
    complaint = make_complaint(received_on=date.today() - timedelta(weeks=10))
    token = statuslinks.issue_status_link(complaint)
    html = client.get(status_url(token)).content.decode()
    assert "Het duurt langer dan de bedoeling was" in html


def test_nothing_internal_on_the_page(client, complaint, token):
    html = client.get(status_url(token)).content.decode()
    for internal in (
        "Henk",
        "Behandelmans",  # the handler's name
        "beklaagde was die week ziek",  # an internal note
        "Klacht geregistreerd via",  # timeline text
        "Toegewezen aan",
        "Tijdlijn",
        "Fatima",  # personal data is not needed on the page
        "Kerkstraat",
        "06-12345678",
    ):
        assert internal not in html, internal


@pytest.mark.parametrize("kind", ["tampered", "random", "expired", "revoked", "short"])
def test_bad_links_get_the_normal_404_page(client, complaint, token, users, kind):
    expected = plain_404(client)
    url_token = token
    if kind == "tampered":
        url_token = token[:10] + ("x" if token[10] != "x" else "y") + token[11:]
    elif kind == "random":
        url_token = tokens.new_token()
    elif kind == "revoked":
        statuslinks.revoke_all(complaint, users.coordinator)
    elif kind == "short":
        url_token = token[:20]
    travel = timezone.now() + timedelta(days=181 if kind == "expired" else 0)
    with time_machine.travel(travel, tick=False):
        responses = [
            client.get(status_url(url_token)),
            client.get(status_url(url_token, "status_withdraw")),
            client.post(status_url(url_token, "status_add_information"), {"text": "Nog iets"}),
            client.post(status_url(url_token, "status_withdraw"), {"reason": ""}),
        ]
    for response in responses:
        assert response.status_code == 404
        html = PER_REQUEST.sub("", response.content.decode())
        assert html == expected  # no hint what was wrong
        assert complaint.reference not in html
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED
    assert not complaint.events.filter(
        action__in=[Action.COMPLAINANT_ADDED_INFORMATION, Action.WITHDRAWN_BY_COMPLAINANT]
    ).exists()


def test_a_closed_complaint_shows_the_outcome_and_no_actions(client, complaint, token, users):
    close(complaint, Outcome.UNFOUNDED)
    html = client.get(status_url(token)).content.decode()
    assert "Uw klacht is afgehandeld" in html
    assert "Wij vinden dat u geen gelijk heeft" in html
    assert "Nationale ombudsman" in html  # where to go next (Awb 9:12)
    assert "Wat gebeurt er nu?" not in html
    assert status_url(token, "status_add_information") not in html
    assert status_url(token, "status_withdraw") not in html
    # The link keeps working after closing, to read the outcome.
    assert client.get(status_url(token)).status_code == 200


def test_a_non_complaint_has_no_actions(client, make_complaint):
    report = make_complaint(kind=Kind.REPORT, redirected_to="Meldingen openbare ruimte")
    token = statuslinks.issue_status_link(report)
    html = client.get(status_url(token)).content.decode()
    assert f"Uw bericht {report.reference}</h1>" in html
    assert "Uw bericht is afgehandeld" in html
    assert "Meldingen openbare ruimte" in html
    assert status_url(token, "status_withdraw") not in html


# --- Adding information ---------------------------------------------------------------------


def added_events(complaint):
    return complaint.events.filter(action=Action.COMPLAINANT_ADDED_INFORMATION)


def test_add_text(client, complaint, token):
    response = client.post(
        status_url(token, "status_add_information"), {"text": "  De brief kwam pas op 3 mei.  "}
    )
    assert response.status_code == 302
    assert response["Location"] == status_url(token)
    assert messages_of(response) == [
        "Dank u wel. We hebben uw aanvulling ontvangen en bij uw klacht gevoegd."
    ]
    event = added_events(complaint).get()
    assert event.actor is None
    assert event.summary == "De brief kwam pas op 3 mei."


def test_add_an_attachment(client, complaint, token):
    response = client.post(
        status_url(token, "status_add_information"),
        {"text": "", "attachments": [upload("foto.png", PNG, "image/png"), upload()]},
    )
    assert response.status_code == 302
    stored = Attachment.objects.filter(complaint=complaint).order_by("original_name")
    assert [(a.original_name, a.content_type) for a in stored] == [
        ("brief.pdf", "application/pdf"),
        ("foto.png", "image/png"),
    ]
    assert all(a.uploaded_by is None for a in stored)
    assert "foto.png" in added_events(complaint).get().summary


def assert_refused(response, complaint, *messages):
    html = response.content.decode()
    assert response.status_code == 400
    for message in messages:
        assert message in html
    assert "vangnet-error-summary" in html
    assert not Attachment.objects.filter(complaint=complaint).exists()
    assert not added_events(complaint).exists()
    return html


def test_an_empty_file_is_refused(client, complaint, token):
    response = client.post(
        status_url(token, "status_add_information"),
        {"text": "Zie bijlage", "attachments": [upload("leeg.pdf", b"")]},
    )
    html = assert_refused(response, complaint, "leeg.pdf is leeg.")
    assert 'id="info_attachments_error"' in html


def test_an_empty_file_alone_is_refused(client, complaint, token):
    response = client.post(
        status_url(token, "status_add_information"),
        {"text": "", "attachments": [upload("leeg.pdf", b"")]},
    )
    assert_refused(response, complaint, "leeg.pdf is leeg.")


def test_an_exe_renamed_pdf_is_refused_and_the_text_kept(client, complaint, token):
    response = client.post(
        status_url(token, "status_add_information"),
        {"text": "Mijn tekst blijft staan", "attachments": [upload("factuur.pdf", EXE)]},
    )
    html = assert_refused(
        response, complaint, "factuur.pdf kunnen we niet gebruiken. Stuur een PDF, JPG of PNG"
    )
    assert 'id="info_attachments_error"' in html  # next to the field
    assert 'href="#info_attachments"' in html  # in the summary
    assert "Mijn tekst blijft staan</textarea>" in html
    assert "Kies de bestanden opnieuw" in html
    assert "<title>Fout:" in html


def test_too_many_files_are_refused(client, complaint, token, settings):
    settings.VANGNET = {**settings.VANGNET, "ATTACHMENT_MAX_COUNT": 2}
    files = [upload(f"brief{n}.pdf") for n in range(3)]
    response = client.post(status_url(token, "status_add_information"), {"attachments": files})
    assert_refused(response, complaint, "U kunt hoogstens 2 bestanden toevoegen.")


def test_nothing_to_add_is_refused(client, complaint, token):
    response = client.post(status_url(token, "status_add_information"), {"text": "   "})
    html = assert_refused(response, complaint, "Schrijf wat u wilt toevoegen, of kies een bestand.")
    assert 'id="info_text_error"' in html


def test_too_long_text_is_refused(client, complaint, token):
    response = client.post(status_url(token, "status_add_information"), {"text": "a" * 5001})
    assert_refused(response, complaint, "Dat mag hoogstens 5000 zijn.")


def test_add_information_is_a_post(client, token):
    assert client.get(status_url(token, "status_add_information")).status_code == 405


def test_add_information_to_a_closed_complaint(client, complaint, token, users):
    close(complaint, Outcome.WELL_FOUNDED)
    response = client.post(status_url(token, "status_add_information"), {"text": "Nog iets"})
    assert response.status_code == 302
    assert messages_of(response) == ["Uw klacht is afgesloten. U kunt niets meer toevoegen."]
    assert not added_events(complaint).exists()


# --- Withdrawing ----------------------------------------------------------------------------


def test_withdraw_asks_first(client, complaint, token):
    html = client.get(status_url(token)).content.decode()
    assert f'href="{status_url(token, "status_withdraw")}"' in html
    response = client.get(status_url(token, "status_withdraw"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Weet u het zeker?" in html
    assert 'for="withdraw_reason"' in html
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED


def test_withdraw(client, complaint, token):
    response = client.post(
        status_url(token, "status_withdraw"), {"reason": "Het is al opgelost, dank u."}
    )
    assert response.status_code == 302
    assert response["Location"] == status_url(token)
    assert messages_of(response) == [
        "U heeft uw klacht ingetrokken. We behandelen haar niet verder."
    ]
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.outcome == Outcome.WITHDRAWN
    assert complaint.closed_on == date.today()
    event = complaint.events.get(action=Action.WITHDRAWN_BY_COMPLAINANT)
    assert event.actor is None
    assert "Het is al opgelost, dank u." in event.summary
    assert event.changes == {
        "state": [State.RECEIVED, State.CLOSED],
        "outcome": ["", Outcome.WITHDRAWN],
    }
    html = client.get(status_url(token)).content.decode()
    assert "U heeft uw klacht ingetrokken." in html
    assert "Nationale ombudsman" not in html
    assert status_url(token, "status_withdraw") not in html


def test_withdraw_in_progress(client, complaint, token, users):
    start_handling(complaint, users.handler)
    assert client.post(status_url(token, "status_withdraw"), {}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (State.CLOSED, Outcome.WITHDRAWN)


def test_a_second_withdraw_says_so(client, complaint, token):
    client.post(status_url(token, "status_withdraw"), {"reason": ""}, follow=True)
    for method in (client.post, client.get):
        response = method(status_url(token, "status_withdraw"))
        assert response.status_code == 302
        assert messages_of(response) == [
            "Uw klacht is al afgesloten. U kunt haar niet meer intrekken."
        ]
        client.get(response["Location"])  # shows (and so uses up) the message
    assert complaint.events.filter(action=Action.WITHDRAWN_BY_COMPLAINANT).count() == 1


def test_withdraw_reason_too_long(client, complaint, token):
    response = client.post(status_url(token, "status_withdraw"), {"reason": "x" * 2001})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="withdraw_reason_error"' in html
    assert "x" * 2001 + "</textarea>" in html
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED


def test_withdraw_service_refuses_a_closed_complaint(complaint):
    perform("withdraw_by_complainant", actor=None, complaint=complaint)
    with pytest.raises(services.ValidationError) as error:
        perform("withdraw_by_complainant", actor=None, complaint=complaint)
    assert "complaint" in error.value.message_dict
    assert Event.objects.filter(action=Action.WITHDRAWN_BY_COMPLAINANT).count() == 1


# --- Letters --------------------------------------------------------------------------------


@pytest.fixture
def letter_model():
    from django.apps import apps

    try:
        return apps.get_model("letters", "Letter")
    except LookupError:
        pytest.skip("The letters app has no Letter model yet.")


def make_letter(model, complaint, subject="Ontvangstbevestiging van uw klacht"):
    letter = model(
        complaint=complaint,
        kind="acknowledgement",
        subject=subject,
        html="<p>Brief</p>",
        sent_to=complaint.complainant_email,
    )
    letter.pdf.save("brief.pdf", ContentFile(PDF), save=False)
    letter.save()
    return letter


def test_letters_are_listed_and_downloadable(client, complaint, token, letter_model):
    letter = make_letter(letter_model, complaint)
    html = client.get(status_url(token)).content.decode()
    assert "Brieven die wij u stuurden" in html
    assert "Ontvangstbevestiging van uw klacht" in html
    assert status_url(token, "status_letter", letter.pk) in html
    response = client.get(status_url(token, "status_letter", letter.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_letters_only_with_the_right_token(
    client, complaint, token, make_complaint, letter_model, users
):
    letter = make_letter(letter_model, complaint)
    other = make_complaint()
    other_token = statuslinks.issue_status_link(other)
    other_letter = make_letter(letter_model, other, subject="Brief over een andere klacht")
    assert client.get(status_url(other_token, "status_letter", letter.pk)).status_code == 404
    assert client.get(status_url(token, "status_letter", other_letter.pk)).status_code == 404
    assert "andere klacht" not in client.get(status_url(token)).content.decode()
    tampered = token[:-2] + ("zz" if token[-2:] != "zz" else "yy")
    assert client.get(status_url(tampered, "status_letter", letter.pk)).status_code == 404
    assert client.get(status_url(token, "status_letter", 999999)).status_code == 404
    statuslinks.revoke_all(complaint, users.coordinator)
    assert client.get(status_url(token, "status_letter", letter.pk)).status_code == 404
