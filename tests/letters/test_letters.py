"""Every kind of letter (`send_letter`): rendered from one template to the HTML e-mail, its
plain text and an accessible PDF with what the law requires, kept on the complaint file,
delivered over a real SMTP conversation, and copied to the person complained about."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from pypdf import PdfReader

from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Advice,
    Attachment,
    Complaint,
    Contact,
    ContactChannel,
    Decision,
    Hearing,
    JudgmentPart,
    Kind,
    Postponement,
)
from vangnet.complaints.workflow import DeclineGround, Judgment
from vangnet.letters import outbox, pdfs
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.services import send_letter

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)  # a Tuesday
RECEIVED = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=RECEIVED)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def make_decision(complaint, *, deviates=False, with_advice=True, advice_file=False):
    decision = Decision.objects.create(
        complaint=complaint,
        decided_on=date(2026, 12, 1),
        findings="De aanvraag is drie keer in een verkeerde postbus beland.",
        conclusions="Wij hadden de aanvraag op tijd moeten behandelen.",
        measures="De oude postbus is opgeheven.",
        deviates_from_advice=deviates,
        deviation_reasons="De commissie kende het nieuwe systeem nog niet." if deviates else "",
    )
    JudgmentPart.objects.create(
        decision=decision,
        position=1,
        summary="De aanvraag is niet behandeld.",
        judgment=Judgment.WELL_FOUNDED,
        norms=["promptness", "good_organisation"],
        reasoning="De aanvraag lag maanden stil.",
    )
    JudgmentPart.objects.create(
        decision=decision,
        position=2,
        summary="Er is niet teruggebeld.",
        judgment=Judgment.PARTLY_WELL_FOUNDED,
        norms=["good_information"],
        reasoning="Eén keer wel, twee keer niet.",
    )
    JudgmentPart.objects.create(
        decision=decision,
        position=3,
        summary="De baliemedewerker was onvriendelijk.",
        judgment=Judgment.UNFOUNDED,
        norms=["decent_treatment"],
        reasoning="Dat konden wij niet vaststellen.",
    )
    advice = None
    if with_advice:
        attachment = None
        if advice_file:
            attachment = Attachment.objects.create(
                complaint=complaint,
                file=ContentFile(b"%PDF-1.4 advies van de commissie", name="advies.pdf"),
                original_name="advies-commissie.pdf",
                content_type="application/pdf",
                size=32,
            )
        advice = Advice.objects.create(
            complaint=complaint,
            committee="Klachtadviescommissie Testwijk",
            requested_on=date(2026, 11, 30),
            received_on=date(2026, 12, 1),
            text="De commissie adviseert de klacht geheel gegrond te verklaren.",
            recommended_judgment=Judgment.WELL_FOUNDED,
            attachment=attachment,
        )
    return decision, advice


# What the procedure passes per kind, and what the letter must then say.
def informal(complaint):
    contact = Contact.objects.create(
        complaint=complaint,
        contacted_on=date(2026, 12, 1),
        channel=ContactChannel.PHONE,
        notes="Gebeld.",
        agreed="Excuses en een afspraak op 8 december.",
    )
    return {"contact": contact, "agreement": "Excuses en een afspraak op 8 december."}, [
        "Excuses en een afspraak op 8 december.",
        "dinsdag 1 december 2026",
        "artikel 9:5",
        "Dan behandelen wij uw klacht alsnog.",
    ]


def extension(complaint):
    postponement = Postponement.objects.create(
        complaint=complaint,
        kind=Postponement.Kind.EXTENSION,
        previous_due=date(2027, 1, 11),
        new_due=date(2027, 2, 8),
        reason="Wij wachten op het dossier van de partner.",
    )
    return {"postponement": postponement}, [
        "maandag 11 januari 2027",
        "maandag 8 februari 2027",
        "Wij wachten op het dossier van de partner.",
        "artikel 9:11",
    ]


def hearing_invitation(complaint):
    hearing = Hearing.objects.create(
        complaint=complaint,
        offered_on=date(2026, 12, 1),
        planned_at=datetime(2026, 12, 10, 14, 30, tzinfo=AMSTERDAM),
        location="Stadhuis, kamer 3",
    )
    return {"hearing": hearing, "respond_by": date(2026, 12, 8)}, [
        "donderdag 10 december 2026 om 14:30 uur",
        "Stadhuis, kamer 3",
        "Laat ons uiterlijk op dinsdag 8 december 2026 weten of u gehoord wilt worden.",
        "artikel 9:10",
    ]


def hearing_record(complaint):
    hearing = Hearing.objects.create(
        complaint=complaint,
        held_on=date(2026, 12, 1),
        participants="Fatima de Vries, Jan Bakker (Werk en Inkomen)",
        record="Mevrouw De Vries vertelt wat er gebeurde. De heer Bakker biedt excuses aan.",
    )
    return {"hearing": hearing}, [
        "Fatima de Vries, Jan Bakker (Werk en Inkomen)",
        "De heer Bakker biedt excuses aan.",
        "dinsdag 1 december 2026",
        "Uiterlijk op maandag 11 januari 2027 krijgt u een brief met ons antwoord",
    ]


def decline(complaint):
    return {
        "ground": str(DeclineGround.OLDER_THAN_A_YEAR.label),
        "explanation": "Het gesprek aan de balie was in 2024.",
    }, [
        "De gedraging is meer dan een jaar geleden (b)",
        "Het gesprek aan de balie was in 2024.",
        "artikel 9:8",
        "Nationale ombudsman",
        "Postbus 93122, 2509 AC Den Haag",
        "0800-3351",
        "Dat kan tot één jaar nadat u deze brief heeft gekregen.",
    ]


def forward_to_partner(complaint):
    return {
        "to_name": "Schuldhulp Samen",
        "to_contact": "klachten@schuldhulp.invalid",
        "explanation": "",
        "is_partner": True,
    }, [
        "Daarom hebben wij uw klacht naar Schuldhulp Samen gestuurd.",
        "De gemeente blijft verantwoordelijk voor uw klacht.",
        "klachten@schuldhulp.invalid",
    ]


def forward_to_body(complaint):
    return {
        "to_name": "Provincie Testland",
        "to_contact": "",
        "explanation": "Het gaat over een provinciale weg.",
        "is_partner": False,
    }, [
        "Uw klacht gaat over Provincie Testland, niet over ons.",
        "artikel 2:3",
        "Wij behandelen uw klacht zelf niet meer.",
        "Het gaat over een provinciale weg.",
    ]


def conclusion(complaint):
    decision, advice = make_decision(complaint)
    return {"decision": decision, "advice": advice}, [
        "De aanvraag is drie keer in een verkeerde postbus beland.",
        "Deels gegrond",
        "Voortvarendheid, Goede organisatie",
        "Wij hadden de aanvraag op tijd moeten behandelen.",
        "Nationale ombudsman",
        "één jaar",
    ]


CASES = {
    "informal_confirmation": (Letter.Kind.INFORMAL_CONFIRMATION, informal, "Uw klacht is opgelost"),
    "extension": (Letter.Kind.EXTENSION, extension, "Wij hebben meer tijd nodig"),
    "hearing_invitation": (
        Letter.Kind.HEARING_INVITATION,
        hearing_invitation,
        "Uitnodiging voor een gesprek over uw klacht",
    ),
    "hearing_record": (
        Letter.Kind.HEARING_RECORD,
        hearing_record,
        "Verslag van het gesprek over uw klacht",
    ),
    "decline": (Letter.Kind.DECLINE, decline, "Wij nemen uw klacht niet in behandeling"),
    "forward_to_partner": (
        Letter.Kind.FORWARD_NOTICE,
        forward_to_partner,
        "Wij hebben uw klacht doorgestuurd",
    ),
    "forward_to_body": (
        Letter.Kind.FORWARD_NOTICE,
        forward_to_body,
        "Wij hebben uw klacht doorgestuurd",
    ),
    "conclusion": (Letter.Kind.CONCLUSION, conclusion, "Ons antwoord op uw klacht"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_arrives_as_html_text_and_pdf(
    case, complaint, users, smtp_server, django_capture_on_commit_callbacks
):
    kind, build, heading = CASES[case]
    context, expected = build(complaint)

    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(kind=kind, complaint=complaint, actor=users.handler, context=context)
    letter.refresh_from_db()  # its PDF was made after the commit, by the task

    [message] = smtp_server.messages
    assert message["To"] == "fatima@example.invalid"
    assert complaint.reference in message["Subject"]
    assert message["Subject"] == letter.subject
    text = flat(message.get_body(("plain",)).get_content())
    html = flat(message.get_body(("html",)).get_content())
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith(f"-{complaint.reference}.pdf")
    pdf = pdf_text(attachment.get_content())

    assert f"<h1>{heading}</h1>" in html
    assert "<" not in text
    for body in (text, html, pdf):
        assert "Beste Fatima de Vries," in body
        assert complaint.reference in body
        assert "dinsdag 1 december 2026" in body  # the letter's date
        assert "Heeft u vragen over uw klacht?" in body
        for phrase in expected:
            assert phrase in body, (case, phrase)

    # On the complaint file, and on the timeline.
    assert letter.kind == kind
    assert letter.sent_to == "fatima@example.invalid"
    assert letter.sent_copy_to == ""
    with letter.pdf.open("rb") as stored:
        assert stored.read() == attachment.get_content()
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert event.actor == users.handler
    assert str(Letter.Kind(kind).label) in event.summary
    assert "fatima@example.invalid" in event.summary
    assert OutboxMessage.objects.get().state == OutboxMessage.State.SENT


def test_conclusion_letter_pdf_has_everything_awb_9_12_requires(
    complaint, django_capture_on_commit_callbacks
):
    decision, advice = make_decision(complaint, deviates=True)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.CONCLUSION,
            complaint=complaint,
            context={"decision": decision, "advice": advice},
        )
    letter.refresh_from_db()  # its PDF was made after the commit, by the task

    with letter.pdf.open("rb") as stored:
        raw = stored.read()
    text = pdf_text(raw)
    # Findings, the judgment per part with its norms, the conclusions, the measures.
    assert "Wat wij hebben onderzocht" in text
    assert "De aanvraag is drie keer in een verkeerde postbus beland." in text
    for summary, judgment, norms in [
        ("De aanvraag is niet behandeld.", "Gegrond", "Voortvarendheid, Goede organisatie"),
        ("Er is niet teruggebeld.", "Deels gegrond", "Goede informatieverstrekking"),
        ("De baliemedewerker was onvriendelijk.", "Ongegrond", "Fatsoenlijke bejegening"),
    ]:
        block = text[text.index(summary) :]
        assert block.index(judgment) < block.index(norms) < 200, (summary, block[:200])
    assert "Ons oordeel over uw klacht: Deels gegrond." in text
    assert "Wij hadden de aanvraag op tijd moeten behandelen." in text
    assert "De oude postbus is opgeheven." in text
    # The advice goes with the letter, and the reasons for deviating from it.
    assert "Klachtadviescommissie Testwijk heeft ons advies gegeven" in text
    assert "Wij wijken af van dit advies." in text
    assert "De commissie kende het nieuwe systeem nog niet." in text
    assert "Bijlage: het advies van Klachtadviescommissie Testwijk" in text
    assert "De commissie adviseert de klacht geheel gegrond te verklaren." in text
    # The body's current ombudsman: name, contact and the one-year term.
    assert "Nationale ombudsman" in text
    assert "Postbus 93122, 2509 AC Den Haag" in text
    assert "0800-3351" in text
    assert "Dat kan tot één jaar nadat u deze brief heeft gekregen." in text
    assert "College van B en W" in text  # signed for the body
    # PDF/UA-1: tagged, with language and title.
    reader = PdfReader(io.BytesIO(raw))
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert b'pdfuaid:part="1"' in reader.trailer["/Root"]["/Metadata"].get_data()
    assert reader.metadata.title == letter.subject


def test_conclusion_without_advice_or_measures(complaint, django_capture_on_commit_callbacks):
    decision, _advice = make_decision(complaint, with_advice=False)
    decision.measures = ""
    decision.save()
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.CONCLUSION, complaint=complaint, context={"decision": decision}
        )
    assert "klachtadviescommissie" not in letter.html.lower()
    assert "Wat wij gaan doen" not in letter.html
    assert "Wij nemen het advies over." not in letter.html
    assert "Nationale ombudsman" in letter.html


def test_advice_file_is_embedded_in_the_conclusion_pdf(
    complaint, django_capture_on_commit_callbacks
):
    decision, advice = make_decision(complaint, advice_file=True)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.CONCLUSION,
            complaint=complaint,
            context={"decision": decision, "advice": advice},
        )
    letter.refresh_from_db()  # its PDF was made after the commit, by the task
    with letter.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert reader.attachments["advies-commissie.pdf"] == [b"%PDF-1.4 advies van de commissie"]
    assert "Wij nemen het advies over." in letter.html
    assert (
        "Het advies zit ook als bestand in deze brief (pdf): advies-commissie.pdf." in letter.html
    )


def test_hearing_not_yet_planned_we_call_to_plan_it(complaint, django_capture_on_commit_callbacks):
    hearing = Hearing.objects.create(complaint=complaint, offered_on=date(2026, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.HEARING_INVITATION, complaint=complaint, context={"hearing": hearing}
        )
    assert "Wij bellen u om samen een moment te kiezen" in letter.html
    assert "Datum en tijd" not in letter.html
    assert "Laat ons uiterlijk" not in letter.html  # no respond-by date given


def test_copy_to_the_person_complained_about_reaches_the_smtp_server(
    org, complaint, smtp_server, django_capture_on_commit_callbacks
):
    org.dept_social.email = "werkeninkomen@testwijk.invalid"
    org.dept_social.save()
    complaint.refresh_from_db()
    context, _expected = extension(complaint)

    letter = send_letter(
        kind=Letter.Kind.EXTENSION,
        complaint=complaint,
        context=context,
        copy_to_person_complained_about=True,
    )
    assert smtp_server.messages == []  # queued, not yet sent
    pdfs.make_pdf(letter.pk)  # the on-commit PDF task, by hand (its on-commit release is not run)
    counts = outbox.flush()
    assert counts[outbox.Outcome.SENT] == 2

    by_address = {message["To"]: message for message in smtp_server.messages}
    assert set(by_address) == {"fatima@example.invalid", "werkeninkomen@testwijk.invalid"}
    original, copy = (
        by_address["fatima@example.invalid"],
        by_address["werkeninkomen@testwijk.invalid"],
    )
    assert copy["Subject"] == "Kopie: " + original["Subject"]
    [original_pdf] = list(original.iter_attachments())
    [copy_pdf] = list(copy.iter_attachments())
    assert copy_pdf.get_content() == original_pdf.get_content()
    copy_text = flat(copy.get_body(("plain",)).get_content())
    assert "Voor Werk en Inkomen. U krijgt een kopie van deze brief aan de indiener" in copy_text
    assert "maandag 8 februari 2027" in copy_text
    assert "krijgt een kopie van deze brief" in flat(original.get_body(("plain",)).get_content())
    assert "U krijgt een kopie" not in letter.html  # the file keeps the complainant's letter

    assert letter.sent_copy_to == "werkeninkomen@testwijk.invalid"
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert "Verdagingsbrief (Awb 9:11) per e-mail verstuurd naar fatima@example.invalid." in (
        event.summary
    )
    assert "Kopie per e-mail naar Werk en Inkomen: werkeninkomen@testwijk.invalid." in (
        event.summary
    )


def test_copy_goes_to_the_person_s_own_address_first(
    org, users, complaint, smtp_server, django_capture_on_commit_callbacks
):
    org.dept_social.email = "werkeninkomen@testwijk.invalid"
    org.dept_social.save()
    users.other_handler.email = "piet@testwijk.invalid"
    users.other_handler.save()
    Complaint.objects.filter(pk=complaint.pk).update(
        person_complained_about_user=users.other_handler
    )
    complaint.refresh_from_db()
    context, _expected = hearing_record(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.HEARING_RECORD,
            complaint=complaint,
            context=context,
            copy_to_person_complained_about=True,
        )
    assert letter.sent_copy_to == "piet@testwijk.invalid"
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "fatima@example.invalid",
        "piet@testwijk.invalid",
    ]


def test_no_copy_address_known_is_on_the_record(
    complaint, smtp_server, django_capture_on_commit_callbacks
):
    context, _expected = extension(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.EXTENSION,
            complaint=complaint,
            context=context,
            copy_to_person_complained_about=True,
        )
    assert [m["To"] for m in smtp_server.messages] == ["fatima@example.invalid"]
    assert letter.sent_copy_to == ""
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert "Geen e-mailadres van Werk en Inkomen bekend" in event.summary
    # The copy is not lost: an open task stays on "Mijn werk" (tests/handling/test_copies.py).
    [task] = complaint.tasks.all()
    assert (task.kind, task.recipient) == ("copy_not_sent", "Werk en Inkomen")
    assert task.letter_id == letter.pk


def test_by_post_with_a_copy_by_email(
    org, make_complaint, smtp_server, django_capture_on_commit_callbacks
):
    org.dept_social.email = "werkeninkomen@testwijk.invalid"
    org.dept_social.save()
    complaint = make_complaint(
        received_on=RECEIVED, complainant_email="", preferred_contact="letter"
    )
    decision, advice = make_decision(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.CONCLUSION,
            complaint=complaint,
            context={"decision": decision, "advice": advice},
            copy_to_person_complained_about=True,
        )
    assert letter.by_post
    assert "Fatima de Vries<br>Kerkstraat 1<br>1234 AB Testwijk" in letter.html
    [copy] = smtp_server.messages
    assert copy["To"] == "werkeninkomen@testwijk.invalid"
    assert copy["Subject"].startswith("Kopie: Ons antwoord op uw klacht")
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert "per post" in event.summary and "werkeninkomen@testwijk.invalid" in event.summary


def test_the_acknowledgement_is_never_copied(complaint):
    with pytest.raises(ValueError, match="never copied"):
        send_letter(
            kind=Letter.Kind.ACKNOWLEDGEMENT,
            complaint=complaint,
            context={"status_url": "https://x.invalid/s/1/"},
            copy_to_person_complained_about=True,
        )
    assert not Letter.objects.exists()


def test_missing_context_and_unknown_kinds_are_refused(complaint, make_complaint):
    with pytest.raises(ValueError, match="postponement"):
        send_letter(kind=Letter.Kind.EXTENSION, complaint=complaint, context={})
    with pytest.raises(ValueError, match="Unknown letter kind"):
        send_letter(kind="love_letter", complaint=complaint, context={})
    report = make_complaint(kind=Kind.REPORT, redirected_to="Meldingen openbare ruimte")
    with pytest.raises(ValueError):
        send_letter(kind=Letter.Kind.DECLINE, complaint=report, context={"ground": "x"})
    assert not Letter.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_ombudsman_is_the_current_one_on_the_letter_date(
    org, complaint, django_capture_on_commit_callbacks
):
    from vangnet.organisations.models import Ombudsman, SecondLineArrangement

    own = Ombudsman.objects.create(
        name="Ombudscommissie Testwijk",
        kind=Ombudsman.Kind.OWN,
        address="Markt 1, 1234 AA Testwijk",
        website="https://ombudscommissie.testwijk.invalid",
    )
    SecondLineArrangement.objects.create(
        body=org.college, ombudsman=own, effective_from=date(2027, 1, 1)
    )
    decision, advice = make_decision(complaint, with_advice=False)
    with django_capture_on_commit_callbacks(execute=True):
        now = send_letter(
            kind=Letter.Kind.CONCLUSION, complaint=complaint, context={"decision": decision}
        )
    with (
        time_machine.travel(datetime(2027, 1, 4, 9, 0, tzinfo=AMSTERDAM), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        later = send_letter(
            kind=Letter.Kind.CONCLUSION, complaint=complaint, context={"decision": decision}
        )
    assert "Nationale ombudsman" in now.html and "Ombudscommissie" not in now.html
    assert "Ombudscommissie Testwijk" in later.html
    assert "https://ombudscommissie.testwijk.invalid" in later.html
    assert "Nationale ombudsman" not in later.html.replace(
        "Behoorlijkheidswijzer van de Nationale ombudsman", ""
    )


def test_render_letter_stores_and_sends_nothing(complaint, django_capture_on_commit_callbacks):
    from vangnet.letters.services import render_letter

    decision, advice = make_decision(complaint)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        subject, html, pdf = render_letter(
            kind=Letter.Kind.CONCLUSION,
            complaint=complaint,
            context={"decision": decision, "advice": advice},
        )
    assert subject == f"Ons antwoord op uw klacht (kenmerk {complaint.reference})"
    assert "Voortvarendheid, Goede organisatie" in html
    assert "Voortvarendheid, Goede organisatie" in pdf_text(pdf)
    assert callbacks == []
    assert not Letter.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not complaint.events.filter(action=Action.LETTER_SENT).exists()
