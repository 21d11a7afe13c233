"""Correct what registration recorded: the complainant and representative, the message,
what it is about, the route (Awb 9:4), the kind, the date of receipt, the date of the
conduct. The same rules as registration (`services.validate_registration`), on the
complaint as it would be after the correction; a later date of receipt needs a reason
and moves the deadlines; a change of kind does what registration does for that kind
(`services.apply_kind`: a report, objection or question is closed at once and has no
deadlines; a message that becomes a complaint starts as received, with its deadlines).

A closed complaint is reopened first; a message that is no complaint (closed at
registration) can be corrected, into a complaint too. Every change is one line on the
timeline with before → after; no change, no line."""

from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, services
from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import Advice, Complaint
from vangnet.complaints.people import is_person_complained_about
from vangnet.complaints.workflow import OPEN_STATES

from ..base import SIDE, ComplaintAction, Context, Done, register
from ..registration_form import RegistrationFields

#: What a correction may change: everything registration set, and the involved parties.
FIELDS = tuple(sorted(services.REGISTRATION_FIELDS))
INVOLVED = "involved_partners"
#: Changes that move the deadlines.
DEADLINE_FIELDS = {"received_on", "kind", "advisory_committee"}
REASON_MAX = 1_000


def _with_reason(fieldsets: list) -> list:
    """The registration's sections with the reason after the date of receipt."""
    return [
        (
            legend,
            description,
            [
                shown
                for name in names
                for shown in ([name, "reason"] if name == "received_on" else [name])
            ],
        )
        for legend, description, names in fieldsets
    ]


class CorrectInput(RegistrationFields):
    """The registration's fields, filled in with what is registered, and the reason."""

    FIELDSETS = _with_reason(RegistrationFields.FIELDSETS)

    reason = forms.CharField(
        label=gettext_lazy("Reden van de correctie"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Verplicht als de datum van ontvangst verandert: de termijnen schuiven dan mee. "
            "De reden komt op de tijdlijn."
        ),
    )


def _key(value: Any) -> Any:
    """What is compared: a row by its key."""
    return value.pk if isinstance(value, models.Model) else value


def _shown(value: Any) -> Any:
    """A value as the timeline records it (a date as ISO text, like the deadlines)."""
    return value.isoformat() if isinstance(value, date) else value


def _parties(partners) -> str | None:
    return ", ".join(sorted(str(partner) for partner in partners)) or None


def _committee_known(complaint: Complaint, today: date) -> dict:
    """An advisory committee named by a correction is known from today, not from the
    day of receipt: the ten weeks of Awb 9:11 apply only when that is within the six
    (`deadlines.decide_weeks`). Taken away, it was never known."""
    before = complaint.committee_known_on
    after = today if complaint.advisory_committee else None
    if complaint.advisory_committee and before is not None:
        return {}
    complaint.committee_known_on = after
    return {"committee_known_on": (_shown(before), _shown(after))} if before != after else {}


@register
class Correct(ComplaintAction):
    name = "correct"
    label = gettext_lazy("Registratie corrigeren")
    button = gettext_lazy("Correctie opslaan")
    event = Action.CORRECTED
    permission = "complaints.correct_complaint"
    forbids_person_complained_about = True
    input = None  # the API's body is the registration's (`api.complaints.registration`)
    placement = SIDE
    page_path = "wijzigen"
    template = "backoffice/actions/correct.html"
    help = gettext_lazy(
        "Wijzig wat bij de registratie is vastgelegd. Elke wijziging komt op de tijdlijn."
    )
    closed_message = gettext_lazy(
        "Deze klacht is afgesloten. Heropen haar eerst om de registratie te corrigeren."
    )
    api_flag = "correct"
    api_summary = "Correct the registration"

    def state_refusal(self, complaint: Complaint) -> str | None:
        # A report, objection or question is closed from its registration on; correcting
        # it (into a complaint, say) is what a wrong registration needs.
        if complaint.is_complaint and complaint.state not in OPEN_STATES:
            return str(self.closed_message)
        return None

    def make_form(self, complaint=None, data=None, files=None, **kwargs):
        return CorrectInput(data, files, **kwargs)

    def initial(self, complaint, records) -> dict:
        values = {name: _key(getattr(complaint, name)) for name in FIELDS}
        values[INVOLVED] = [partner.pk for partner in complaint.involved_partners.all()]
        return values

    def arguments(self, cleaned: dict) -> dict:
        data = dict(cleaned)
        if INVOLVED in data:
            data[INVOLVED] = list(data[INVOLVED] or [])
        return data

    # --- the handler ------------------------------------------------------------------

    def apply(self, ctx: Context) -> Done:
        complaint, data, errors = ctx.complaint, ctx.data, ctx.errors
        today = deadlines.today()
        involved_before = list(complaint.involved_partners.all())
        involved = list(data[INVOLVED]) if data.get(INVOLVED) is not None else involved_before
        before = {name: getattr(complaint, name) for name in FIELDS}
        merged = {**before, **{k: v for k, v in data.items() if k in services.REGISTRATION_FIELDS}}
        for field, messages in services.validate_registration(merged, involved, today).items():
            for message in messages:
                errors.add(field, message)
        theme = before["theme"]
        if theme is not None and not theme.is_active and _key(merged["theme"]) == theme.pk:
            # A theme no longer used may stay on a complaint registered with it.
            errors.pop("theme", None)
        values = services.registration_values(merged, errors)
        after = {name: values.get(name) for name in FIELDS}
        self._check(ctx, before, after)
        changes = {
            name: (before[name], after[name])
            for name in FIELDS
            if _key(before[name]) != _key(after[name])
        }
        if {p.pk for p in involved} != {p.pk for p in involved_before}:
            changes[INVOLVED] = (_parties(involved_before), _parties(involved))
        for name in changes:
            if name != INVOLVED:
                setattr(complaint, name, after[name])
        services.check_model(complaint, errors)
        errors.raise_if_any()
        if not changes:
            return Done(log=False, record={})
        recorded = {name: tuple(map(_shown, pair)) for name, pair in changes.items()}
        recorded.update(services.apply_kind(complaint, today=today))
        if "advisory_committee" in changes:
            recorded.update(_committee_known(complaint, today))
        if DEADLINE_FIELDS & set(changes):
            recorded.update(services.apply_deadlines(complaint))
        complaint.search_text = complaint.build_search_text()
        complaint.save()
        if INVOLVED in changes:
            complaint.involved_partners.set(involved)
        reason = (data.get("reason") or "").strip()
        summary = (
            RecordText(_lazy("Reden: %(reason)s"), reason=reason)
            if reason
            else RecordText(_lazy("Gegevens van de registratie gewijzigd."))
        )
        return Done(summary, recorded, record=recorded)

    def _check(self, ctx: Context, before: dict, after: dict) -> None:
        """What a correction adds to registration's rules: the reason for another date of
        receipt, Awb 9:7 for the handler, the advice already asked, the reason's length."""
        complaint, errors = ctx.complaint, ctx.errors
        reason = (ctx.data.get("reason") or "").strip()
        if after["received_on"] != before["received_on"] and not reason:
            errors.add(
                "reason",
                _(
                    "Geef de reden waarom de datum van ontvangst verandert; de termijnen "
                    "schuiven mee."
                ),
            )
        if len(reason) > REASON_MAX:
            errors.add("reason", _("Hoogstens %(max)s tekens.") % {"max": f"{REASON_MAX:,}"})
        handler = complaint.handler
        if handler is not None:
            future = Complaint(
                person_complained_about=after["person_complained_about"] or "",
                person_complained_about_user=after["person_complained_about_user"],
            )
            if is_person_complained_about(future, handler):
                field = (
                    "person_complained_about_user"
                    if _key(after["person_complained_about_user"]) == handler.pk
                    else "person_complained_about"
                )
                errors.add(
                    field,
                    _(
                        "%(name)s behandelt deze klacht en mag niet degene zijn over wie "
                        "geklaagd wordt (Awb 9:7). Wijs eerst een andere behandelaar toe."
                    )
                    % {"name": handler},
                )
        if (
            before["advisory_committee"]
            and not after["advisory_committee"]
            and Advice.objects.filter(complaint=complaint).exists()
        ):
            errors.add(
                "advisory_committee",
                _("Er is al advies gevraagd aan de klachtadviescommissie (Awb 9:14)."),
            )

    def message(self, result) -> str:
        if not result.record:
            return _("Er is niets gewijzigd.")
        return _("De registratie van %(ref)s is gecorrigeerd.") % {
            "ref": result.complaint.reference
        }
