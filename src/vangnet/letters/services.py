"""Letters to the complainant, one service for every kind.

`send_letter` renders one letter in the register's language (settings.LANGUAGE_CODE)
from three parts: the shared frame (`letters/base.html`: letterhead, address when by
post, date, reference, greeting, contact line, sign-off), the fixed blocks of the kind
(`letters/<kind>.html`: what the Awb requires) and the administrator's texts of the
kind (`LetterTemplate`: subject, opening, closing; defaults in `templating.py`). The one
HTML becomes the e-mail's HTML body, its plain-text alternative and an accessible PDF
(PDF/UA-1). The letter is kept on the complaint file, e-mailed through the outbox (PDF
attached) or left to be printed and posted, optionally copied to the person complained
about, and written on the timeline, all in the caller's transaction. The PDF itself is
made after that transaction commits, by a background task (`pdfs.py`): a step does not
hold the complaint's lock while WeasyPrint works, and the e-mail waits for the PDF.

`build_letter` does the rendering alone (no writes): the admin's preview and the
benchmark use it; `render_letter` (the handler's preview) renders the PDF at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, norms
from vangnet.complaints.copies import leave_copy_task
from vangnet.complaints.events import Action, log
from vangnet.complaints.models import Complaint, Kind, LightPathReason
from vangnet.complaints.people import (
    CopyRecipient,
    complainant_email,
    complained_about_words,
    copy_recipients,
)
from vangnet.complaints.workflow import Outcome, outcome_of
from vangnet.organisations.models import Municipality

from . import outbox, pdfs, rendering, templating
from .models import POST, Letter, LetterTemplate
from .record import sent_record
from .rendering import logo_src

#: What the procedure must pass per kind (besides the complaint).
REQUIRED_CONTEXT: dict[str, tuple[str, ...]] = {
    Letter.Kind.ACKNOWLEDGEMENT: ("status_url",),
    Letter.Kind.INFORMAL_CONFIRMATION: ("contact", "agreement"),
    Letter.Kind.EXTENSION: ("postponement",),
    Letter.Kind.HEARING_INVITATION: ("hearing",),
    Letter.Kind.HEARING_RECORD: ("hearing",),
    Letter.Kind.DECLINE: ("ground",),
    Letter.Kind.FORWARD_NOTICE: ("to_name", "is_partner"),
    Letter.Kind.CONCLUSION: ("decision",),
}
#: What may be left out, and its value then.
OPTIONAL_CONTEXT: dict[str, dict] = {
    Letter.Kind.HEARING_INVITATION: {"respond_by": None},
    Letter.Kind.DECLINE: {"explanation": ""},
    Letter.Kind.FORWARD_NOTICE: {"to_contact": "", "explanation": ""},
    Letter.Kind.CONCLUSION: {"advice": None},
}
#: Kinds that must never be copied to the person complained about: the acknowledgement
#: carries the complainant's secret status link.
NEVER_COPIED = {Letter.Kind.ACKNOWLEDGEMENT}

LONG_DATE = "l j F Y"
LONG_MOMENT = r"l j F Y \o\m H:i \u\u\r"


def _address_lines(complaint: Complaint) -> list[str]:
    city = " ".join(
        part for part in (complaint.complainant_postcode, complaint.complainant_city) if part
    )
    lines = [complaint.complainant_name, complaint.complainant_street, city]
    return [line.strip() for line in lines if line and line.strip()]


def letter_texts(kind: str) -> templating.Texts:
    """The administrator's texts of a kind, or the defaults when there is no row."""
    row = LetterTemplate.objects.filter(kind=kind).first()
    if row is None:
        return templating.default_texts(kind)
    return templating.Texts(subject=row.subject, opening=row.opening, closing=row.closing)


def _body(complaint: Complaint):
    try:
        return complaint.body
    except ObjectDoesNotExist:
        return None


def current_ombudsman(complaint: Complaint, day: date):
    """The body's second-line ombudsman in effect on `day` (the letter's date), or None."""
    body = _body(complaint)
    if body is None or body.pk is None:
        return None
    arrangement = body.arrangement_on(day)
    return arrangement.ombudsman if arrangement else None


@dataclass(frozen=True)
class JudgedPart:
    """One part of the complaint as the conclusion letter shows it."""

    position: int
    summary: str
    judgment_code: str  # workflow.Judgment
    judgment: str  # its label, e.g. "Gegrond"
    norms: list[str]  # labels of the Behoorlijkheidswijzer
    reasoning: str


@dataclass
class RenderedLetter:
    kind: str
    subject: str
    html: str
    file_name: str
    #: The advice file embedded in the PDF of a conclusion letter (an `Attachment`).
    advice_file: object | None = None
    context: dict = field(default_factory=dict, repr=False)

    @property
    def embedded(self) -> list[tuple[str, bytes, str]]:
        """Files embedded in the PDF: (name, content, description)."""
        return pdfs.embedded_files(self.advice_file)

    def pdf(self) -> bytes:
        return rendering.render_pdf(self.html, self.embedded)

    def text(self) -> str:
        return rendering.html_to_text(self.html)


def build_letter(
    *,
    kind: str,
    complaint: Complaint,
    context: dict | None = None,
    texts: templating.Texts | None = None,
    by_post: bool | None = None,
    copy_to: str = "",
    today: date | None = None,
) -> RenderedLetter:
    """Render a letter without storing or sending anything.

    `context` is what the procedure passes for the kind (see `REQUIRED_CONTEXT`); its
    keys win over the computed ones, so a preview can pass, say, an `ombudsman` or the
    `parts` of an unsaved decision. `texts` replaces the administrator's texts (the
    preview of an unsaved edit). `by_post` None: by post when there is no e-mail
    address. `copy_to`: the name of the person complained about when rendering their
    copy (a note on top). Raises ValueError for an unknown kind or missing context."""
    if kind not in Letter.Kind.values:
        raise ValueError(f"Unknown letter kind {kind!r}")
    context = dict(context or {})
    missing = [key for key in REQUIRED_CONTEXT[kind] if key not in context]
    if missing:
        raise ValueError(f"The {kind} letter needs {', '.join(missing)} in its context")
    for key, value in OPTIONAL_CONTEXT.get(kind, {}).items():
        context.setdefault(key, value)
    today = today or deadlines.today()
    with translation.override(settings.LANGUAGE_CODE):
        full = _full_context(kind, complaint, context, today, by_post)
        full["copy_to"] = copy_to
        texts = texts or letter_texts(kind)
        variables = text_variables(kind, full)
        full["subject"] = templating.render_subject(texts.subject, variables)
        full["opening"] = templating.render_text(texts.opening, variables)
        full["closing"] = templating.render_text(texts.closing, variables)
        advice_file = _advice_file(kind, full)
        full["embedded_names"] = [advice_file.original_name] if advice_file else []
        html = rendering.render_html(f"letters/{kind}.html", full)
        file_name = f"{slugify(str(Letter.Kind(kind).label))}-{complaint.reference}.pdf"
    return RenderedLetter(
        kind=kind,
        subject=full["subject"],
        html=html,
        file_name=file_name,
        advice_file=advice_file,
        context=full,
    )


def render_letter(
    *, kind: str, complaint: Complaint, context: dict | None = None
) -> tuple[str, str, bytes]:
    """A letter as `send_letter` would send it now, but nothing stored or sent (the
    handler's preview of a conclusion letter): (subject, HTML, PDF)."""
    letter = build_letter(kind=kind, complaint=complaint, context=context)
    return letter.subject, letter.html, letter.pdf()


def _full_context(kind, complaint, context, today, by_post) -> dict:
    to = complainant_email(complaint)
    by_representative = bool(to) and not complaint.complainant_email
    if by_post is None:
        by_post = not to
    municipality = context.get("municipality") or Municipality.current()
    full = {
        "kind": kind,
        "complaint": complaint,
        "municipality": municipality,
        "logo_src": logo_src(municipality),
        "signatory": None,
        "today": today,
        "recipient_name": (
            complaint.representative_name if by_representative else complaint.complainant_name
        ),
        "on_behalf_of": complaint.complainant_name if by_representative else "",
        "address_lines": _address_lines(complaint) if by_post else [],
        "contact_by": complaint.preferred_contact,
        "light_path_reason": (
            LightPathReason(complaint.light_path_reason).label
            if complaint.light_path_reason and complaint.light_path_reason != LightPathReason.OTHER
            else ""
        ),
        "copy_to_person": False,
        # "de medewerker ..." only when a person is complained about, else the
        # organisation's name (`people.complained_about_words`).
        "complained_about": complained_about_words(complaint),
    }
    if "ombudsman" not in context:
        full["ombudsman"] = current_ombudsman(complaint, today)
    if kind == Letter.Kind.CONCLUSION:
        decision = context["decision"]
        if "parts" not in context:
            context["parts"] = list(decision.parts.all()) if decision.pk else []
        context["parts"] = [_judged(part) for part in context["parts"]]
        full["outcome"] = Outcome(outcome_of([p.judgment_code for p in context["parts"]])).label
    if kind == Letter.Kind.ACKNOWLEDGEMENT:
        full.update(acknowledgement_promises(complaint, today))
    if kind == Letter.Kind.HEARING_INVITATION:
        planned_at = context["hearing"].planned_at
        full["planned_at"] = timezone.localtime(planned_at) if planned_at else None
    full.update(context)
    return full


def _promised(day: date | None, today: date) -> date | None:
    """A date a letter may promise: only one after the letter's own date (a late letter
    says "zo snel mogelijk" instead of a day that has passed or is today)."""
    return day if day is not None and day > today else None


def acknowledgement_promises(complaint: Complaint, today: date) -> dict:
    """What the acknowledgement promises (Awb 9:6) and whom it names (9:13): the first
    contact's and the answer's dates when still ahead, the advisory committee's name."""
    advice = getattr(complaint, "advice", None) if complaint.pk else None
    body = _body(complaint)
    committee = (advice.committee if advice is not None else "") or (
        body.advisory_committee if body is not None else ""
    )
    return {
        "contact_promised": _promised(complaint.first_contact_by, today),
        "answer_promised": _promised(complaint.postponed_to or complaint.decide_by, today),
        "committee_name": committee if complaint.advisory_committee else "",
    }


def _judged(part) -> JudgedPart:
    if isinstance(part, JudgedPart):
        return part
    return JudgedPart(
        position=part.position,
        summary=part.summary,
        judgment_code=part.judgment,
        judgment=str(part.get_judgment_display()),
        norms=norms.labels(part.norms or []),
        reasoning=part.reasoning,
    )


def _long(day) -> str:
    return date_format(day, LONG_DATE) if day else ""


def text_variables(kind: str, full: dict) -> dict[str, str]:
    """The flat variables of the editable texts (`templating.variables_of(kind)`)."""
    complaint = full["complaint"]
    handler = complaint.handler
    body = _body(complaint)
    variables = {
        "naam": full["recipient_name"],
        "kenmerk": complaint.reference,
        "datum_ontvangst": _long(complaint.received_on),
        "datum_brief": _long(full["today"]),
        "gemeente": full["municipality"].name,
        "bestuursorgaan": body.name if body is not None else "",
        "behandelaar": (handler.get_full_name() or handler.get_username()) if handler else "",
    }
    if kind == Letter.Kind.ACKNOWLEDGEMENT:
        # Empty when the date is not ahead of the letter: never promise a passed day.
        variables["uiterlijk_contact"] = _long(full.get("contact_promised"))
        variables["uiterlijk_antwoord"] = _long(full.get("answer_promised"))
    elif kind == Letter.Kind.INFORMAL_CONFIRMATION:
        contact = full["contact"]
        variables["datum_contact"] = _long(contact.contacted_on if contact else None)
        variables["afspraak"] = full["agreement"]
    elif kind == Letter.Kind.EXTENSION:
        postponement = full["postponement"]
        variables["oude_termijn"] = _long(postponement.previous_due)
        variables["nieuwe_termijn"] = _long(postponement.new_due)
        variables["reden"] = postponement.reason
    elif kind == Letter.Kind.HEARING_INVITATION:
        planned_at = full["planned_at"]
        variables["beklaagde"] = full["complained_about"]
        variables["moment_horen"] = date_format(planned_at, LONG_MOMENT) if planned_at else ""
        variables["plaats_horen"] = full["hearing"].location
        variables["reageren_voor"] = _long(full["respond_by"])
    elif kind == Letter.Kind.HEARING_RECORD:
        variables["datum_horen"] = _long(full["hearing"].held_on)
        variables["aanwezigen"] = full["hearing"].participants
    elif kind == Letter.Kind.DECLINE:
        variables["grond"] = str(full["ground"])
        variables["toelichting"] = full["explanation"]
    elif kind == Letter.Kind.FORWARD_NOTICE:
        variables["doorgestuurd_naar"] = full["to_name"]
        variables["contact_doorgestuurd"] = full["to_contact"]
        variables["toelichting"] = full["explanation"]
    elif kind == Letter.Kind.CONCLUSION:
        variables["datum_besluit"] = _long(full["decision"].decided_on)
        variables["oordeel"] = str(full["outcome"])
        variables["ombudsman"] = full["ombudsman"].name if full["ombudsman"] else ""
    return {key: str(value or "") for key, value in variables.items()}


def _advice_file(kind: str, full: dict):
    """The advisory committee's advice as a file goes with the conclusion letter
    (Awb 9:15 lid 3): embedded in its PDF (`pdfs.embedded_files`). The attachment, or
    None."""
    advice = full.get("advice") if kind == Letter.Kind.CONCLUSION else None
    attachment = getattr(advice, "attachment", None) if advice is not None else None
    if attachment is None or not attachment.file:
        return None
    return attachment


@transaction.atomic
def send_letter(
    *,
    kind: str,
    complaint: Complaint,
    actor=None,
    context: dict | None = None,
    copy_to_person_complained_about: bool = False,
    prepared: Letter | None = None,
) -> Letter:
    """Send one letter about a complaint to the complainant (or their representative).

    Renders it (see `build_letter` for `context`), stores it on the complaint, e-mails
    it with the PDF attached to `people.complainant_email(complaint)` through the outbox, or
    marks it for the post (`sent_to="post"`) when there is no address. The PDF is made
    after the commit (`pdfs.request_pdf`): until then the letter has none and its
    e-mail waits in the outbox.
    With `copy_to_person_complained_about`, a copy (same PDF, subject "Kopie: …") is
    e-mailed to each party complained about (`people.copy_recipients`) whose address is
    known, recorded in `sent_copy_to`; for one without, an open task is left
    (`complaints.copies.leave_copy_task`, "kopie nog niet verstuurd"). Logs
    LETTER_SENT. `actor`: who had it sent (None: the system or the resident). Runs in
    the caller's transaction (a savepoint): the e-mail leaves only after that commits.
    Raises ValueError for a message that is not a complaint, an unknown kind, missing
    context, or a copy of the acknowledgement. `prepared`: the approved draft
    (`handling.signoff`) that becomes this letter; `context["signatory"]` (name,
    function): who signed it."""
    if complaint.kind != Kind.COMPLAINT:
        raise ValueError("Letters go only to complaints, not to a " + complaint.kind)
    if copy_to_person_complained_about and kind in NEVER_COPIED:
        raise ValueError(f"The {kind} letter is never copied to the person complained about")
    to = complainant_email(complaint)
    recipients = copy_recipients(complaint) if copy_to_person_complained_about else []
    addresses = [recipient.email for recipient in recipients if recipient.email]
    context = dict(context or {})
    rendered = build_letter(
        kind=kind, complaint=complaint, context=context | {"copy_to_person": bool(recipients)}
    )
    letter = prepared or Letter(complaint=complaint, kind=kind)
    letter.status = Letter.Status.SENT
    letter.subject = rendered.subject
    letter.html = rendered.html
    letter.advice_file = rendered.advice_file
    letter.sent_to = to or POST
    letter.sent_copy_to = ", ".join(addresses)[:254]
    signatory = context.get("signatory")
    if signatory:
        letter.signatory_name = signatory["name"]
        letter.signatory_function = signatory["function"]
    letter.save()
    pdfs.request_pdf(letter)

    if to:
        outbox.queue(
            to=to,
            subject=rendered.subject,
            text=rendered.text(),
            html=rendered.html,
            complaint=complaint,
            letter=letter,
            attachment=(rendered.file_name, letter.pdf),
        )
    _send_copies(letter, rendered, context, recipients, by_post=not to, actor=actor)
    log(
        complaint=complaint,
        actor=actor,
        action=Action.LETTER_SENT,
        summary=sent_record(kind, to, recipients),
        changes={"letters": (None, letter.subject)},
    )
    return letter


def _send_copies(letter, rendered, context, recipients, *, by_post: bool, actor) -> None:
    """A copy to each party complained about with a known address; for one without, an
    open task ("kopie nog niet verstuurd")."""
    for recipient in recipients:
        if recipient.email:
            _queue_copy(letter, rendered, context, recipient=recipient, by_post=by_post)
        else:
            leave_copy_task(
                complaint=letter.complaint,
                document=_copy_subject(rendered.subject),
                recipient=recipient.name,
                letter_id=letter.pk,
                actor=actor,
            )


def _copy_subject(subject: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return (str(_lazy("Kopie: %(subject)s")) % {"subject": subject})[:255]


def _queue_copy(
    letter: Letter, rendered: RenderedLetter, context: dict, *, recipient: CopyRecipient, by_post
) -> None:
    """E-mail the copy for one party complained about: the letter's own PDF, with a
    note on top of the e-mail's text ("Kopie: …")."""
    complaint = letter.complaint
    copy = build_letter(
        kind=letter.kind,
        complaint=complaint,
        context=context | {"copy_to_person": True},
        by_post=by_post,
        copy_to=recipient.name,
    )
    outbox.queue(
        to=recipient.email,
        subject=_copy_subject(rendered.subject),
        text=copy.text(),
        html=copy.html,
        complaint=complaint,
        letter=letter,
        attachment=(rendered.file_name, letter.pdf),
    )


def send_acknowledgement(*, complaint: Complaint, status_url: str, actor=None) -> Letter:
    """Acknowledge receipt of a complaint in writing (Awb 9:6): `send_letter` with the
    acknowledgement. `status_url` is the absolute link where the complainant follows the
    complaint; `actor` the staff member who had it sent (None: the resident's own
    registration)."""
    return send_letter(
        kind=Letter.Kind.ACKNOWLEDGEMENT,
        complaint=complaint,
        actor=actor,
        context={"status_url": status_url},
    )
