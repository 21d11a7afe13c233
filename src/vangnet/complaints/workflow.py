"""The complaint's states and the one table of allowed transitions.

Every state change goes through `vangnet.complaints.services.transition`, which looks the
step up here, checks the actor's permission for it and records an event. A step that is
not in `TRANSITIONS` is refused. The handling procedure (acknowledgement, hearing,
extension, decision, ...) extends this table; nothing else knows the order of states.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    IN_PROGRESS = "in_progress", _("In behandeling")
    CLOSED = "closed", _("Afgesloten")


OPEN_STATES = frozenset({State.RECEIVED, State.IN_PROGRESS})


class Outcome(models.TextChoices):
    """How a complaint ended (domain.md, "Outcome codes")."""

    RESOLVED_INFORMALLY = "resolved_informally", _("Informeel opgelost (Awb 9:5)")
    WELL_FOUNDED = "well_founded", _("Gegrond")
    PARTLY_WELL_FOUNDED = "partly_well_founded", _("Deels gegrond")
    UNFOUNDED = "unfounded", _("Ongegrond")
    NO_JUDGMENT = "no_judgment", _("Geen oordeel")
    NOT_HANDLED = "not_handled", _("Niet in behandeling genomen (Awb 9:8)")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    FORWARDED_TO_PARTNER = "forwarded_to_partner", _("Doorgestuurd naar samenwerkingspartner")
    FORWARDED_TO_BODY = "forwarded_to_body", _("Doorgestuurd naar ander bestuursorgaan (Awb 2:3)")
    NOT_A_COMPLAINT = "not_a_complaint", _("Geen klacht (doorverwezen)")


@dataclass(frozen=True)
class Transition:
    """One allowed step. `permission` is the rules permission the actor needs on the
    complaint; `needs_outcome` means the step records how the complaint ended."""

    source: str
    target: str
    name: str
    label: str
    permission: str
    needs_outcome: bool = False


_STEPS = [
    Transition(
        State.RECEIVED,
        State.IN_PROGRESS,
        "start",
        _("In behandeling nemen"),
        "complaints.handle_complaint",
    ),
    Transition(
        State.RECEIVED,
        State.CLOSED,
        "close",
        _("Afsluiten"),
        "complaints.handle_complaint",
        needs_outcome=True,
    ),
    Transition(
        State.IN_PROGRESS,
        State.CLOSED,
        "close",
        _("Afsluiten"),
        "complaints.handle_complaint",
        needs_outcome=True,
    ),
]

#: state -> {target state -> Transition}
TRANSITIONS: dict[str, dict[str, Transition]] = {state: {} for state in State.values}
for _step in _STEPS:
    TRANSITIONS[_step.source][_step.target] = _step


def allowed_transitions(state: str) -> list[Transition]:
    return list(TRANSITIONS.get(state, {}).values())


def get_transition(source: str, target: str) -> Transition | None:
    return TRANSITIONS.get(source, {}).get(target)


#: Outcomes a staff member may choose when closing a complaint in the foundation workflow.
#: NOT_A_COMPLAINT is set only by registration of a non-complaint.
CLOSING_OUTCOMES = [choice for choice in Outcome if choice != Outcome.NOT_A_COMPLAINT]
