"""Every write to the complaint register.

Each service is keyword-only, runs in one transaction, checks the actor's permission,
validates, changes the data and appends an event to the timeline. Views, the API, the
admin, commands and tasks call these; nothing else writes complaints.

Errors: `PermissionDenied` when the actor may not do this; `ValidationError` with a
message per field (plain Dutch) when the input is wrong. Nothing is stored then.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.core import workdays
from vangnet.core.calendar import AtwCalendar
from vangnet.core.roles import Role
from vangnet.organisations.models import Body, Municipality, Partner, Theme

from . import attachments as attachment_rules
from . import deadlines
from .events import Action, RecordText, log
from .models import (
    Attachment,
    Channel,
    Complaint,
    ContactPreference,
    Kind,
    ReferenceCounter,
    SubjectType,
)
from .workflow import OPEN_STATES, Outcome, State

EARLIEST_RECEIVED_ON = date(2000, 1, 1)

#: Fields a caller may set when registering (everything else is derived).
REGISTRATION_FIELDS = {
    "kind",
    "received_on",
    "channel",
    "body",
    "theme",
    "neighbourhood",
    "subject_type",
    "department",
    "person_complained_about",
    "person_complained_about_user",
    "partner",
    "complainant_name",
    "complainant_street",
    "complainant_postcode",
    "complainant_city",
    "complainant_email",
    "complainant_phone",
    "preferred_contact",
    "representative_name",
    "representative_email",
    "representative_phone",
    "description",
    "desired_outcome",
    "is_formal",
    "light_path_reason",
    "formality_note",
    "advisory_committee",
    "redirected_to",
}


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("U mag dit niet doen."))


def _add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _next_reference(year: int) -> str:
    """The next reference of the year, e.g. 2026-00123. The counter row is locked for
    the rest of the transaction, so two registrations never get the same number."""
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # created concurrently; the locked read below takes it
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{year}-{counter.last_number:05d}"


def apply_deadlines(
    complaint: Complaint, *, policy: Municipality, calendar: AtwCalendar
) -> dict[str, tuple[Any, Any]]:
    """Set the complaint's deadlines from its received date; return what changed.
    Only complaints have deadlines; other messages have none."""
    if complaint.kind != Kind.COMPLAINT:
        new = dict.fromkeys(("acknowledge_by", "first_contact_by", "decline_by", "decide_by"), None)
    else:
        new = deadlines.compute(
            received_on=complaint.received_on,
            advisory_committee=complaint.advisory_committee,
            policy=policy,
            calendar=calendar,
        ).as_dict()
        if complaint.postponed_to and complaint.postponed_to > new["decide_by"]:
            # Extended (Awb 9:11 lid 2) or delayed with the complainant's consent.
            new["decide_by"] = complaint.postponed_to
    changes = {}
    for field, value in new.items():
        before = getattr(complaint, field)
        if before != value:
            changes[field] = (
                before.isoformat() if before else None,
                value.isoformat() if value else None,
            )
            setattr(complaint, field, value)
    return changes


def _validate_registration(data: dict[str, Any], involved: Sequence[Partner], today: date):
    errors: dict[str, list[str]] = {}
    kind = data.get("kind") or Kind.COMPLAINT
    received_on = data.get("received_on")
    if received_on is None:
        _add_error(errors, "received_on", _("Vul de datum van ontvangst in."))
    elif received_on > today:
        _add_error(
            errors, "received_on", _("De datum van ontvangst kan niet in de toekomst liggen.")
        )
    elif received_on < EARLIEST_RECEIVED_ON:
        _add_error(errors, "received_on", _("Deze datum van ontvangst is te ver terug."))
    if not (data.get("description") or "").strip():
        _add_error(errors, "description", _("Beschrijf waar het bericht over gaat."))

    theme: Theme | None = data.get("theme")
    if theme is not None and not theme.is_active:
        _add_error(errors, "theme", _("Dit thema wordt niet meer gebruikt; kies een ander."))

    if kind != Kind.COMPLAINT:
        if not (data.get("redirected_to") or "").strip():
            _add_error(
                errors,
                "redirected_to",
                _("Vul in waar deze melding, dit bezwaar of deze vraag naartoe is gestuurd."),
            )
        return errors

    if theme is None:
        _add_error(errors, "theme", _("Kies een thema."))

    subject = data.get("subject_type") or SubjectType.MUNICIPALITY
    if subject == SubjectType.PARTNER and data.get("partner") is None:
        _add_error(errors, "partner", _("Kies de samenwerkingspartner waarover geklaagd wordt."))
    if subject == SubjectType.COOPERATION:
        parties = {p.pk for p in involved} | (
            {data["partner"].pk} if data.get("partner") else set()
        )
        municipality_involved = 1 if data.get("department") else 0
        if len(parties) + municipality_involved < 2:
            _add_error(
                errors,
                "involved_partners",
                _("Bij een samenwerkingsklacht horen minstens twee partijen."),
            )
    if subject != SubjectType.COOPERATION and involved:
        _add_error(
            errors,
            "involved_partners",
            _("Betrokken partijen horen alleen bij een samenwerkingsklacht."),
        )

    # Awb 9:4: the formal path needs name, address and a description; otherwise the
    # lighter path, with the reason recorded.
    if data.get("is_formal", True):
        if not (data.get("complainant_name") or "").strip():
            _add_error(
                errors,
                "complainant_name",
                _("Voor een formele klacht is de naam nodig. Of kies de lichte route."),
            )
        if (
            not (data.get("complainant_street") or "").strip()
            or not (data.get("complainant_city") or "").strip()
        ):
            _add_error(
                errors,
                "complainant_street",
                _("Voor een formele klacht is het adres nodig. Of kies de lichte route."),
            )
    elif not data.get("light_path_reason"):
        _add_error(errors, "light_path_reason", _("Kies waarom deze klacht de lichte route volgt."))

    preference = data.get("preferred_contact") or ContactPreference.EMAIL
    has_any_contact = any(
        (data.get(f) or "").strip()
        for f in ("complainant_email", "complainant_phone", "complainant_street")
    )
    if has_any_contact:
        needed = {
            ContactPreference.EMAIL: (
                "complainant_email",
                _("Vul het e-mailadres in, of kies een andere voorkeur."),
            ),
            ContactPreference.PHONE: (
                "complainant_phone",
                _("Vul het telefoonnummer in, of kies een andere voorkeur."),
            ),
            ContactPreference.LETTER: (
                "complainant_street",
                _("Vul het adres in, of kies een andere voorkeur."),
            ),
        }[preference]
        if not (data.get(needed[0]) or "").strip():
            _add_error(errors, needed[0], needed[1])
    return errors


@transaction.atomic
def register_complaint(
    *,
    actor,
    data: dict[str, Any],
    involved_partners: Iterable[Partner] = (),
    files: Sequence[UploadedFile] = (),
) -> Complaint:
    """Register a complaint, or a report/objection/question that is redirected.

    `data` holds model field values (instances for relations), as a form's or
    serializer's cleaned data. `actor` is the staff member registering; None is the
    resident through the public site (channel web)."""
    if actor is not None:
        _require(actor, "complaints.add_complaint")
    unknown = set(data) - REGISTRATION_FIELDS
    if unknown:
        raise ValueError(f"Unknown registration fields: {sorted(unknown)}")

    today = deadlines.today()
    involved = list(involved_partners)
    errors = _validate_registration(data, involved, today)
    try:
        file_types = attachment_rules.validate_uploads(list(files))
    except ValidationError as error:
        errors.setdefault("attachments", []).extend(error.messages)
        file_types = []

    values = {k: v for k, v in data.items() if v is not None}
    values.setdefault("kind", Kind.COMPLAINT)
    if values.get("body") is None:
        default_body = Body.objects.filter(is_default=True).first()
        if default_body is None:
            _add_error(errors, "body", _("Kies het bestuursorgaan."))
        values["body"] = default_body
    if values.get("is_formal", True):
        values["light_path_reason"] = ""
    for text_field in ("description", "desired_outcome", "complainant_name"):
        if isinstance(values.get(text_field), str):
            values[text_field] = values[text_field].strip()

    complaint = Complaint(**values, reference="pending", created_by=actor)
    if values["kind"] != Kind.COMPLAINT:
        complaint.state = State.CLOSED
        complaint.closed_on = today
        complaint.outcome = Outcome.NOT_A_COMPLAINT
    try:
        complaint.full_clean(exclude=["reference", "search_text"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field in errors:
                continue  # our own, plainer message for this field is already there
            for message in messages:
                _add_error(errors, field, message)
    if errors:
        raise ValidationError(errors)

    policy = Municipality.current()
    apply_deadlines(complaint, policy=policy, calendar=workdays.working_calendar())
    complaint.reference = _next_reference(today.year)
    complaint.search_text = complaint.build_search_text()
    complaint.save()
    if involved:
        complaint.involved_partners.set(involved)
    for upload, content_type in zip(files, file_types, strict=True):
        _store_attachment(
            complaint=complaint, upload=upload, content_type=content_type, actor=actor
        )

    if complaint.kind == Kind.COMPLAINT:
        summary = RecordText(
            _lazy("Klacht geregistreerd via %(channel)s."), channel=Channel(complaint.channel).label
        )
    else:
        summary = RecordText(
            _lazy("%(kind)s geregistreerd en doorverwezen naar %(to)s."),
            kind=Kind(complaint.kind).label,
            to=complaint.redirected_to,
        )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.REGISTERED,
        summary=summary,
        changes={"state": (None, complaint.state)},
    )
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    """Re-read the complaint with a row lock, so concurrent changes serialise."""
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _store_attachment(*, complaint: Complaint, upload: UploadedFile, content_type: str, actor):
    attachment = Attachment(
        complaint=complaint,
        original_name=(upload.name or "bestand")[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "bestand", upload, save=False)
    attachment.save()
    return attachment


def _is_person_complained_about(complaint: Complaint, user) -> bool:
    if complaint.person_complained_about_user_id == user.pk:
        return True
    name = (complaint.person_complained_about or "").strip().casefold()
    return bool(name) and name == user.get_full_name().strip().casefold()


@transaction.atomic
def assign_handler(*, actor, complaint: Complaint, handler) -> Complaint:
    """Assign a handler. Refused when the handler is the person complained about (Awb 9:7)."""
    complaint = _locked(complaint)
    _require(actor, "complaints.assign_complaint", complaint)
    if complaint.state not in OPEN_STATES:
        raise ValidationError({"handler": _("Een afgesloten klacht krijgt geen behandelaar meer.")})
    if (
        handler is None
        or not handler.is_active
        or not (handler.has_role(Role.HANDLER) or handler.has_role(Role.COORDINATOR))
    ):
        raise ValidationError({"handler": _("Kies een actieve klachtbehandelaar.")})
    if _is_person_complained_about(complaint, handler):
        raise ValidationError(
            {
                "handler": _(
                    "%(name)s is degene over wie geklaagd wordt en mag de klacht niet "
                    "behandelen (Awb 9:7). Kies een ander."
                )
                % {"name": handler}
            }
        )
    if complaint.handler_id == handler.pk:
        return complaint
    before = complaint.handler
    complaint.handler = handler
    complaint.save(update_fields=["handler", "updated_at"])
    log(
        complaint=complaint,
        actor=actor,
        action=Action.ASSIGNED,
        summary=RecordText(_lazy("Toegewezen aan %(name)s."), name=handler),
        changes={"handler": (before, handler)},
    )
    return complaint


@transaction.atomic
def add_note(*, actor, complaint: Complaint, text: str) -> Complaint:
    complaint = _locked(complaint)  # permission on the current state, not the caller's copy
    _require(actor, "complaints.add_note", complaint)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een notitie.")})
    if len(text) > 10_000:
        raise ValidationError({"text": _("Een notitie mag hoogstens 10.000 tekens zijn.")})
    log(complaint=complaint, actor=actor, action=Action.NOTE_ADDED, summary=text)
    return complaint


@transaction.atomic
def change_theme(*, actor, complaint: Complaint, theme: Theme | None) -> Complaint:
    complaint = _locked(complaint)
    _require(actor, "complaints.change_theme", complaint)
    if theme is None:
        raise ValidationError({"theme": _("Kies een thema.")})
    if not theme.is_active:
        raise ValidationError({"theme": _("Dit thema wordt niet meer gebruikt; kies een ander.")})
    if complaint.theme_id == theme.pk:
        return complaint
    before = complaint.theme
    complaint.theme = theme
    complaint.save(update_fields=["theme", "updated_at"])
    log(
        complaint=complaint,
        actor=actor,
        action=Action.THEME_CHANGED,
        summary=RecordText(_lazy("Thema gewijzigd in %(theme)s."), theme=theme),
        changes={"theme": (before, theme)},
    )
    return complaint


@transaction.atomic
def add_attachments(
    *, actor, complaint: Complaint, files: Sequence[UploadedFile]
) -> list[Attachment]:
    complaint = _locked(complaint)
    _require(actor, "complaints.add_attachment", complaint)
    if not files:
        raise ValidationError({"attachments": _("Kies een bestand.")})
    try:
        types = attachment_rules.validate_uploads(
            list(files), already=complaint.attachments.count()
        )
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from None
    stored = [
        _store_attachment(
            complaint=complaint, upload=upload, content_type=content_type, actor=actor
        )
        for upload, content_type in zip(files, types, strict=True)
    ]
    log(
        complaint=complaint,
        actor=actor,
        action=Action.ATTACHMENT_ADDED,
        summary=", ".join(a.original_name for a in stored),
    )
    return stored


@transaction.atomic
def record_attachment_download(*, actor, attachment: Attachment) -> None:
    """Attachments can hold special-category personal data (health, in Wmo and youth
    complaints): every opening is on the record."""
    _require(actor, "complaints.view_complaint", attachment.complaint)
    log(
        complaint=attachment.complaint,
        actor=actor,
        action=Action.ATTACHMENT_DOWNLOADED,
        summary=attachment.original_name,
    )


def recompute_open_deadlines(*, actor=None, batch_size: int = 500) -> int:
    """Recompute the deadlines of every open complaint (after a decree day or the
    policy changed). Returns how many complaints changed."""
    policy = Municipality.current()
    calendar = workdays.working_calendar()
    changed = 0
    open_ids = list(
        Complaint.objects.filter(kind=Kind.COMPLAINT, state__in=OPEN_STATES).values_list(
            "pk", flat=True
        )
    )
    for start in range(0, len(open_ids), batch_size):
        with transaction.atomic():
            batch = Complaint.objects.select_for_update().filter(
                pk__in=open_ids[start : start + batch_size]
            )
            for complaint in batch:
                changes = apply_deadlines(complaint, policy=policy, calendar=calendar)
                if changes:
                    complaint.save(update_fields=[*changes, "updated_at"])
                    log(
                        complaint=complaint,
                        actor=actor,
                        action=Action.DEADLINES_CHANGED,
                        summary=RecordText(
                            _lazy("Termijnen herberekend na een wijziging van de kalender.")
                        ),
                        changes=changes,
                    )
                    changed += 1
    return changed


# --- By the complainant, through the status page -----------------------------------------
# The resident has no account: the secret status link (`vangnet.public.statuslinks`) is
# the authorization, checked by the page before it calls these. The actor on the
# timeline is None; the action says it was the complainant.

#: Longest text a complainant may add at once.
COMPLAINANT_TEXT_MAX = 5_000
#: Longest reason for a withdrawal.
WITHDRAW_REASON_MAX = 2_000


def _require_open_complaint(complaint: Complaint, message: str) -> None:
    if complaint.kind != Kind.COMPLAINT or complaint.state not in OPEN_STATES:
        raise ValidationError({"complaint": message})


@transaction.atomic
def add_information_by_complainant(
    *, complaint: Complaint, text: str = "", files: Sequence[UploadedFile] = ()
) -> Complaint:
    """The complainant adds text (at most 5,000 characters) and/or attachments (the
    rules of `complaints.attachments`) to an open complaint. All errors at once, per
    field (`text`, `attachments`, `complaint` when it is closed); nothing is stored then."""
    complaint = _locked(complaint)
    _require_open_complaint(complaint, _("Uw klacht is afgesloten. U kunt niets meer toevoegen."))
    text = (text or "").strip()
    files = list(files)
    errors: dict[str, list[str]] = {}
    if not text and not files:
        _add_error(errors, "text", _("Schrijf wat u wilt toevoegen, of kies een bestand."))
    if len(text) > COMPLAINANT_TEXT_MAX:
        _add_error(
            errors,
            "text",
            _("Uw tekst is %(length)s tekens. Dat mag hoogstens %(max)s zijn.")
            % {"length": f"{len(text):,}".replace(",", "."), "max": "5.000"},
        )
    types: list[str] = []
    if files:
        try:
            types = attachment_rules.validate_uploads(files, already=complaint.attachments.count())
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    stored = [
        _store_attachment(complaint=complaint, upload=upload, content_type=content_type, actor=None)
        for upload, content_type in zip(files, types, strict=True)
    ]
    summary = text
    if stored:
        names = str(
            RecordText(
                _lazy("Bijlagen: %(names)s"), names=", ".join(a.original_name for a in stored)
            )
        )
        summary = f"{text}\n\n{names}" if text else names
    log(
        complaint=complaint,
        actor=None,
        action=Action.COMPLAINANT_ADDED_INFORMATION,
        summary=summary,
    )
    return complaint


def withdraw_by_complainant(*, complaint: Complaint, reason: str = "") -> Complaint:
    """The complainant withdraws the complaint through the status page (see
    `procedure.withdraw_by_complainant`: the table's withdraw step)."""
    from .procedure import withdraw_by_complainant as withdraw

    return withdraw(complaint=complaint, reason=reason)
