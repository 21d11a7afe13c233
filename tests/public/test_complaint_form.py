"""The public complaint form: what is registered (channel web, no actor, the event, the
theme and route chosen for the resident), the messages for every kind of wrong input
(nothing stored, what was typed kept), one complaint per form however often it is sent,
the spam trap, the rate limit and the confirmation page."""

import html
import re
import threading
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Attachment,
    Channel,
    Complaint,
    ContactPreference,
    Event,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.organisations.models import Body, Theme
from vangnet.public import submissions
from vangnet.public.models import Submission

from .conftest import EXE, PDF, PNG, form_data, upload

pytestmark = pytest.mark.usefixtures("resident_side")


def text(response) -> str:
    return html.unescape(response.content.decode())


def counts():
    return (Complaint.objects.count(), Attachment.objects.count(), Submission.objects.count())


def token_in(content: str) -> str:
    return re.search(r'name="submission" value="([^"]+)"', content).group(1)


def raw(token: str) -> str:
    return submissions.check_token(token).raw


# --- The page -------------------------------------------------------------------------


def test_form_page(client, public_org):
    response = client.get(reverse("public:complaint"))
    assert reverse("public:complaint") == "/klacht-indienen/"
    assert response.status_code == 200
    content = text(response)
    assert content.count("<h1") == 1
    assert 'class="vangnet-complaint-form"' in content
    assert 'enctype="multipart/form-data"' in content
    for legend in ("Waarover gaat uw klacht?", "Wat is er gebeurd?", "Uw gegevens"):
        assert f'legend--html-legend">{legend}</legend>' in content
    assert "Dient u de klacht in voor iemand anders?" in content
    assert 'type="file" name="attachments" multiple' in content
    assert "hoogstens 10 MB" in content and "U kunt 10 bestanden meesturen" in content
    assert "hoogstens 5.000 tekens" in content
    assert "5 jaar" in content and "1 jaar" in content and "10 jaar" in content  # privacy
    assert "Ik heb dit gelezen" in content
    # The spam trap: hidden from people and assistive technology, no tab stop.
    trap = content[content.index('class="vangnet-hp"') - 20 :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap and 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap and "Laat dit veld leeg" in trap
    assert submissions.check_token(token_in(content)).usable


# --- Success --------------------------------------------------------------------------


def test_complaint_about_the_municipality(client, public_org, post_complaint, resident_side):
    dienstverlening = Theme.objects.create(name="Dienstverlening", slug="dienstverlening")
    token = submissions.new_token()
    response = post_complaint(form_data(public_org), token=token)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:confirmation", args=[raw(token)])

    complaint = Complaint.objects.get()
    assert complaint.kind == Kind.COMPLAINT
    assert complaint.channel == Channel.WEB
    assert complaint.created_by is None
    assert complaint.received_on == deadlines.today()
    assert complaint.body == public_org.college
    assert complaint.subject_type == SubjectType.MUNICIPALITY
    assert complaint.theme == dienstverlening
    assert complaint.is_formal is True
    assert complaint.light_path_reason == ""
    assert complaint.complainant_name == "Fatima de Vries"
    assert complaint.complainant_postcode == "1234 AB"
    assert complaint.preferred_contact == ContactPreference.EMAIL
    assert complaint.description.startswith("Ik heb drie keer gebeld")
    assert complaint.description.endswith("Wanneer ongeveer: vorige week")
    assert complaint.desired_outcome == "Dat iemand mij terugbelt."
    assert "Ingediend via de website." in complaint.formality_note
    assert "Dienstverlening" in complaint.formality_note
    assert complaint.first_contact_by and complaint.decide_by

    registered = Event.objects.get(complaint=complaint, action=Action.REGISTERED)
    assert registered.actor is None
    assert Submission.objects.get().complaint == complaint

    # The status link and the acknowledgement, with an absolute link to the status page.
    assert [c for c, _token in resident_side.links] == [complaint]
    ((acknowledged, status_url),) = resident_side.acknowledgements
    link_token = resident_side.links[0][1]
    assert acknowledged == complaint
    assert status_url == "http://testserver" + reverse("public:status", args=[link_token])


def test_confirmation_page(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org), follow=True)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    content = text(response)
    assert content.count("<h1") == 1
    assert "Uw klacht is verstuurd" in content
    assert complaint.reference in content
    with translation.override("nl"):
        first_contact = date_format(complaint.first_contact_by, "l j F Y")
        decide = date_format(complaint.decide_by, "l j F Y")
    assert re.match(r"^(maandag|dinsdag|woensdag|donderdag|vrijdag) \d+ [a-z]+ \d{4}$", decide)
    assert first_contact in content and decide in content
    assert "We hebben u een e-mail gestuurd" in content
    assert "Nationale ombudsman" in content
    assert "Fatima" not in content and "Kerkstraat" not in content  # no personal data
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_confirmation_without_email_says_keep_the_reference(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, email=""), follow=True)
    content = text(response)
    assert "We hebben u een e-mail gestuurd" not in content
    assert "Bewaar daarom uw kenmerk goed" in content
    assert Complaint.objects.get().preferred_contact == ContactPreference.PHONE


def test_unknown_confirmation_is_not_found(client, public_org):
    for token in ("x" * 43, "kort", submissions.new_token()):
        response = client.get(reverse("public:confirmation", args=[token]))
        assert response.status_code == 404


def test_complaint_about_a_partner_not_heard(client, public_org, post_complaint):
    data = form_data(
        public_org, subject="organisatie", partner="schuldhulp-samen", already_tried="ja"
    )
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.subject_type == SubjectType.PARTNER
    assert complaint.partner == public_org.partner
    assert complaint.theme == public_org.debt  # the partner's sub-theme
    assert "eerst bij de organisatie en voelt zich niet gehoord" in complaint.formality_note
    assert "het thema van de organisatie" in complaint.formality_note
    assert len(complaint.formality_note) <= 300


def test_complaint_about_a_partner_not_tried_yet(client, public_org, post_complaint):
    data = form_data(public_org, subject="organisatie", partner="afvalbedrijf", already_tried="nee")
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.theme == public_org.waste
    assert "nog niet bij de organisatie geklaagd" in complaint.formality_note


def test_cooperation_complaint(client, public_org, post_complaint):
    data = form_data(
        public_org, subject="samenwerking", partners=["schuldhulp-samen", "afvalbedrijf"]
    )
    data["partner"] = "afvalbedrijf"  # chosen earlier, then another answer: ignored
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.subject_type == SubjectType.COOPERATION
    assert complaint.partner is None
    assert set(complaint.involved_partners.all()) == {public_org.partner, public_org.other_partner}


def test_without_name_or_address_the_light_path(client, public_org, post_complaint):
    data = form_data(public_org, name="", street="", postcode="", city="")
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.is_formal is False
    assert complaint.light_path_reason == LightPathReason.INCOMPLETE
    assert "lichte route" in complaint.formality_note


def test_representative(client, public_org, post_complaint):
    data = form_data(
        public_org,
        email="",
        phone="",
        representative="on",
        representative_name="Karim de Vries",
        representative_email="karim@example.invalid",
    )
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.representative_name == "Karim de Vries"
    assert complaint.representative_email == "karim@example.invalid"


def test_attachments_are_stored(client, public_org, post_complaint):
    data = form_data(public_org, attachments=[upload(), upload("foto.png", PNG, "image/png")])
    assert post_complaint(data).status_code == 302
    complaint = Complaint.objects.get()
    assert sorted(a.content_type for a in complaint.attachments.all()) == [
        "application/pdf",
        "image/png",
    ]


def test_theme_falls_back_to_any_active_theme(client, public_org, post_complaint):
    assert not Theme.objects.filter(name__iexact="dienstverlening").exists()
    assert post_complaint(form_data(public_org)).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.theme.is_active
    assert complaint.theme.name in complaint.formality_note


# --- Errors ---------------------------------------------------------------------------


def assert_error(content: str, field: str, message: str) -> None:
    assert message in content, message
    start = content.index("vangnet-error-summary")
    summary = content[start : content.index("</div></div>", start)]
    assert message in summary
    assert f'href="#id_{field}' in summary
    assert f'id="id_{field}_error"' in content


def test_empty_form_shows_every_error(client, public_org, post_complaint):
    before = counts()
    response = post_complaint({})
    assert response.status_code == 400
    content = text(response)
    assert content.startswith("<!DOCTYPE html>") and "<title>Fout: Klacht indienen" in content
    assert_error(content, "subject", "Kies over wie uw klacht is.")
    assert_error(content, "description", "Vertel wat er is gebeurd.")
    assert_error(content, "email", "Vul uw e-mailadres of uw telefoonnummer in.")
    assert_error(content, "privacy", "Zet een vinkje bij 'Ik heb dit gelezen'.")
    assert 'aria-describedby="id_description_help id_description_error"' in content
    assert 'aria-invalid="true"' in content
    assert counts() == before


def test_typed_values_are_kept(client, public_org, post_complaint):
    data = form_data(public_org, postcode="12345", subject="organisatie", partner="afvalbedrijf")
    response = post_complaint(data)
    assert response.status_code == 400
    content = text(response)
    assert "Ik heb drie keer gebeld en niemand belde terug." in content
    assert 'value="Fatima de Vries"' in content
    assert 'value="12345"' in content
    assert '<option value="afvalbedrijf" selected>' in content
    assert re.search(r'value="organisatie"[^>]*checked', content)


def test_too_long(client, public_org, post_complaint):
    before = counts()
    response = post_complaint(
        form_data(public_org, description="x" * 5001, name="n" * 151, desired_outcome="y" * 2001)
    )
    assert response.status_code == 400
    content = text(response)
    assert_error(content, "description", "Uw tekst is 5.001 tekens lang. Maak hem korter")
    assert_error(content, "name", "Uw naam is te lang: hoogstens 150 tekens.")
    assert_error(content, "desired_outcome", "Uw tekst is 2.001 tekens lang.")
    assert counts() == before


def test_description_of_exactly_the_maximum_is_fine(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, description="x" * 5000, when=""))
    assert response.status_code == 302


@pytest.mark.parametrize("postcode", ["12345", "1234 A", "0123 AB", "ABCD 12", "1234 A1"])
def test_bad_postcode(client, public_org, post_complaint, postcode):
    response = post_complaint(form_data(public_org, postcode=postcode))
    assert response.status_code == 400
    assert_error(text(response), "postcode", "Vul een postcode in met 4 cijfers en 2 letters")
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("postcode", ["1234ab", " 1234  ab ", "1234 AB"])
def test_postcode_is_tidied(client, public_org, post_complaint, postcode):
    assert post_complaint(form_data(public_org, postcode=postcode)).status_code == 302
    assert Complaint.objects.get().complainant_postcode == "1234 AB"


def test_no_way_to_reach_the_resident(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, email="", phone=""))
    assert response.status_code == 400
    assert_error(text(response), "email", "Vul uw e-mailadres of uw telefoonnummer in.")
    assert not Complaint.objects.exists()


def test_bad_email_and_phone(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, email="fatima@", phone="bel me"))
    content = text(response)
    assert_error(content, "email", "Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    assert_error(content, "phone", "Vul een telefoonnummer in met alleen cijfers")
    assert "Vul uw e-mailadres of uw telefoonnummer in." not in content  # one message each


def test_address_half_filled_in(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, city=""))
    assert_error(text(response), "city", "Vul ook uw woonplaats in.")


def test_subject_needs_its_partners(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, subject="organisatie"))
    assert_error(text(response), "partner", "Kies de organisatie waarover u klaagt.")
    response = post_complaint(
        form_data(public_org, subject="samenwerking", partners=["schuldhulp-samen"])
    )
    assert_error(text(response), "partners", "Kies minstens 2 organisaties")
    response = post_complaint(form_data(public_org, subject="organisatie", partner="oud-bedrijf"))
    assert_error(text(response), "partner", "Kies een organisatie uit de lijst.")
    assert not Complaint.objects.exists()


def test_representative_needs_a_name(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, representative="on"))
    assert_error(text(response), "representative_name", "Vul uw eigen naam in")


def test_privacy_checkbox_is_required(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, privacy=None))
    assert response.status_code == 400
    assert_error(text(response), "privacy", "Zet een vinkje bij 'Ik heb dit gelezen'.")
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([upload("leeg.pdf", b"")], "leeg.pdf is leeg."),
        (
            [upload("virus.pdf", EXE)],
            "virus.pdf kunnen we niet gebruiken. Stuur een PDF, JPG of PNG-bestand.",
        ),
        (
            [upload(f"brief{n}.pdf") for n in range(3)],
            "U kunt hoogstens 2 bestanden toevoegen.",
        ),
        (
            [upload("groot.pdf", PDF + b"0" * (1024 * 1024))],
            "groot.pdf is te groot (1,0 MB). Een bestand mag hoogstens 1 MB zijn.",
        ),
    ],
    ids=["empty", "exe-renamed-pdf", "too-many", "too-large"],
)
def test_bad_attachments_store_nothing(
    client, public_org, post_complaint, settings, files, message
):
    settings.VANGNET = {**settings.VANGNET, "ATTACHMENT_MAX_MB": 1, "ATTACHMENT_MAX_COUNT": 2}
    before = counts()
    response = post_complaint(form_data(public_org, attachments=files))
    assert response.status_code == 400
    content = text(response)
    assert_error(content, "attachments", message)
    assert "Kies uw bestanden opnieuw" in content
    assert 'value="Fatima de Vries"' in content
    assert "Ik heb drie keer gebeld" in content
    assert counts() == before


def test_service_errors_are_put_next_to_the_fields(client, public_org, post_complaint, monkeypatch):
    from django.core.exceptions import ValidationError

    from vangnet.complaints import services

    def refuse(**kwargs):
        raise ValidationError({"complainant_city": ["Deze woonplaats kennen we niet."]})

    monkeypatch.setattr(services, "register_complaint", refuse)
    response = post_complaint(form_data(public_org))
    assert response.status_code == 400
    assert_error(text(response), "city", "Deze woonplaats kennen we niet.")
    assert not Submission.objects.exists()


def test_a_service_error_the_resident_cannot_fix_gets_a_plain_message(
    client, public_org, post_complaint
):
    Body.objects.update(is_default=False)  # no body to address the complaint to
    response = post_complaint(form_data(public_org))
    assert response.status_code == 400
    assert "Uw klacht kon niet worden opgeslagen. Dat ligt niet aan u." in text(response)
    assert counts() == (0, 0, 0)


# --- Once only ------------------------------------------------------------------------


def test_the_same_form_twice_makes_one_complaint(client, public_org, post_complaint):
    token = submissions.new_token()
    first = post_complaint(form_data(public_org), token=token)
    second = post_complaint(form_data(public_org, description="Nog een keer."), token=token)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1
    assert Submission.objects.count() == 1
    # Even an invalid second post shows the first one's confirmation.
    third = post_complaint({}, token=token)
    assert third.status_code == 302 and third["Location"] == first["Location"]


def test_a_race_with_the_same_token_makes_one_complaint(
    client, public_org, post_complaint, monkeypatch
):
    token = submissions.new_token()
    assert post_complaint(form_data(public_org), token=token).status_code == 302
    # The second request looked before the first committed: it saw no submission, then
    # runs into the unique token hash and shows the first one's confirmation.
    real_find = submissions.find
    looks = []

    def find_late(raw_token):
        looks.append(raw_token)
        return None if len(looks) <= 2 else real_find(raw_token)

    monkeypatch.setattr(submissions, "find", find_late)
    response = post_complaint(form_data(public_org), token=token)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:confirmation", args=[raw(token)])
    assert Complaint.objects.count() == 1


def test_tampered_or_missing_token_stores_nothing(client, public_org, post_complaint):
    for token in ("", "abc", submissions.new_token() + "x"):
        response = post_complaint(form_data(public_org), token=token)
        assert response.status_code == 400
        content = text(response)
        assert "Uw klacht is nog niet verstuurd" in content
        assert submissions.check_token(token_in(content)).usable  # a fresh one to send
        assert 'value="Fatima de Vries"' in content
    assert counts() == (0, 0, 0)


def test_expired_token_asks_to_send_again(client, public_org, post_complaint, time_machine):
    old = submissions.new_token()
    time_machine.move_to(timezone.now() + timedelta(days=3))
    response = post_complaint(form_data(public_org), token=old)
    assert response.status_code == 400
    assert "Uw klacht is nog niet verstuurd" in text(response)
    assert token_in(text(response)) != old
    assert not Complaint.objects.exists()


# --- Spam and abuse -------------------------------------------------------------------


def test_spam_trap_stores_nothing(client, public_org, post_complaint):
    response = post_complaint(form_data(public_org, website="http://spam.example"))
    assert response.status_code == 200
    assert "Bedankt voor uw bericht" in text(response)
    assert counts() == (0, 0, 0)


def test_rate_limit_per_address(client, public_org, post_complaint, settings):
    settings.VANGNET = {**settings.VANGNET, "PUBLIC_RATE_LIMIT_PER_HOUR": 3}
    for _ in range(3):
        assert post_complaint(form_data(public_org)).status_code == 302
    assert Complaint.objects.count() == 3

    response = post_complaint(form_data(public_org))
    assert response.status_code == 429
    content = text(response)
    assert "Uw klacht is nog niet verstuurd" in content
    assert "bel ons op 14 0999" in content
    assert 'value="Fatima de Vries"' in content
    assert Complaint.objects.count() == 3

    # Another address is not limited; nor is this one an hour later.
    other = post_complaint(form_data(public_org), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    Submission.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert post_complaint(form_data(public_org)).status_code == 302
    assert Complaint.objects.count() == 5


def test_addresses_are_stored_as_keyed_hashes_and_forgotten(client, public_org, post_complaint):
    assert post_complaint(form_data(public_org)).status_code == 302
    submission = Submission.objects.get()
    assert submission.ip_hash and "127.0.0.1" not in submission.ip_hash
    Submission.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert post_complaint(form_data(public_org)).status_code == 302
    assert Submission.objects.filter(ip_hash="").count() == 1


def test_get_only_pages_refuse_post(client, public_org):
    for url in (reverse("public:home"), reverse("public:route"), reverse("public:privacy")):
        assert client.post(url).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_of_one_form_make_one_complaint(public_org, settings):
    """Four identical requests at the same moment (a resident hammering the button on a
    slow connection): one complaint, and every request ends on its confirmation."""
    from django.db import connection, connections
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that makes a second insert of a unique key wait")
    settings.VANGNET = {**settings.VANGNET, "PUBLIC_RATE_LIMIT_PER_HOUR": 100}
    workers = 4
    token = submissions.new_token()
    payload = {**form_data(public_org), "submission": token}
    barrier = threading.Barrier(workers)
    locations: list[str] = []
    errors: list[BaseException] = []

    def post():
        try:
            barrier.wait(timeout=10)
            response = Client().post(reverse("public:complaint"), payload)
            assert response.status_code == 302, response.status_code
            locations.append(response["Location"])
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert locations == [reverse("public:confirmation", args=[raw(token)])] * workers
    assert Complaint.objects.count() == 1
    assert Submission.objects.count() == 1
