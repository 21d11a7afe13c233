"""A fictional complaint for the preview of a letter: unsaved model instances, built in
memory, never stored. The municipality, the default body and its current ombudsman are
read from the configuration, so the preview shows the real letterhead and second line;
a fresh install without them gets fictional ones."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone, translation

from vangnet.complaints import deadlines
from vangnet.complaints.models import (
    Advice,
    Channel,
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
from vangnet.core.models import User
from vangnet.core.urls import absolute_url
from vangnet.organisations.models import Body, Department, Municipality, Ombudsman

from .models import Letter


def sample_complaint(*, today=None, body: Body | None = None) -> Complaint:
    """The made-up complaint, addressed to `body` (default: the configured default body,
    or a made-up college on a fresh install)."""
    today = today or deadlines.today()
    body = body or Body.objects.filter(is_default=True).first()
    body = body or Body(name="College van burgemeester en wethouders", kind=Body.Kind.COLLEGE)
    return Complaint(
        reference=f"{today.year}-00042",
        kind=Kind.COMPLAINT,
        received_on=today - timedelta(days=21),
        channel=Channel.WEB,
        body=body,
        department=Department(name="Werk en Inkomen"),
        complainant_name="Sam de Vries",
        complainant_street="Dorpsstraat 12",
        complainant_postcode="1234 AB",
        complainant_city="Voorbeeldstad",
        complainant_email="sam@voorbeeld.invalid",
        description=(
            "Ik heb drie keer een aanvraag voor schuldhulp gestuurd. Elke keer hoorde ik "
            "niets terug. Toen ik belde, wist niemand van mijn aanvraag."
        ),
        desired_outcome="Excuses en een afspraak.",
        is_formal=True,
        handler=User(username="voorbeeld", first_name="Noor", last_name="Jansen"),
        first_contact_by=today - timedelta(days=17),
        decide_by=today + timedelta(days=21),
    )


def sample_ombudsman(complaint: Complaint, today):
    from .services import current_ombudsman

    return current_ombudsman(complaint, today) or Ombudsman(
        name="Nationale ombudsman",
        kind=Ombudsman.Kind.NATIONAL,
        address="Postbus 93122\n2509 AC Den Haag",
        phone="0800 33 55 555",
        website="https://www.nationaleombudsman.nl",
        petition_term_months=12,
    )


def sample_context(kind: str, complaint: Complaint, *, today=None) -> dict:
    """What the procedure would pass for `kind`, made up."""
    today = today or deadlines.today()
    context: dict = {"ombudsman": sample_ombudsman(complaint, today)}
    if kind == Letter.Kind.ACKNOWLEDGEMENT:
        context["status_url"] = absolute_url("/status/voorbeeld/")
        # Acknowledged in time: the first contact is still ahead, so its date is shown.
        complaint.received_on = today - timedelta(days=1)
        complaint.first_contact_by = today + timedelta(days=2)
    elif kind == Letter.Kind.INFORMAL_CONFIRMATION:
        agreement = (
            "U krijgt binnen twee weken een afspraak met een schuldhulpverlener. Wij bellen "
            "u daarvoor. Uw aanvraag behandelen wij met voorrang."
        )
        context["contact"] = Contact(
            complaint=complaint,
            contacted_on=today - timedelta(days=2),
            channel=ContactChannel.PHONE,
            notes="",
            agreed=agreement,
        )
        context["agreement"] = agreement
    elif kind == Letter.Kind.EXTENSION:
        context["postponement"] = Postponement(
            complaint=complaint,
            kind=Postponement.Kind.EXTENSION,
            previous_due=complaint.decide_by,
            new_due=complaint.decide_by + timedelta(weeks=4),
            reason=(
                "Wij willen ook met de medewerker van het Schuldhulploket praten. Die is "
                "de komende weken niet aan het werk."
            ),
        )
    elif kind == Letter.Kind.HEARING_INVITATION:
        moment = datetime.combine(today + timedelta(days=10), time(10, 0))
        context["hearing"] = Hearing(
            complaint=complaint,
            offered_on=today,
            planned_at=timezone.make_aware(moment),
            location="Stadhuis, Markt 1, kamer 2.14",
        )
        context["respond_by"] = today + timedelta(days=7)
    elif kind == Letter.Kind.HEARING_RECORD:
        context["hearing"] = Hearing(
            complaint=complaint,
            held_on=today - timedelta(days=1),
            location="Stadhuis, Markt 1",
            participants=(
                "Sam de Vries (indiener)\nHenk Bakker (Schuldhulploket)\nNoor Jansen "
                "(klachtbehandelaar)"
            ),
            record=(
                "Mevrouw De Vries vertelt dat zij drie keer een aanvraag stuurde.\n\n"
                "De heer Bakker legt uit dat de aanvragen in een verkeerde postbus kwamen. "
                "Hij biedt zijn excuses aan."
            ),
        )
    elif kind == Letter.Kind.DECLINE:
        context["ground"] = str(DeclineGround.OLDER_THAN_A_YEAR.label)
        context["explanation"] = (
            "Wat u beschrijft, gebeurde in maart 2024. Dat is meer dan een jaar voordat u "
            "uw klacht indiende."
        )
    elif kind == Letter.Kind.FORWARD_NOTICE:
        context.update(
            to_name="Schuldhulp Samen",
            to_contact="Telefoon 010-1234567\nklachten@schuldhulp.invalid",
            explanation="Schuldhulp Samen voert de schuldhulpverlening uit voor de gemeente.",
            is_partner=True,
        )
    elif kind == Letter.Kind.CONCLUSION:
        decision, parts, advice = sample_decision(complaint, today=today)
        context.update(decision=decision, parts=parts, advice=advice)
    return context


def sample_decision(complaint: Complaint, *, today=None):
    """A realistic decision: three parts with norms, and the committee's advice."""
    today = today or deadlines.today()
    decision = Decision(
        complaint=complaint,
        decided_on=today,
        findings=(
            "Wij hebben uw dossier bekeken en gesproken met de medewerkers van het "
            "Schuldhulploket. Uw drie aanvragen zijn wel binnengekomen, maar in een "
            "postbus die niemand meer las.\n\nIn het gesprek op het stadhuis bleek ook dat "
            "u twee keer niet bent teruggebeld."
        ),
        conclusions=(
            "Uw klacht is voor een groot deel terecht. Wij hadden uw aanvragen op tijd "
            "moeten behandelen en u moeten terugbellen."
        ),
        measures=(
            "De oude postbus is opgeheven. Alle aanvragen komen nu in één systeem. "
            "Medewerkers bellen binnen twee werkdagen terug."
        ),
        deviates_from_advice=False,
    )
    parts = [
        JudgmentPart(
            decision=decision,
            position=1,
            summary="Uw aanvragen voor schuldhulp zijn niet behandeld.",
            judgment=Judgment.WELL_FOUNDED,
            norms=["promptness", "good_organisation"],
            reasoning="De aanvragen lagen maanden in een postbus die niemand las.",
        ),
        JudgmentPart(
            decision=decision,
            position=2,
            summary="U bent niet teruggebeld.",
            judgment=Judgment.PARTLY_WELL_FOUNDED,
            norms=["good_information", "reliability"],
            reasoning="Eén keer bent u wel teruggebeld, twee keer niet.",
        ),
        JudgmentPart(
            decision=decision,
            position=3,
            summary="De medewerker aan de balie was onvriendelijk.",
            judgment=Judgment.UNFOUNDED,
            norms=["decent_treatment"],
            reasoning=(
                "De medewerker en een collega die erbij was, vertellen iets anders. Wij "
                "kunnen niet vaststellen dat de medewerker onvriendelijk was."
            ),
        ),
    ]
    advice = Advice(
        complaint=complaint,
        committee="Klachtadviescommissie Voorbeeldstad",
        requested_on=today - timedelta(days=20),
        received_on=today - timedelta(days=3),
        text=(
            "De commissie adviseert de klacht over het behandelen van de aanvragen gegrond "
            "te verklaren, de klacht over het terugbellen deels gegrond en de klacht over "
            "de bejegening ongegrond."
        ),
    )
    return decision, parts, advice


def sample_letter(kind: str, *, texts=None):
    """The whole letter of `kind` for the fictional complaint, as the complainant would
    get it by post. `texts`: unsaved texts to show instead of the stored ones."""
    from .services import build_letter

    today = deadlines.today()
    complaint = sample_complaint(today=today)
    context = sample_context(kind, complaint, today=today)
    with translation.override(settings.LANGUAGE_CODE):
        context.setdefault("municipality", Municipality.current())
    return build_letter(
        kind=kind, complaint=complaint, context=context, texts=texts, by_post=True, today=today
    )
