"""The register's own services: registering a complaint (Awb 9:4, the reference, the
deadlines), recomputing deadlines after the calendar or the policy changed, and the
audit of opened attachments. Every later change of a complaint is an action
(`vangnet.handling`).

Each service is keyword-only, runs in one transaction, checks the actor's permission,
validates, changes the data and appends an event to the timeline.

Errors: `PermissionDenied` when the actor may not do this; `ValidationError` with a
message per field (plain Dutch) when the input is wrong. Nothing is stored then.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.core import workdays
from vangnet.core.calendar import AtwCalendar
from vangnet.core.errors import Errors
from vangnet.core.permissions import require
from vangnet.organisations.models import Body, Municipality, Partner, Theme

from . import attachments as attachment_rules
from . import conduct, deadlines
from . import parts as complaint_parts
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
    "conduct_on",
    "conduct_until",
}


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


def committee_on(complaint: Complaint) -> date | None:
    """The day the advisory committee became involved in the complaint (for
    `deadlines.decide_weeks`): the day it was asked, or the day of receipt when it was
    known from the start; None without one."""
    if not complaint.advisory_committee:
        return None
    return complaint.committee_known_on or complaint.received_on


def apply_deadlines(
    complaint: Complaint,
    *,
    policy: Municipality | None = None,
    calendar: AtwCalendar | None = None,
) -> dict[str, tuple[Any, Any]]:
    """Set the complaint's deadlines from its received date; return what changed.
    Only complaints have deadlines; other messages have none. `policy` and `calendar`
    default to the current ones (a batch passes them once)."""
    policy = policy or Municipality.current()
    calendar = calendar or workdays.working_calendar()
    if complaint.kind != Kind.COMPLAINT:
        new = dict.fromkeys(("acknowledge_by", "first_contact_by", "decline_by", "decide_by"), None)
    else:
        new = deadlines.compute(
            received_on=complaint.received_on,
            committee_on=committee_on(complaint),
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


def apply_kind(complaint: Complaint, *, today: date) -> dict[str, tuple[Any, Any]]:
    """What the kind of message means for its place in the register; return what
    changed. A report, objection or question is redirected: closed at once, outcome
    `not_a_complaint` (and, by `apply_deadlines`, no deadlines). A message that becomes a
    complaint (a correction) starts as a received complaint."""
    if complaint.kind != Kind.COMPLAINT:
        new = {
            "state": State.CLOSED,
            "closed_on": complaint.closed_on or today,
            "outcome": Outcome.NOT_A_COMPLAINT,
        }
    elif complaint.outcome == Outcome.NOT_A_COMPLAINT:
        new = {"state": State.RECEIVED, "closed_on": None, "outcome": ""}
    else:
        return {}
    changes = {}
    for field, value in new.items():
        before = getattr(complaint, field)
        if before != value:
            changes[field] = tuple(
                v.isoformat() if isinstance(v, date) else v for v in (before, value)
            )
            setattr(complaint, field, value)
    return changes


def _blank(data: dict[str, Any], key: str) -> bool:
    return not (data.get(key) or "").strip()


def _check_basics(data: dict[str, Any], errors: Errors, today: date) -> None:
    received_on = data.get("received_on")
    if received_on is None:
        errors.add("received_on", _("Vul de datum van ontvangst in."))
    elif received_on > today:
        errors.add("received_on", _("De datum van ontvangst kan niet in de toekomst liggen."))
    elif received_on < EARLIEST_RECEIVED_ON:
        errors.add("received_on", _("Deze datum van ontvangst is te ver terug."))
    conduct.check_dates(data, errors, today)
    if _blank(data, "description"):
        errors.add("description", _("Beschrijf waar het bericht over gaat."))
    theme: Theme | None = data.get("theme")
    if theme is not None and not theme.is_active:
        errors.add("theme", _("Dit thema wordt niet meer gebruikt; kies een ander."))


def _check_subject(data: dict[str, Any], errors: Errors, involved: Sequence[Partner]) -> None:
    """What the complaint is about: a partner needs the partner; a cooperation complaint
    at least two parties (partners, or partners and a department)."""
    subject = data.get("subject_type") or SubjectType.MUNICIPALITY
    if subject == SubjectType.PARTNER and data.get("partner") is None:
        errors.add("partner", _("Kies de samenwerkingspartner waarover geklaagd wordt."))
    if subject == SubjectType.COOPERATION:
        parties = {p.pk for p in involved} | (
            {data["partner"].pk} if data.get("partner") else set()
        )
        municipality_involved = 1 if data.get("department") else 0
        if len(parties) + municipality_involved < 2:
            errors.add(
                "involved_partners", _("Bij een samenwerkingsklacht horen minstens twee partijen.")
            )
    elif involved:
        errors.add(
            "involved_partners",
            _("Betrokken partijen horen alleen bij een samenwerkingsklacht."),
        )


def _check_formal_path(data: dict[str, Any], errors: Errors) -> None:
    """Awb 9:4: the formal path needs name, address and a description; otherwise the
    lighter path, with the reason recorded."""
    if not data.get("is_formal", True):
        if not data.get("light_path_reason"):
            errors.add("light_path_reason", _("Kies waarom deze klacht de lichte route volgt."))
        return
    if _blank(data, "complainant_name"):
        errors.add(
            "complainant_name",
            _("Voor een formele klacht is de naam nodig. Of kies de lichte route."),
        )
    if _blank(data, "complainant_street") or _blank(data, "complainant_city"):
        errors.add(
            "complainant_street",
            _("Voor een formele klacht is het adres nodig. Of kies de lichte route."),
        )


#: How the complainant wants to be reached -> the field that must then be filled.
_CONTACT_NEEDS = {
    ContactPreference.EMAIL: (
        "complainant_email",
        _lazy("Vul het e-mailadres in, of kies een andere voorkeur."),
    ),
    ContactPreference.PHONE: (
        "complainant_phone",
        _lazy("Vul het telefoonnummer in, of kies een andere voorkeur."),
    ),
    ContactPreference.LETTER: (
        "complainant_street",
        _lazy("Vul het adres in, of kies een andere voorkeur."),
    ),
}


def _check_contact(data: dict[str, Any], errors: Errors) -> None:
    """A contact preference needs its contact detail, once any detail was given."""
    details = ("complainant_email", "complainant_phone", "complainant_street")
    if all(_blank(data, key) for key in details):
        return
    field_name, message = _CONTACT_NEEDS[data.get("preferred_contact") or ContactPreference.EMAIL]
    if _blank(data, field_name):
        errors.add(field_name, message)


def validate_registration(data: dict[str, Any], involved: Sequence[Partner], today: date) -> Errors:
    """Every rule of registration on `data` (model field values), all at once."""
    errors = Errors()
    _check_basics(data, errors, today)
    if (data.get("kind") or Kind.COMPLAINT) != Kind.COMPLAINT:
        if _blank(data, "redirected_to"):
            errors.add(
                "redirected_to",
                _("Vul in waar deze melding, dit bezwaar of deze vraag naartoe is gestuurd."),
            )
        return errors
    if data.get("theme") is None:
        errors.add("theme", _("Kies een thema."))
    _check_subject(data, errors, involved)
    _check_formal_path(data, errors)
    _check_contact(data, errors)
    return errors


def registration_values(data: dict[str, Any], errors: Errors) -> dict[str, Any]:
    """The complaint's field values from the registration's `data`: the default body,
    no light-path reason on the formal path, texts without surrounding spaces."""
    values = {k: v for k, v in data.items() if v is not None}
    values.setdefault("kind", Kind.COMPLAINT)
    if values.get("body") is None:
        default_body = Body.objects.filter(is_default=True).first()
        if default_body is None:
            errors.add("body", _("Kies het bestuursorgaan."))
        values["body"] = default_body
    if values.get("is_formal", True):
        values["light_path_reason"] = ""
    for text_field in ("description", "desired_outcome", "complainant_name"):
        if isinstance(values.get(text_field), str):
            values[text_field] = values[text_field].strip()
    return values


def check_model(complaint: Complaint, errors: Errors) -> None:
    """The model's own checks (lengths, e-mail addresses) on a registered or corrected
    complaint, added to `errors` where the rules did not already say something."""
    try:
        complaint.full_clean(exclude=["reference", "search_text"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field in errors:
                continue  # our own, plainer message for this field is already there
            for message in messages:
                errors.add(field, message)


def _registered(complaint: Complaint) -> RecordText:
    """The timeline's first line."""
    if complaint.kind == Kind.COMPLAINT:
        return RecordText(
            _lazy("Klacht geregistreerd via %(channel)s."), channel=Channel(complaint.channel).label
        )
    return RecordText(
        _lazy("%(kind)s geregistreerd en doorverwezen naar %(to)s."),
        kind=Kind(complaint.kind).label,
        to=complaint.redirected_to,
    )


@transaction.atomic
def register_complaint(
    *,
    actor,
    data: dict[str, Any],
    involved_partners: Iterable[Partner] = (),
    files: Sequence[UploadedFile] = (),
    parts: Sequence[dict[str, Any]] | None = None,
) -> Complaint:
    """Register a complaint, or a report/objection/question that is redirected.

    `data` holds model field values (instances for relations), as a form's or
    serializer's cleaned data. `actor` is the staff member registering; None is the
    resident through the public site (channel web). `parts`: the complaint's parts
    (`complaint_parts.check_parts`: description, department, partner); none given, the
    complaint is one part, its description."""
    if actor is not None:
        require(actor, "complaints.add_complaint")
    unknown = set(data) - REGISTRATION_FIELDS
    if unknown:
        raise ValueError(f"Unknown registration fields: {sorted(unknown)}")

    today = deadlines.today()
    involved = list(involved_partners)
    errors = validate_registration(data, involved, today)
    try:
        file_types = attachment_rules.validate_uploads(list(files))
    except ValidationError as error:
        errors.extend(error, field_name="attachments")
        file_types = []
    checked_parts = complaint_parts.check_parts(parts, errors)

    values = registration_values(data, errors)
    complaint = Complaint(**values, reference="pending", created_by=actor)
    apply_kind(complaint, today=today)
    check_model(complaint, errors)
    errors.raise_if_any()

    policy = Municipality.current()
    apply_deadlines(complaint, policy=policy, calendar=workdays.working_calendar())
    complaint.reference = _next_reference(today.year)
    complaint.search_text = complaint.build_search_text()
    complaint.save()
    if involved:
        complaint.involved_partners.set(involved)
    if complaint.kind == Kind.COMPLAINT:
        complaint_parts.write_parts(complaint, checked_parts)
    for upload, content_type in zip(files, file_types, strict=True):
        attachment_rules.store(
            complaint=complaint, upload=upload, content_type=content_type, actor=actor
        )

    log(
        complaint=complaint,
        actor=actor,
        action=Action.REGISTERED,
        summary=_registered(complaint),
        changes={"state": (None, complaint.state)},
    )
    return complaint


@transaction.atomic
def record_attachment_download(*, actor, attachment: Attachment) -> None:
    """Attachments can hold special-category personal data (health, in Wmo and youth
    complaints): every opening is on the record."""
    require(actor, "complaints.view_complaint", attachment.complaint)
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
