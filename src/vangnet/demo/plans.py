"""What the planner draws and the executor carries out: a `Plan` per message with its
`Step`s, as plain data. A step's `action` is a procedure step (a `workflow.Step` value)
or one of the demo actions named here (assignment, note, forward, partner reply, ...).
`simulate` runs steps through the transition table, so a plan the procedure would
refuse is caught while it is drawn. Also the demo's time zone and its weighted draw."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from vangnet.complaints.workflow import (
    OPEN_STATES,
    STEP_OUTCOMES,
    Outcome,
    State,
    get_transition,
    outcome_of,
)
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.organisations.models import Partner

TZ = ZoneInfo("Europe/Amsterdam")

#: Demo actions besides the procedure's own steps (`workflow.Step` values).
ASSIGN = "assign"
NOTE = "note"
CORRECT = "correct"
FORWARD = "forward"
PARTNER_REPLY = "partner_reply"
EXTEND = "extend"
DELAY = "delay"
CONTRIBUTION = "contribution"
JOINT_DISCUSSION = "joint_discussion"
SURVEY_ANSWER = "survey_answer"
SURVEY_SEEN = "survey_seen"


@dataclass
class Step:
    """One thing that happens to a complaint. `action` is a procedure step (a
    `workflow.Step` value) or one of the demo actions above; `data` is what the service
    takes. `actor` is a username; None: the system, the complainant or a partner through
    its reply link."""

    action: str
    day: date
    actor: str | None
    data: dict = field(default_factory=dict)
    at: datetime | None = None
    # For `assign` and `forward` (also read by bench/generate.py).
    handler: str = ""
    partner: str = ""
    text: str = ""
    outcome: str = ""


@dataclass
class Plan:
    """One message and what happens to it. `data` holds registration fields as the
    service takes them (model instances for relations). `state`, `outcome` and
    `closed_on` are where the steps leave it today."""

    data: dict
    involved: list[Partner]
    registrar: str | None  # username; None: the resident through the website
    registered_at: datetime
    handling: list[Step] = field(default_factory=list)
    state: str = State.RECEIVED
    outcome: str = ""
    closed_on: date | None = None

    @property
    def received_on(self) -> date:
        return self.data["received_on"]

    @property
    def is_complaint(self) -> bool:
        return self.data["kind"] == "complaint"

    @property
    def handler(self) -> str | None:
        assigned = [step.handler for step in self.handling if step.action == ASSIGN]
        return assigned[-1] if assigned else None

    @property
    def forwards(self) -> list[Step]:
        return [step for step in self.handling if step.action == FORWARD]

    @property
    def last_at(self) -> datetime:
        return self.handling[-1].at if self.handling else self.registered_at

    @property
    def steps(self) -> list[Step]:
        """The handling in the five coarse actions of the bulk generator
        (bench/generate.py): assign, start (the first step of the handler), forward,
        note (any other step, its label as text) and close."""
        coarse: list[Step] = []
        started = False
        for step in self.handling:
            actor = step.actor or "coordinator"
            if step.action in (ASSIGN, FORWARD):
                coarse.append(step)
                continue
            if step.action in STEP_OUTCOMES or step.action == ProcedureStep.SEND_CONCLUSION:
                text = str(ProcedureStep(step.action).label)
                coarse.append(Step("close", step.day, actor, at=step.at, text=text))
                continue
            if not started and step.action in (
                ProcedureStep.LOG_CONTACT,
                ProcedureStep.START_FORMAL,
            ):
                started = True
                coarse.append(Step("start", step.day, actor, at=step.at))
                continue
            label = ProcedureStep(step.action).label if step.action in ProcedureStep.values else ""
            text = step.text or str(label or step.action.replace("_", " ").capitalize())
            coarse.append(Step("note", step.day, actor, at=step.at, text=text))
        if coarse and coarse[-1].action == "close":
            coarse[-1].outcome = self.outcome
        return coarse

    def actions(self) -> list[str]:
        return [step.action for step in self.handling]


def simulate(steps: list[Step], *, kind: str = "complaint", received_on: date | None = None):
    """Where `steps` leave a complaint under the transition table: (state, outcome,
    closed_on). Raises ValueError for a step the table does not allow, so a plan that
    the procedure would refuse is caught while planning."""
    if kind != "complaint":
        return State.CLOSED, Outcome.NOT_A_COMPLAINT, received_on
    state, outcome, closed_on = State.RECEIVED, "", None
    judged = ""
    for step in steps:
        if step.action not in ProcedureStep.values:
            open_only = {FORWARD, EXTEND, DELAY, CONTRIBUTION, JOINT_DISCUSSION}
            if step.action in open_only and state not in OPEN_STATES:
                raise ValueError(f"{step.action} on a closed complaint")
            continue
        transition = get_transition(state, step.action)
        if transition is None:
            raise ValueError(f"{step.action} is not allowed from {state}")
        if step.action == ProcedureStep.DECIDE:
            judged = outcome_of([part["judgment"] for part in step.data["parts"]])
        state = transition.target_for(state)
        if transition.closes:
            outcome = (
                judged
                if step.action == ProcedureStep.SEND_CONCLUSION
                else (STEP_OUTCOMES[step.action])
            )
            closed_on = step.day
        elif step.action == ProcedureStep.REOPEN:
            outcome, closed_on = "", None
    return state, outcome, closed_on


def weighted(rng: random.Random, weights: dict):
    """One key of `weights`, drawn with the weights its values give."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]
