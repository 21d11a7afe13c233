"""One planned step carried out as a user of the application would: every action on a
complaint (the procedure's steps, assignment, note, forward, partner reply, extension,
delay, contributions, joint discussion) through `vangnet.handling`, the survey's answer
through its service. `execution` calls
`perform` under `deadlines.as_of(the step's day)`. A letter that waits for sign-off is
signed by the coordinator at once; a few stay waiting (`leave_waiting_for_signoff`)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import statuslinks
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, Forward
from vangnet.complaints.people import is_person_complained_about
from vangnet.complaints.workflow import State
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.core.dates import lazy_long_date
from vangnet.handling import guard as handling
from vangnet.letters.models import Letter
from vangnet.surveys import services as surveys
from vangnet.surveys.models import SurveyInvitation, SurveyResponse

from .organisation import Org
from .plans import (
    ASSIGN,
    FORWARD,
    NOTE,
    PARTNER_REPLY,
    SURVEY_ANSWER,
    SURVEY_SEEN,
    Step,
)


def _status_url(complaint: Complaint, moment: datetime) -> str:
    """A real status link for the acknowledgement, recorded with the validity it has
    from the step's moment (the service would write today's)."""
    until = (moment + statuslinks.lifetime()).date()
    token = statuslinks.issue_status_link(
        complaint,
        summary=RecordText(
            _lazy("Statuslink gemaakt, geldig tot %(until)s."), until=lazy_long_date(until)
        ),
    )
    return statuslinks.status_url(token)


def _data(step: Step, complaint: Complaint, org: Org) -> dict:
    """The action's input for a planned step."""
    action = step.action
    if action == ASSIGN:
        return {"handler": org.users[step.handler]}
    if action == NOTE:
        return {"text": step.text}
    if action == FORWARD:
        return {"partner": org.partners[step.partner], "note": step.text}
    if action == PARTNER_REPLY:
        partner = org.partners[step.partner]
        return {**step.data, "forward": Forward.objects.get(complaint=complaint, partner=partner)}
    if action == ProcedureStep.ACKNOWLEDGE:
        if complaint.complainant_email or complaint.representative_email:
            return {"status_url": _status_url(complaint, step.at)}
        return {}
    if action == ProcedureStep.DECIDE:
        return _decision(step, complaint, org)
    return dict(step.data)


def _decision(step: Step, complaint: Complaint, org: Org) -> dict:
    """The decision's input, a judgment per part of the complaint. The plan names the
    parts by their text (`summary`); a complaint registered without them gets them now,
    through the `parts` action, as a handler dividing the complaint before deciding."""
    planned = step.data["parts"]
    summaries = [part["summary"] for part in planned]
    parts = list(complaint.parts.all())
    if [part.description for part in parts] != summaries:
        handling.perform(
            "parts",
            actor=org.users[step.actor] if step.actor else None,
            complaint=complaint,
            data={"parts": [{"description": summary} for summary in summaries]},
        )
        parts = list(complaint.parts.all())
    judged = [
        {key: value for key, value in given.items() if key != "summary"} | {"part": part.pk}
        for part, given in zip(parts, planned, strict=True)
    ]
    return {**step.data, "parts": judged}


def perform(step: Step, complaint: Complaint, org: Org) -> None:
    """Carry out one planned step through its action, or the survey's service (under
    `deadlines.as_of`)."""
    actor = org.users[step.actor] if step.actor else None
    if step.action == SURVEY_ANSWER:
        invitation = SurveyInvitation.objects.filter(
            complaint=complaint, answered_at__isnull=True
        ).latest("id")
        surveys.submit_response(invitation=invitation, **step.data)
    elif step.action == SURVEY_SEEN:
        response = SurveyResponse.objects.filter(
            invitation__complaint=complaint, handled_at__isnull=True
        ).latest("id")
        surveys.mark_handled(actor=actor, response=response)
    else:
        result = handling.perform(
            step.action,
            actor=actor,
            complaint=complaint,
            data=_data(step, complaint, org),
            system=actor is None,
        )
        if result.prepared is not None:
            sign(result.prepared, complaint, org)


def signer(complaint: Complaint, org: Org):
    """Who signs the demo's letters: the coordinator (the administrator when the
    complaint is about the coordinator, Awb 9:7)."""
    coordinator = org.users["coordinator"]
    if is_person_complained_about(complaint, coordinator):
        return org.users["admin"]
    return coordinator


def sign(draft: Letter, complaint: Complaint, org: Org) -> None:
    """The letter waits for sign-off (`handling.signoff`): the coordinator approves it
    at once, so the step happens as planned."""
    handling.perform(
        "approve_letter",
        actor=signer(complaint, org),
        complaint=complaint,
        data={"letter": draft.pk},
    )


#: How many decided complaints keep a conclusion letter waiting for sign-off.
WAITING_FOR_SIGNOFF = 2


def leave_waiting_for_signoff(complaints: list[Complaint]) -> int:
    """A few decided complaints get their conclusion letter prepared by their handler,
    waiting for the coordinator's sign-off ("Wacht op ondertekening" on "Mijn werk").
    Returns how many."""
    decided = (
        Complaint.objects.filter(
            pk__in=[c.pk for c in complaints], state=State.DECIDED, handler__isnull=False
        )
        .select_related("handler")
        .order_by("pk")
    )
    made = 0
    for complaint in decided[:WAITING_FOR_SIGNOFF]:
        result = handling.perform("send_conclusion", actor=complaint.handler, complaint=complaint)
        made += result.prepared is not None
    return made
