"""Recommendations of the ombudsman and the municipality's response (issue 6, part 5;
Awb 9:36).

A recommendation has the term the ombudsman set for the municipality's response (Awb
9:36 lid 4: "binnen een door de ombudsman te bepalen termijn"); the response is
recorded as followed, partly followed or not followed, with its date and text. A
response after the term, or none when the term has passed, is late.

The law sets no default term. When the ombudsman names none, the pages suggest
`DEFAULT_RESPONSE_WEEKS` (6) weeks after the recommendation, the term of Awb 9:11 for
handling a complaint; the user can change it, and the service only requires a term that
does not end before the recommendation was made.

Every error comes at once, per field, in plain Dutch, and nothing is stored then. Every
change is an event on the linked complaint's timeline (`complaints.events.log`).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.core.dates import lazy_long_date as _day
from vangnet.core.errors import Errors

from ..models import OmbudsmanCase, Recommendation
from .shared import check_permission, describe, not_in_future, plain

DEFAULT_RESPONSE_WEEKS = 6

#: Timeline action (a value of `complaints.events.Action`).
ACTION_RECOMMENDATION = Action.OMBUDSMAN_RECOMMENDATION

#: States of a recommendation's response, on a given day.
AWAITING = "awaiting"
OVERDUE = "overdue"
ANSWERED = "answered"
ANSWERED_LATE = "answered_late"


def default_respond_by(made_on: date) -> date:
    """The suggested term when the ombudsman names none (see the module's docstring)."""
    return made_on + timedelta(weeks=DEFAULT_RESPONSE_WEEKS)


def response_state(recommendation: Recommendation, today: date) -> str:
    if recommendation.responded_on is None:
        return OVERDUE if recommendation.respond_by < today else AWAITING
    return ANSWERED_LATE if recommendation.responded_on > recommendation.respond_by else ANSWERED


def check_recommendation(
    case: OmbudsmanCase, *, text: str, made_on: date | None, respond_by: date | None, today: date
) -> str:
    """The rules for a recommendation (every error at once); returns the cleaned text."""
    errors = Errors()
    text = (text or "").strip()
    if not text:
        errors.add("text", _("Vul de aanbeveling in."))
    if made_on is None:
        errors.add("made_on", _("Vul de datum van de aanbeveling in."))
    else:
        not_in_future(errors, "made_on", made_on, today)
        if made_on < case.received_on:
            errors.add(
                "made_on",
                _("Een aanbeveling kan niet van vóór de zaak zijn (%(day)s).")
                % {"day": _day(case.received_on)},
            )
    if respond_by is None:
        errors.add("respond_by", _("Vul in tot wanneer de gemeente kan reageren."))
    elif made_on is not None and respond_by < made_on:
        errors.add("respond_by", _("De termijn kan niet eindigen vóór de aanbeveling is gedaan."))
    errors.raise_if_any()
    return text


@transaction.atomic
def add_recommendation(
    case: OmbudsmanCase,
    *,
    actor,
    text: str,
    made_on: date | None,
    respond_by: date | None,
    today: date | None = None,
) -> Recommendation:
    """A recommendation of the ombudsman and the term it set for the response."""
    check_permission(actor)
    today = today or deadlines.today()
    text = check_recommendation(
        case, text=text, made_on=made_on, respond_by=respond_by, today=today
    )
    recommendation = Recommendation.objects.create(
        case=case, text=text, made_on=made_on, respond_by=respond_by
    )
    if case.complaint_id:
        log(
            complaint=case.complaint,
            actor=actor,
            action=ACTION_RECOMMENDATION,
            summary=RecordText(
                _lazy("Aanbeveling van %(case)s van %(day)s; reageren uiterlijk %(by)s: %(text)s"),
                case=describe(case),
                day=_day(made_on),
                by=_day(respond_by),
                text=text,
            ),
        )
    return recommendation


def check_response(
    recommendation: Recommendation, *, response: str, responded_on: date | None, today: date
) -> None:
    """The rules for the municipality's response (every error at once)."""
    errors = Errors()
    if response not in Recommendation.Response.values:
        errors.add("response", _("Kies wat de gemeente met de aanbeveling doet."))
    if responded_on is None:
        errors.add("responded_on", _("Vul de datum van de reactie aan de ombudsman in."))
    else:
        not_in_future(errors, "responded_on", responded_on, today)
        if responded_on < recommendation.made_on:
            errors.add(
                "responded_on",
                _("De reactie kan niet van vóór de aanbeveling zijn (%(day)s).")
                % {"day": _day(recommendation.made_on)},
            )
    errors.raise_if_any()


@transaction.atomic
def respond(
    recommendation: Recommendation,
    *,
    actor,
    response: str,
    responded_on: date | None,
    response_text: str = "",
    today: date | None = None,
) -> Recommendation:
    """Record (or correct) what the municipality told the ombudsman it does with a
    recommendation, and when. A response after the term is stored and shown as late."""
    check_permission(actor)
    today = today or deadlines.today()
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    check_response(recommendation, response=response, responded_on=responded_on, today=today)
    before = (recommendation.response, plain(recommendation.responded_on))
    recommendation.response = response
    recommendation.responded_on = responded_on
    recommendation.response_text = (response_text or "").strip()
    recommendation.save()
    case = recommendation.case
    if case.complaint_id:
        late = responded_on > recommendation.respond_by
        message = (
            _lazy("Reactie op aanbeveling van %(case)s: %(response)s, op %(day)s (te laat).")
            if late
            else _lazy("Reactie op aanbeveling van %(case)s: %(response)s, op %(day)s.")
        )
        log(
            complaint=case.complaint,
            actor=actor,
            action=ACTION_RECOMMENDATION,
            summary=RecordText(
                message,
                case=describe(case),
                response=Recommendation.Response(response).label,
                day=_day(responded_on),
            ),
            changes={
                "response": (before[0], response),
                "responded_on": (before[1], plain(responded_on)),
            },
        )
    return recommendation
