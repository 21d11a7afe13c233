"""One planned step carried out through its service: the procedure's steps through
`complaints.procedure`, the demo actions (assignment, note, forward, partner reply,
extension, delay, contributions, joint discussion, survey answer) through the service
that owns them, each as a user of the application would call it. `execution` calls
`perform` under `deadlines.as_of(the step's day)`."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import forwarding, procedure, services
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, Forward
from vangnet.complaints.workflow import Step as ProcedureStep

from .organisation import Org
from .plans import (
    ASSIGN,
    CONTRIBUTION,
    DELAY,
    EXTEND,
    FORWARD,
    JOINT_DISCUSSION,
    NOTE,
    PARTNER_REPLY,
    SURVEY_ANSWER,
    SURVEY_SEEN,
    Step,
)


def _status_url(complaint: Complaint, moment: datetime) -> str:
    """A real status link for the acknowledgement, recorded with the validity it has
    from the step's moment (the service would write today's)."""
    from django.utils.functional import lazy

    from vangnet.public import statuslinks

    until = (moment + statuslinks.lifetime()).date()
    long_date = lazy(lambda day: date_format(day, "j F Y"), str)
    token = statuslinks.issue_status_link(
        complaint,
        summary=RecordText(
            _lazy("Statuslink gemaakt, geldig tot %(until)s."), until=long_date(until)
        ),
    )
    return settings.VANGNET["BASE_URL"] + reverse("public:status", args=[token])


def perform(step: Step, complaint: Complaint, org: Org) -> None:
    """Carry out one planned step through its service (under `deadlines.as_of`)."""
    from vangnet.surveys import services as surveys
    from vangnet.surveys.models import SurveyInvitation, SurveyResponse

    users = org.users
    actor = users[step.actor] if step.actor else None
    action = step.action
    if action == ASSIGN:
        services.assign_handler(actor=actor, complaint=complaint, handler=users[step.handler])
    elif action == NOTE:
        services.add_note(actor=actor, complaint=complaint, text=step.text)
    elif action == FORWARD:
        forwarding.forward_to_partner(
            actor=actor,
            complaint=complaint,
            partner=org.partners[step.partner],
            note=step.text,
            build_reply_url=forwarding.reply_url,
        )
    elif action == PARTNER_REPLY:
        forward = Forward.objects.get(complaint=complaint, partner=org.partners[step.partner])
        forwarding.record_partner_reply(forward=forward, actor=actor, **step.data)
    elif action == EXTEND:
        procedure.extend(actor=actor, complaint=complaint, **step.data)
    elif action == DELAY:
        procedure.delay_with_consent(actor=actor, complaint=complaint, **step.data)
    elif action == CONTRIBUTION:
        procedure.add_contribution(actor=actor, complaint=complaint, **step.data)
    elif action == JOINT_DISCUSSION:
        procedure.record_joint_discussion(actor=actor, complaint=complaint, **step.data)
    elif action == SURVEY_ANSWER:
        invitation = SurveyInvitation.objects.filter(
            complaint=complaint, answered_at__isnull=True
        ).latest("id")
        surveys.submit_response(invitation=invitation, **step.data)
    elif action == SURVEY_SEEN:
        response = SurveyResponse.objects.filter(
            invitation__complaint=complaint, handled_at__isnull=True
        ).latest("id")
        surveys.mark_handled(actor=actor, response=response)
    elif action == ProcedureStep.ACKNOWLEDGE:
        step_data = {}
        if complaint.complainant_email or complaint.representative_email:
            step_data["status_url"] = _status_url(complaint, step.at)
        procedure.perform(
            actor=actor, complaint=complaint, step=action, data=step_data, system=actor is None
        )
    elif action in ProcedureStep.values:
        procedure.perform(
            actor=actor, complaint=complaint, step=action, data=step.data, system=actor is None
        )
    else:  # pragma: no cover
        raise ValueError(action)
