"""The handling procedure of Awb chapter 9: every step of `workflow.TRANSITIONS`, the
extension of the term (9:11) and the records of a cooperation complaint.

`perform(actor=, complaint=, step=, data=)` is the one entry point for a step: it locks
the complaint, looks the step up in the table (refused when the complaint's state does
not allow it), checks the actor's permission, validates `data` (every error at once, per
field, in plain Dutch), writes the step's records, sends its letter, moves the state and
appends one timeline event, all in one transaction. Pages and the API parse their input
with `complaints/inputs.py` and call this; nothing else moves a complaint.

`data` holds typed values (dates as `date`, users and partners as instances), as a
form's `cleaned_data`. Unknown keys are a programming error.

The steps that close a handled complaint (`LESSON_STEPS`) may carry the complaint's
lesson (`cause`, `lessons`, `norms`): checked before the step does anything, so a wrong
cause refuses the whole step with the message next to the field, and recorded by
`learning.lessons.record_lesson` in the step's transaction when a cause is given.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.core import workdays
from vangnet.organisations.models import Department, Municipality, Partner

from . import attachments as attachment_rules
from . import deadlines, norms
from .events import Action, RecordText, log
from .models import (
    Advice,
    Complaint,
    Contact,
    ContactChannel,
    Contribution,
    Decision,
    Hearing,
    JointDiscussion,
    JudgmentPart,
    Kind,
    Postponement,
    SubjectType,
)
from .signals import complaint_closed, complaint_reopened
from .workflow import (
    OPEN_STATES,
    STEP_OUTCOMES,
    DeclineGround,
    HearingSkipGround,
    Judgment,
    Outcome,
    State,
    Step,
    Transition,
    get_transition,
    outcome_of,
)

#: Longest free text in a step (a hearing record, findings, ...).
TEXT_MAX = 20_000
#: Most parts a decision may judge.
PARTS_MAX = 20
#: Extension (Awb 9:11 lid 2): at most this many weeks, once.
EXTENSION_WEEKS = 4
#: Working days the complainant gets to answer a hearing offer, unless the handler says.
HEARING_RESPONSE_WORKING_DAYS = 10


class Errors(dict):
    """Messages per field, collected so every mistake is reported at once."""

    def add(self, field_name: str, message: str) -> None:
        self.setdefault(field_name, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def is_person_complained_about(complaint: Complaint, user) -> bool:
    from .services import _is_person_complained_about

    return _is_person_complained_about(complaint, user)


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("U mag dit niet doen."))


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _required_text(data: dict, errors: Errors, key: str, message: str) -> str:
    value = _text(data, key)
    if not value:
        errors.add(key, message)
    elif len(value) > TEXT_MAX:
        errors.add(
            key,
            _("Deze tekst is te lang: hoogstens %(max)s tekens.") % {"max": f"{TEXT_MAX:,}"},
        )
    return value


def _optional_text(data: dict, errors: Errors, key: str) -> str:
    value = _text(data, key)
    if len(value) > TEXT_MAX:
        errors.add(
            key,
            _("Deze tekst is te lang: hoogstens %(max)s tekens.") % {"max": f"{TEXT_MAX:,}"},
        )
    return value


def _past_date(
    data: dict, errors: Errors, key: str, *, not_before: date, required=True
) -> date | None:
    """A date that already happened, not before `not_before` (usually receipt)."""
    value = data.get(key)
    if value is None:
        if required:
            errors.add(key, _("Vul de datum in."))
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        errors.add(key, _("Vul een geldige datum in."))
        return None
    if value > deadlines.today():
        errors.add(key, _("Deze datum ligt in de toekomst."))
    elif value < not_before:
        errors.add(
            key,
            _("Deze datum ligt vóór %(day)s; dat kan niet.") % {"day": _long(not_before)},
        )
    return value


def _format_long(day: date) -> str:
    return date_format(day, "j F Y")


#: A date in words, formatted when the text is rendered: in the register's language on
#: the timeline (`RecordText`), in the user's language in a message.
_long = lazy(_format_long, str)


def _choice(data: dict, errors: Errors, key: str, choices, message: str) -> str:
    value = data.get(key) or ""
    if value not in choices.values:
        errors.add(key, message)
        return ""
    return value


def _letter(kind: str, complaint: Complaint, actor, context=None, *, copy=False):
    from vangnet.letters.services import send_letter

    return send_letter(
        kind=kind,
        complaint=complaint,
        actor=actor,
        context=context or {},
        copy_to_person_complained_about=copy,
    )


# --- The steps ---------------------------------------------------------------------------


@dataclass
class StepContext:
    """What a step handler gets: the locked complaint, who acts, the input and a place
    for errors; it returns the record line and the changes for the timeline."""

    complaint: Complaint
    actor: Any
    data: dict
    files: Sequence[UploadedFile]
    transition: Transition
    errors: Errors = field(default_factory=Errors)
    outcome: str = ""


StepResult = tuple["str | RecordText", dict[str, tuple[Any, Any]]]


def _status_url(complaint: Complaint) -> str:
    from vangnet.public.statuslinks import issue_status_link

    token = issue_status_link(complaint)
    return settings.VANGNET["BASE_URL"] + reverse("public:status", args=[token])


def _acknowledge(ctx: StepContext) -> StepResult:
    complaint = ctx.complaint
    status_url = ctx.data.get("status_url") or ""
    if not status_url and (complaint.complainant_email or complaint.representative_email):
        status_url = _status_url(complaint)
    _letter("acknowledgement", complaint, ctx.actor, {"status_url": status_url})
    return RecordText(_lazy("Ontvangst bevestigd (Awb 9:6).")), {}


def _log_contact(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    contacted_on = _past_date(data, errors, "contacted_on", not_before=complaint.received_on)
    channel = _choice(data, errors, "channel", ContactChannel, _("Kies hoe het contact was."))
    notes = _required_text(data, errors, "notes", _("Schrijf op wat er besproken is."))
    agreed = _optional_text(data, errors, "agreed")
    reached = data.get("reached", True) is not False
    errors.raise_if_any()
    Contact.objects.create(
        complaint=complaint,
        contacted_on=contacted_on,
        channel=channel,
        notes=notes,
        agreed=agreed,
        reached=reached,
        recorded_by=ctx.actor,
    )
    summary = RecordText(
        _lazy("%(channel)s op %(day)s%(reached)s: %(notes)s%(agreed)s"),
        channel=ContactChannel(channel).label,
        day=_long(contacted_on),
        reached="" if reached else RecordText(_lazy(" (niet bereikt)")),
        notes=notes,
        agreed=RecordText(_lazy("\nAfgesproken: %(text)s"), text=agreed) if agreed else "",
    )
    return summary, {}


def _resolve_informally(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    agreement = _required_text(
        data,
        errors,
        "agreement",
        _("Schrijf op wat de oplossing is en dat de indiener daarmee instemt (Awb 9:5)."),
    )
    if not complaint.contacts.filter(reached=True).exists():
        errors.add(
            "agreement",
            _(
                "Leg eerst het contact vast waarin de indiener instemde met de oplossing. "
                "Informeel afhandelen kan alleen in overleg met de indiener."
            ),
        )
    errors.raise_if_any()
    contact = complaint.contacts.filter(reached=True).order_by("contacted_on", "id").last()
    if data.get("send_confirmation", True) is not False:
        _letter(
            "informal_confirmation",
            complaint,
            ctx.actor,
            {"contact": contact, "agreement": agreement},
        )
    return RecordText(
        _lazy("Informeel opgelost (Awb 9:5). De indiener stemt in met: %(text)s"), text=agreement
    ), {}


def _person_address(complaint: Complaint) -> str:
    user = complaint.person_complained_about_user
    if user is not None and user.email:
        return user.email
    if complaint.department_id and complaint.department.email:
        return complaint.department.email
    return ""


def _person_name(complaint: Complaint) -> str:
    if complaint.person_complained_about:
        return complaint.person_complained_about
    if complaint.person_complained_about_user_id:
        return str(complaint.person_complained_about_user)
    if complaint.department_id:
        return str(complaint.department)
    if complaint.partner_id:
        return str(complaint.partner)
    return ""


def _start_formal(ctx: StepContext) -> StepResult:
    """Formal handling; the person complained about gets a copy of the complaint and
    its attachments (Awb 9:9): by e-mail when an address is known, otherwise the handler
    says how it was handed over."""
    from vangnet.letters import outbox

    complaint, errors = ctx.complaint, ctx.errors
    address = _person_address(complaint)
    copy_note = _optional_text(ctx.data, errors, "copy_note")
    if not address and not copy_note:
        errors.add(
            "copy_note",
            _(
                "Er is geen e-mailadres van de beklaagde of de afdeling bekend. Schrijf op "
                "hoe de beklaagde een kopie van de klacht heeft gekregen (Awb 9:9)."
            ),
        )
    errors.raise_if_any()
    if address:
        from django.template.loader import render_to_string

        context = {
            "complaint": complaint,
            "municipality": Municipality.current(),
            "attachments": list(complaint.attachments.all()),
            "handler": complaint.handler,
        }
        with _register_language():
            subject = _("Kopie van klacht %(reference)s (Awb 9:9)") % {
                "reference": complaint.reference
            }
            text = render_to_string("complaints/email/copy_to_person.txt", context)
        outbox.queue(to=address, subject=subject, text=text, complaint=complaint)
        summary = RecordText(
            _lazy("Formele behandeling. Kopie van de klacht gemaild naar %(to)s (Awb 9:9)."),
            to=address,
        )
    else:
        summary = RecordText(
            _lazy("Formele behandeling. Kopie van de klacht gegeven (Awb 9:9): %(note)s"),
            note=copy_note,
        )
    return summary, {}


def _register_language():
    from django.utils import translation

    return translation.override(settings.LANGUAGE_CODE)


def _hearing(complaint: Complaint) -> Hearing:
    hearing, _created = Hearing.objects.get_or_create(complaint=complaint)
    return hearing


def _future_moment(data: dict, errors: Errors, key: str, *, required: bool) -> datetime | None:
    value = data.get(key)
    if value is None:
        if required:
            errors.add(key, _("Vul de datum en het tijdstip in."))
        return None
    if not isinstance(value, datetime):
        errors.add(key, _("Vul een geldige datum en tijd in."))
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value < deadlines.now():
        errors.add(key, _("Dit moment ligt in het verleden."))
    return value


def _offer_hearing(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    planned_at = _future_moment(data, errors, "planned_at", required=False)
    location = _optional_text(data, errors, "location")
    respond_by = data.get("respond_by")
    today = deadlines.today()
    if respond_by is None:
        respond_by = workdays.working_calendar().add_working_days(
            today, HEARING_RESPONSE_WORKING_DAYS
        )
    elif respond_by <= today:
        errors.add("respond_by", _("Kies een datum na vandaag."))
    errors.raise_if_any()
    hearing = _hearing(complaint)
    hearing.offered_on = today
    hearing.planned_at = planned_at
    hearing.location = location
    hearing.save()
    _letter(
        "hearing_invitation",
        complaint,
        ctx.actor,
        {"hearing": hearing, "respond_by": respond_by},
        copy=True,
    )
    return RecordText(
        _lazy("Horen aangeboden (Awb 9:10); reageren uiterlijk %(day)s."), day=_long(respond_by)
    ), {}


def _plan_hearing(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    planned_at = _future_moment(data, errors, "planned_at", required=True)
    location = _required_text(data, errors, "location", _("Vul in waar het gesprek is."))
    errors.raise_if_any()
    hearing = _hearing(complaint)
    before = hearing.planned_at
    hearing.planned_at = planned_at
    hearing.location = location
    hearing.save()
    _letter("hearing_invitation", complaint, ctx.actor, {"hearing": hearing}, copy=True)
    moment = date_format(timezone.localtime(planned_at), "j F Y H:i")
    return RecordText(
        _lazy("Hoorzitting gepland op %(moment)s, %(location)s."),
        moment=moment,
        location=location,
    ), {"planned_at": (before.isoformat() if before else None, planned_at.isoformat())}


def _hold_hearing(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    hearing = _hearing(complaint)
    held_on = _past_date(
        data, errors, "held_on", not_before=hearing.offered_on or complaint.received_on
    )
    participants = _required_text(
        data, errors, "participants", _("Vul in wie er bij het horen waren.")
    )
    record = _required_text(
        data, errors, "record", _("Schrijf het verslag van het horen (Awb 9:10 lid 3).")
    )
    errors.raise_if_any()
    hearing.held_on = held_on
    hearing.participants = participants
    hearing.record = record
    hearing.save()
    if data.get("send_record", True) is not False:
        _letter("hearing_record", complaint, ctx.actor, {"hearing": hearing}, copy=True)
    return RecordText(
        _lazy("Gehoord op %(day)s. Aanwezig: %(who)s"), day=_long(held_on), who=participants
    ), {}


def _skip_hearing(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    ground = _choice(
        data,
        errors,
        "ground",
        HearingSkipGround,
        _("Kies waarom niet gehoord wordt (Awb 9:10 lid 2)."),
    )
    note = _optional_text(data, errors, "note")
    if ground == HearingSkipGround.MANIFESTLY_UNFOUNDED and not note:
        errors.add("note", _("Leg uit waarom de klacht kennelijk ongegrond is."))
    errors.raise_if_any()
    hearing = _hearing(complaint)
    hearing.skip_ground = ground
    hearing.skip_note = note
    hearing.save()
    return RecordText(
        _lazy("Afgezien van horen (Awb 9:10 lid 2): %(ground)s. %(note)s"),
        ground=HearingSkipGround(ground).label,
        note=note,
    ), {}


def _request_advice(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    committee = _required_text(
        data, errors, "committee", _("Vul in welke commissie of adviseur advies geeft.")
    )
    if len(committee) > 200:
        errors.add("committee", _("Hoogstens 200 tekens."))
    errors.raise_if_any()
    Advice.objects.update_or_create(
        complaint=complaint,
        defaults={"committee": committee, "requested_on": deadlines.today()},
    )
    changes: dict[str, tuple[Any, Any]] = {}
    if not complaint.advisory_committee:
        complaint.advisory_committee = True
        changes["advisory_committee"] = (False, True)
        # 10 weeks instead of 6 (Awb 9:11 lid 1).
        changes.update(_apply_deadlines(complaint))
    return RecordText(
        _lazy("Advies gevraagd aan %(committee)s (Awb 9:14)."), committee=committee
    ), changes


def _record_advice(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    advice = complaint.advice
    received_on = _past_date(data, errors, "received_on", not_before=advice.requested_on)
    text = _optional_text(data, errors, "text")
    files = list(ctx.files)
    if not text and not files:
        errors.add("text", _("Vat het advies samen, of voeg het advies toe als bestand."))
    recommended = data.get("recommended_judgment") or ""
    if recommended and recommended not in Judgment.values:
        errors.add("recommended_judgment", _("Kies een oordeel uit de lijst."))
    types: list[str] = []
    if files:
        try:
            types = attachment_rules.validate_uploads(
                files[:1], already=complaint.attachments.count()
            )
        except ValidationError as error:
            errors.setdefault("file", []).extend(error.messages)
        if len(files) > 1:
            errors.add("file", _("Voeg één bestand toe."))
    errors.raise_if_any()
    if files:
        from .services import _store_attachment

        advice.attachment = _store_attachment(
            complaint=complaint, upload=files[0], content_type=types[0], actor=ctx.actor
        )
    advice.received_on = received_on
    advice.text = text
    advice.recommended_judgment = recommended
    advice.save()
    return RecordText(
        _lazy("Advies van %(committee)s ontvangen op %(day)s."),
        committee=advice.committee,
        day=_long(received_on),
    ), {}


def _parts(data: dict, errors: Errors) -> list[dict]:
    raw = data.get("parts") or []
    if not isinstance(raw, list | tuple):
        errors.add("parts", _("Geef per klachtonderdeel een oordeel."))
        return []
    parts = []
    for number, part in enumerate(raw, start=1):
        part = part or {}
        summary = (part.get("summary") or "").strip()
        judgment = part.get("judgment") or ""
        reasoning = (part.get("reasoning") or "").strip()
        codes = list(part.get("norms") or [])
        if not (summary or judgment or reasoning or codes):
            continue  # an empty row of the form
        prefix = _("Onderdeel %(n)s: ") % {"n": number}
        if not summary:
            errors.add("parts", prefix + _("beschrijf waar dit onderdeel over gaat."))
        if judgment not in Judgment.values:
            errors.add("parts", prefix + _("kies een oordeel."))
        if not reasoning:
            errors.add("parts", prefix + _("motiveer het oordeel."))
        unknown = [code for code in codes if code not in norms.NORMS]
        if unknown:
            errors.add(
                "parts",
                prefix + _("onbekende norm: %(codes)s.") % {"codes": ", ".join(map(str, unknown))},
            )
        if judgment in (Judgment.WELL_FOUNDED, Judgment.PARTLY_WELL_FOUNDED) and not codes:
            errors.add(
                "parts",
                prefix + _("noem de norm(en) uit de Behoorlijkheidswijzer die niet is nageleefd."),
            )
        if len(summary) > TEXT_MAX or len(reasoning) > TEXT_MAX:
            errors.add("parts", prefix + _("de tekst is te lang."))
        parts.append(
            {"summary": summary, "judgment": judgment, "reasoning": reasoning, "norms": codes}
        )
    if not parts and "parts" not in errors:
        errors.add("parts", _("Geef voor minstens één klachtonderdeel een oordeel."))
    if len(parts) > PARTS_MAX:
        errors.add("parts", _("Hoogstens %(max)s onderdelen.") % {"max": PARTS_MAX})
    return parts


def _decide(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    findings = _required_text(data, errors, "findings", _("Schrijf de bevindingen op."))
    conclusions = _required_text(data, errors, "conclusions", _("Schrijf de conclusies op."))
    measures = _optional_text(data, errors, "measures")
    parts = _parts(data, errors)
    deviates = bool(data.get("deviates_from_advice"))
    reasons = _optional_text(data, errors, "deviation_reasons")
    advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
    if advice is None and deviates:
        errors.add("deviates_from_advice", _("Er is geen advies om van af te wijken."))
    if advice is not None:
        outcome = outcome_of([p["judgment"] for p in parts]) if parts else ""
        recommended = advice.recommended_judgment
        if recommended and outcome and outcome != recommended and not deviates:
            errors.add(
                "deviates_from_advice",
                _(
                    "Het oordeel (%(outcome)s) wijkt af van het advies (%(advice)s). Vink aan "
                    "dat het besluit afwijkt en geef de reden (Awb 9:15)."
                )
                % {
                    "outcome": Outcome(outcome).label,
                    "advice": Judgment(recommended).label,
                },
            )
        if deviates and not reasons:
            errors.add(
                "deviation_reasons",
                _("Geef de reden waarom het besluit afwijkt van het advies (Awb 9:15)."),
            )
    errors.raise_if_any()
    decision = Decision.objects.create(
        complaint=complaint,
        decided_on=deadlines.today(),
        findings=findings,
        conclusions=conclusions,
        measures=measures,
        deviates_from_advice=deviates,
        deviation_reasons=reasons if deviates else "",
        decided_by=ctx.actor,
    )
    JudgmentPart.objects.bulk_create(
        JudgmentPart(decision=decision, position=number, **part)
        for number, part in enumerate(parts, start=1)
    )
    outcome = outcome_of([p["judgment"] for p in parts])
    return RecordText(
        _lazy("Besluit vastgelegd: %(outcome)s (%(count)s onderdelen)."),
        outcome=Outcome(outcome).label,
        count=len(parts),
    ), {}


def latest_decision(complaint: Complaint) -> Decision | None:
    return complaint.decisions.order_by("-created_at", "-id").first()


def _send_conclusion(ctx: StepContext) -> StepResult:
    complaint = ctx.complaint
    decision = latest_decision(complaint)
    if decision is None:  # the table allows this only from DECIDED; belt and braces
        ctx.errors.add("step", _("Er is nog geen besluit."))
    ctx.errors.raise_if_any()  # also a wrong lesson: no letter then
    ctx.outcome = outcome_of(list(decision.parts.values_list("judgment", flat=True)))
    advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
    _letter(
        "conclusion",
        complaint,
        ctx.actor,
        {"decision": decision, "advice": advice},
        copy=True,
    )
    return RecordText(
        _lazy("Afhandelingsbrief (Awb 9:12) verstuurd; oordeel: %(outcome)s."),
        outcome=Outcome(ctx.outcome).label,
    ), {}


def _decline(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    ground = _choice(
        data,
        errors,
        "ground",
        DeclineGround,
        _("Kies de grond uit Awb 9:8 waarom de klacht niet in behandeling wordt genomen."),
    )
    explanation = _required_text(
        data, errors, "explanation", _("Leg de indiener uit waarom (dit komt in de brief).")
    )
    today = deadlines.today()
    if complaint.decline_by and today > complaint.decline_by:
        errors.add(
            "ground",
            _(
                "Niet in behandeling nemen moest uiterlijk op %(day)s aan de indiener worden "
                "gemeld (4 weken na ontvangst, Awb 9:8 lid 3). Behandel de klacht; u kunt "
                "ook het oordeel ‘geen oordeel’ geven."
            )
            % {"day": _long(complaint.decline_by)},
        )
    errors.raise_if_any()
    complaint.decline_ground = ground
    _letter(
        "decline",
        complaint,
        ctx.actor,
        {"ground": str(DeclineGround(ground).label), "explanation": explanation},
    )
    return RecordText(
        _lazy("Niet in behandeling genomen (Awb 9:8): %(ground)s. %(text)s"),
        ground=DeclineGround(ground).label,
        text=explanation,
    ), {"decline_ground": ("", ground)}


def _withdraw(ctx: StepContext) -> StepResult:
    note = _required_text(
        ctx.data,
        ctx.errors,
        "note",
        _("Schrijf op hoe en wanneer de indiener de klacht introk."),
    )
    ctx.errors.raise_if_any()
    return RecordText(_lazy("Ingetrokken door de indiener: %(note)s"), note=note), {}


def _forward_to_body(ctx: StepContext) -> StepResult:
    data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
    name = _required_text(
        data, errors, "body_name", _("Vul in naar welk bestuursorgaan de klacht gaat.")
    )
    if len(name) > 300:
        errors.add("body_name", _("Hoogstens 300 tekens."))
    contact = _optional_text(data, errors, "body_contact")
    explanation = _optional_text(data, errors, "explanation")
    errors.raise_if_any()
    complaint.forwarded_to_body = name
    _letter(
        "forward_notice",
        complaint,
        ctx.actor,
        {"to_name": name, "to_contact": contact, "explanation": explanation, "is_partner": False},
    )
    return RecordText(
        _lazy("Doorgestuurd naar %(name)s (Awb 2:3); de indiener is bericht."), name=name
    ), {"forwarded_to_body": ("", name)}


def _close_forwarded(ctx: StepContext) -> StepResult:
    complaint = ctx.complaint
    replied = complaint.forwards.filter(replied_at__isnull=False).select_related("partner")
    if not replied:
        ctx.errors.add(
            "step",
            _(
                "Er is nog geen terugkoppeling van een partner. Wacht op het antwoord, of "
                "behandel de klacht zelf."
            ),
        )
    note = _optional_text(ctx.data, ctx.errors, "note")
    ctx.errors.raise_if_any()
    return RecordText(
        _lazy("Afgesloten: afgehandeld door %(partners)s. %(note)s"),
        partners=", ".join(str(f.partner) for f in replied),
        note=note,
    ), {}


def _reopen(ctx: StepContext) -> StepResult:
    complaint = ctx.complaint
    reason = _required_text(
        ctx.data, ctx.errors, "reason", _("Schrijf op waarom de klacht weer open gaat.")
    )
    ctx.errors.raise_if_any()
    changes = {
        "outcome": (complaint.outcome, ""),
        "closed_on": (complaint.closed_on.isoformat(), None),
    }
    complaint.outcome = ""
    complaint.closed_on = None
    complaint.decline_ground = ""
    complaint.forwarded_to_body = ""
    return RecordText(_lazy("Heropend: %(reason)s"), reason=reason), changes


HANDLERS: dict[str, Callable[[StepContext], StepResult]] = {
    Step.ACKNOWLEDGE: _acknowledge,
    Step.LOG_CONTACT: _log_contact,
    Step.RESOLVE_INFORMALLY: _resolve_informally,
    Step.START_FORMAL: _start_formal,
    Step.OFFER_HEARING: _offer_hearing,
    Step.PLAN_HEARING: _plan_hearing,
    Step.HOLD_HEARING: _hold_hearing,
    Step.SKIP_HEARING: _skip_hearing,
    Step.REQUEST_ADVICE: _request_advice,
    Step.RECORD_ADVICE: _record_advice,
    Step.DECIDE: _decide,
    Step.SEND_CONCLUSION: _send_conclusion,
    Step.DECLINE: _decline,
    Step.WITHDRAW: _withdraw,
    Step.FORWARD_TO_BODY: _forward_to_body,
    Step.CLOSE_FORWARDED: _close_forwarded,
    Step.REOPEN: _reopen,
}
assert set(HANDLERS) == set(Step.values)


#: The steps that close a handled complaint; they may carry its lesson.
LESSON_STEPS = frozenset({Step.RESOLVE_INFORMALLY, Step.SEND_CONCLUSION, Step.CLOSE_FORWARDED})
LESSON_KEYS = ("cause", "lessons", "norms")


def _lesson_input(ctx: StepContext) -> dict | None:
    """The lesson given with a closing step, checked before the step acts (its errors
    join the step's); None when no cause is given. Norms alone are not a lesson: the
    conclusion's form shows the decision's norms ticked."""
    from vangnet.learning import lessons

    given = {key: ctx.data.pop(key, None) for key in LESSON_KEYS}
    if given["cause"] in (None, ""):
        if _text(given, "lessons"):
            ctx.errors.add(
                "cause",
                _(
                    "Kies de oorzaak, dan worden de geleerde lessen bewaard. "
                    "Of maak de lessen leeg."
                ),
            )
        return None
    if ctx.actor is None or not ctx.actor.has_perm(lessons.PERM, ctx.complaint):
        ctx.errors.add("cause", _("U mag bij deze klacht geen les vastleggen."))
        return None
    try:
        return lessons.check(given)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            for message in messages:
                ctx.errors.add(field_name, message)
        return None


def refusal(complaint: Complaint, step: str) -> ValidationError:
    """The error for a step the table does not allow from the complaint's state."""
    label = Step(step).label if step in Step.values else step
    if complaint.kind != Kind.COMPLAINT:
        message = _("Een %(kind)s wordt niet behandeld als klacht.") % {
            "kind": complaint.get_kind_display().lower()
        }
    else:
        message = _("‘%(step)s’ kan niet bij een klacht met status ‘%(state)s’.") % {
            "step": label,
            "state": complaint.get_state_display(),
        }
    return ValidationError({"step": message})


@transaction.atomic
def perform(
    *,
    actor,
    complaint: Complaint,
    step: str,
    data: dict | None = None,
    files: Sequence[UploadedFile] = (),
    system: bool = False,
) -> Complaint:
    """Take one step of the procedure. `system=True` (with `actor=None`) is for Vangnet's
    own steps without a staff member: the acknowledgement of a complaint filed online."""
    complaint = _locked(complaint)
    transition = get_transition(complaint.state, step)
    if transition is None or complaint.kind != Kind.COMPLAINT:
        raise refusal(complaint, step)
    if not (system and actor is None):
        _require(actor, transition.permission, complaint)
        if is_person_complained_about(complaint, actor):
            raise ValidationError(
                {
                    "step": _(
                        "U bent degene over wie geklaagd wordt. U mag deze klacht niet "
                        "behandelen (Awb 9:7); de klachtcoördinator wijst een ander aan."
                    )
                }
            )
    ctx = StepContext(
        complaint=complaint,
        actor=actor,
        data=dict(data or {}),
        files=files,
        transition=transition,
    )
    before_state = complaint.state
    lesson = _lesson_input(ctx) if step in LESSON_STEPS else None
    summary, changes = HANDLERS[step](ctx)
    ctx.errors.raise_if_any()

    target = transition.target_for(before_state)
    if target != before_state:
        changes = {"state": (before_state, target), **changes}
        complaint.state = target
    if transition.closes:
        outcome = ctx.outcome or STEP_OUTCOMES[step]
        complaint.outcome = outcome
        complaint.closed_on = deadlines.today()
        changes["outcome"] = ("", outcome)
    complaint.save()
    log(complaint=complaint, actor=actor, action=step, summary=summary, changes=changes)
    if lesson is not None:
        from vangnet.learning.lessons import record_lesson

        record_lesson(actor=actor, complaint=complaint, data=lesson, today=complaint.closed_on)
    if transition.closes:
        complaint_closed.send(sender=Complaint, complaint=complaint, actor=actor)
    if step == Step.REOPEN:
        complaint_reopened.send(
            sender=Complaint, complaint=complaint, actor=actor, reason=ctx.data.get("reason")
        )
    return complaint


def withdraw_by_complainant(*, complaint: Complaint, reason: str = "") -> Complaint:
    """The complainant withdraws through the status page: the table's WITHDRAW step,
    without a staff permission (the status link is the authorization)."""
    from .services import WITHDRAW_REASON_MAX

    with transaction.atomic():
        locked = _locked(complaint)
        message = _("Uw klacht is al afgesloten. U kunt haar niet meer intrekken.")
        transition = get_transition(locked.state, Step.WITHDRAW)
        if transition is None or locked.kind != Kind.COMPLAINT:
            raise ValidationError({"complaint": message})
        reason = (reason or "").strip()
        if len(reason) > WITHDRAW_REASON_MAX:
            raise ValidationError(
                {"reason": _("Uw uitleg mag hoogstens %(max)s tekens zijn.") % {"max": "2.000"}}
            )
        changes: dict[str, tuple[Any, Any]] = {
            "state": (locked.state, State.CLOSED),
            "outcome": (locked.outcome, Outcome.WITHDRAWN),
        }
        locked.state = State.CLOSED
        locked.outcome = Outcome.WITHDRAWN
        locked.closed_on = deadlines.today()
        locked.save()
        withdrawn = RecordText(
            _lazy("De indiener heeft de klacht ingetrokken via de statuspagina.")
        )
        log(
            complaint=locked,
            actor=None,
            action=Action.WITHDRAWN_BY_COMPLAINANT,
            summary=f"{withdrawn}\n\n{reason}" if reason else withdrawn,
            changes=changes,
        )
        complaint_closed.send(sender=Complaint, complaint=locked, actor=None)
        return locked


# --- The term: extension (Awb 9:11) -----------------------------------------------------


def _apply_deadlines(complaint: Complaint) -> dict[str, tuple[Any, Any]]:
    from .services import apply_deadlines

    return apply_deadlines(
        complaint, policy=Municipality.current(), calendar=workdays.working_calendar()
    )


def _require_open(complaint: Complaint, field_name: str) -> None:
    if complaint.kind != Kind.COMPLAINT or complaint.state not in OPEN_STATES:
        raise ValidationError({field_name: _("Deze klacht is afgesloten.")})


def extension_limit(complaint: Complaint) -> date:
    """The latest date an extension may set: the legal term plus 4 weeks, Atw applied."""
    weeks = (
        deadlines.DECIDE_WEEKS_WITH_COMMITTEE
        if complaint.advisory_committee
        else deadlines.DECIDE_WEEKS
    )
    return workdays.working_calendar().add_weeks(complaint.received_on, weeks + EXTENSION_WEEKS)


def _postpone(*, actor, complaint, kind, new_due, reason, consent_on=None) -> Complaint:
    previous = complaint.decide_by
    Postponement.objects.create(
        complaint=complaint,
        kind=kind,
        previous_due=previous,
        new_due=new_due,
        reason=reason,
        consent_on=consent_on,
        recorded_by=actor,
    )
    complaint.postponed_to = new_due
    changes = _apply_deadlines(complaint)
    complaint.save()
    if kind == Postponement.Kind.EXTENSION:
        summary = RecordText(
            _lazy("Verdaagd tot %(day)s (Awb 9:11 lid 2): %(reason)s"),
            day=_long(new_due),
            reason=reason,
        )
    else:
        summary = RecordText(
            _lazy(
                "Uitgesteld tot %(day)s met schriftelijke instemming van de indiener "
                "(ontvangen %(consent)s): %(reason)s"
            ),
            day=_long(new_due),
            consent=_long(consent_on),
            reason=reason,
        )
    log(complaint=complaint, actor=actor, action=Action.POSTPONED, summary=summary, changes=changes)
    return complaint


@transaction.atomic
def extend(*, actor, complaint: Complaint, new_due: date | None, reason: str) -> Complaint:
    """The one extension of Awb 9:11 lid 2: at most 4 weeks, decided before the due date,
    with a letter to the complainant and the person complained about."""
    complaint = _locked(complaint)
    _require(actor, "complaints.handle_complaint", complaint)
    _require_open(complaint, "new_due")
    errors = Errors()
    today = deadlines.today()
    reason = (reason or "").strip()
    if complaint.postponements.filter(kind=Postponement.Kind.EXTENSION).exists():
        errors.add(
            "new_due",
            _(
                "De termijn is al een keer verdaagd. Nog een keer verdagen mag niet (Awb "
                "9:11); verder uitstel kan alleen met schriftelijke instemming van de indiener."
            ),
        )
    elif complaint.decide_by and today > complaint.decide_by:
        errors.add(
            "new_due",
            _(
                "De termijn is op %(day)s verstreken. Verdagen kan alleen vóór die datum "
                "(Awb 9:11); uitstel kan nu alleen met schriftelijke instemming van de indiener."
            )
            % {"day": _long(complaint.decide_by)},
        )
    else:
        limit = extension_limit(complaint)
        if new_due is None:
            errors.add("new_due", _("Kies de nieuwe datum."))
        elif new_due <= complaint.decide_by:
            errors.add(
                "new_due",
                _("Kies een datum na de huidige termijn (%(day)s).")
                % {"day": _long(complaint.decide_by)},
            )
        elif new_due > limit:
            errors.add(
                "new_due",
                _("Verdagen kan met hoogstens vier weken: uiterlijk tot %(day)s.")
                % {"day": _long(limit)},
            )
    if not reason:
        errors.add("reason", _("Schrijf op waarom meer tijd nodig is (dit komt in de brief)."))
    errors.raise_if_any()
    complaint = _postpone(
        actor=actor,
        complaint=complaint,
        kind=Postponement.Kind.EXTENSION,
        new_due=new_due,
        reason=reason,
    )
    _letter(
        "extension",
        complaint,
        actor,
        {"postponement": complaint.postponements.order_by("-id").first()},
        copy=True,
    )
    return complaint


@transaction.atomic
def delay_with_consent(
    *, actor, complaint: Complaint, new_due: date | None, reason: str, consent_on: date | None
) -> Complaint:
    """A further delay after the extension (or after the term), only with the
    complainant's written consent, recorded with its date (Awb 9:11)."""
    complaint = _locked(complaint)
    _require(actor, "complaints.handle_complaint", complaint)
    _require_open(complaint, "new_due")
    errors = Errors()
    reason = (reason or "").strip()
    if new_due is None:
        errors.add("new_due", _("Kies de nieuwe datum."))
    elif complaint.decide_by and new_due <= complaint.decide_by:
        errors.add(
            "new_due",
            _("Kies een datum na de huidige termijn (%(day)s).")
            % {"day": _long(complaint.decide_by)},
        )
    elif new_due <= deadlines.today():
        errors.add("new_due", _("Kies een datum na vandaag."))
    if consent_on is None:
        errors.add(
            "consent_on",
            _("Vul in wanneer de schriftelijke instemming van de indiener binnenkwam."),
        )
    elif consent_on > deadlines.today() or consent_on < complaint.received_on:
        errors.add("consent_on", _("Deze datum kan niet: tussen ontvangst en vandaag."))
    if not reason:
        errors.add("reason", _("Schrijf op waarom meer tijd nodig is."))
    errors.raise_if_any()
    return _postpone(
        actor=actor,
        complaint=complaint,
        kind=Postponement.Kind.CONSENT,
        new_due=new_due,
        reason=reason,
        consent_on=consent_on,
    )


# --- Cooperation complaints ------------------------------------------------------------


def _require_cooperation(complaint: Complaint, field_name: str) -> None:
    if complaint.subject_type != SubjectType.COOPERATION:
        raise ValidationError({field_name: _("Dit hoort alleen bij een samenwerkingsklacht.")})


@transaction.atomic
def add_contribution(
    *,
    actor,
    complaint: Complaint,
    party: Partner | Department | None,
    received_on: date | None,
    text: str,
) -> Contribution:
    """Record what one party of a cooperation complaint contributed (its account, what
    it did). The party is one of the complaint's partners, or a department."""
    complaint = _locked(complaint)
    _require(actor, "complaints.handle_complaint", complaint)
    _require_cooperation(complaint, "party")
    errors = Errors()
    data = {"received_on": received_on, "text": text}
    when = _past_date(data, errors, "received_on", not_before=complaint.received_on)
    text = _required_text(data, errors, "text", _("Schrijf de bijdrage van deze partij op."))
    partners = set(complaint.involved_partners.values_list("pk", flat=True))
    if complaint.partner_id:
        partners.add(complaint.partner_id)
    if isinstance(party, Partner):
        if party.pk not in partners:
            errors.add("party", _("Deze partner is geen partij bij deze klacht."))
    elif not isinstance(party, Department):
        errors.add("party", _("Kies de partij."))
    errors.raise_if_any()
    contribution = Contribution.objects.create(
        complaint=complaint,
        partner=party if isinstance(party, Partner) else None,
        department=party if isinstance(party, Department) else None,
        received_on=when,
        text=text,
        recorded_by=actor,
    )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.CONTRIBUTION_ADDED,
        summary=RecordText(_lazy("%(party)s: %(text)s"), party=party, text=text),
    )
    return contribution


@transaction.atomic
def record_joint_discussion(
    *, actor, complaint: Complaint, held_on: date | None, participants: str, agreements: str
) -> JointDiscussion:
    """The joint case discussion of a cooperation complaint: date, participants and
    what was agreed."""
    complaint = _locked(complaint)
    _require(actor, "complaints.handle_complaint", complaint)
    _require_cooperation(complaint, "held_on")
    errors = Errors()
    data = {"held_on": held_on, "participants": participants, "agreements": agreements}
    when = _past_date(data, errors, "held_on", not_before=complaint.received_on)
    participants = _required_text(
        data, errors, "participants", _("Vul in wie er meededen (namen en organisaties).")
    )
    agreements = _required_text(data, errors, "agreements", _("Schrijf de afspraken op."))
    errors.raise_if_any()
    discussion = JointDiscussion.objects.create(
        complaint=complaint,
        held_on=when,
        participants=participants,
        agreements=agreements,
        recorded_by=actor,
    )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.JOINT_DISCUSSION,
        summary=RecordText(
            _lazy("Casusbespreking op %(day)s met %(who)s. Afspraken: %(what)s"),
            day=_long(when),
            who=participants,
            what=agreements,
        ),
    )
    return discussion
