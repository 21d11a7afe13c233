"""The registry of timeline actions and the one helper that writes them."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Complaint, Event


class Action(models.TextChoices):
    REGISTERED = "registered", _("Geregistreerd")
    STATE_CHANGED = "state_changed", _("Status gewijzigd")
    ASSIGNED = "assigned", _("Behandelaar toegewezen")
    NOTE_ADDED = "note_added", _("Notitie")
    THEME_CHANGED = "theme_changed", _("Thema gewijzigd")
    CORRECTED = "corrected", _("Registratie gecorrigeerd")
    PARTS_CHANGED = "parts_changed", _("Klachtonderdelen gewijzigd")
    ATTACHMENT_ADDED = "attachment_added", _("Bijlage toegevoegd")
    ATTACHMENT_DOWNLOADED = "attachment_downloaded", _("Bijlage geopend")
    FORWARDED = "forwarded", _("Doorgestuurd naar partner")
    DEADLINES_CHANGED = "deadlines_changed", _("Termijnen herberekend")
    LETTER_SENT = "letter_sent", _("Brief verstuurd")
    # Sign-off before a letter leaves (`handling.signoff`).
    LETTER_PREPARED = "letter_prepared", _("Brief wacht op ondertekening")
    LETTER_APPROVED = "letter_approved", _("Brief ondertekend")
    LETTER_RETURNED = "letter_returned", _("Brief teruggestuurd")
    EMAIL_FAILED = "email_failed", _("E-mail niet afgeleverd")
    COMPLAINANT_ADDED_INFORMATION = (
        "complainant_added_information",
        _("Aanvulling van de indiener"),
    )
    WITHDRAWN_BY_COMPLAINANT = "withdrawn_by_complainant", _("Ingetrokken door de indiener")
    STATUS_LINK_ISSUED = "status_link_issued", _("Statuslink gemaakt")
    STATUS_LINK_REVOKED = "status_link_revoked", _("Statuslink ingetrokken")
    PARTNER_REPLIED = "partner_replied", _("Terugkoppeling van de partner")
    PARTNER_REMINDED = "partner_reminded", _("Herinnering aan de partner")
    PARTNER_ESCALATED = "partner_escalated", _("Partner geëscaleerd naar de coördinator")
    # The procedure's steps (`workflow.Step`), one action each.
    ACKNOWLEDGE = "acknowledge", _("Ontvangst bevestigd")
    LOG_CONTACT = "log_contact", _("Contact met de indiener")
    RESOLVE_INFORMALLY = "resolve_informally", _("Informeel opgelost")
    START_FORMAL = "start_formal", _("Formele behandeling gestart")
    OFFER_HEARING = "offer_hearing", _("Horen aangeboden")
    PLAN_HEARING = "plan_hearing", _("Hoorzitting gepland")
    HOLD_HEARING = "hold_hearing", _("Gehoord")
    SKIP_HEARING = "skip_hearing", _("Afgezien van horen")
    REQUEST_ADVICE = "request_advice", _("Advies gevraagd")
    RECORD_ADVICE = "record_advice", _("Advies ontvangen")
    DECIDE = "decide", _("Besluit vastgelegd")
    SEND_CONCLUSION = "send_conclusion", _("Afgehandeld")
    DECLINE = "decline", _("Niet in behandeling genomen")
    WITHDRAW = "withdraw", _("Ingetrokken")
    FORWARD_TO_BODY = "forward_to_body", _("Doorgestuurd naar ander bestuursorgaan")
    CLOSE_FORWARDED = "close_forwarded", _("Afgesloten na terugkoppeling partner")
    REOPEN = "reopen", _("Heropend")
    POSTPONED = "postponed", _("Termijn verlengd")
    CONTRIBUTION_ADDED = "contribution_added", _("Bijdrage van een partij")
    JOINT_DISCUSSION = "joint_discussion", _("Gezamenlijke casusbespreking")
    EMAIL_RESENT = "email_resent", _("E-mail opnieuw verstuurd")
    COPY_RECORDED = "copy_recorded", _("Kopie verstuurd (vastgelegd)")
    PERSON_HEARD = "person_heard", _("Beklaagde gehoord")
    SURVEY_SENT = "survey_sent", _("Tevredenheidsvragen verstuurd")
    SURVEY_ANSWERED = "survey_answered", _("Tevredenheid beantwoord")
    SURVEY_HANDLED = "survey_handled", _("Tevredenheid afgehandeld")
    # Learning and the second line (issue 6).
    OMBUDSMAN_CASE = "ombudsman_case", _("Ombudsmanzaak")
    OMBUDSMAN_RECOMMENDATION = "ombudsman_recommendation", _("Aanbeveling ombudsman")
    BOTTLENECK_RAISED = "bottleneck_raised", _("Knelpunt in regels gemeld")
    BOTTLENECK_DECIDED = "bottleneck_decided", _("Besluit over knelpunt")
    CASE_DISCUSSED = "case_discussed", _("Besproken in casusoverleg")
    LESSON_RECORDED = "lesson_recorded", _("Les vastgelegd")
    MEASURE_LINKED = "measure_linked", _("Verbetermaatregel gekoppeld")


class RecordText:
    """A line for the record, written in the register's language (LANGUAGE_CODE)
    whatever language the acting user has chosen: the timeline is a legal file, not
    a page. `message` is a lazy translatable string with %(name)s placeholders."""

    def __init__(self, message, **params: Any) -> None:
        self.message = message
        self.params = params

    def __str__(self) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.message) % {key: str(value) for key, value in self.params.items()}


def _plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a value for the before → after record."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def log(
    *,
    complaint: Complaint,
    actor,
    action: Action,
    summary: "str | RecordText" = "",
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> Event:
    """Append one event to the complaint's timeline. `summary` is the user's own text
    (a note) or a `RecordText`; `changes` maps a field name to (before, after). Call it
    inside the service's transaction."""
    return Event.objects.create(
        complaint=complaint,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        summary=str(summary),
        changes={field: [_plain(b), _plain(a)] for field, (b, a) in (changes or {}).items()},
    )
