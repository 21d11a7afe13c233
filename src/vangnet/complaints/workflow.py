"""The complaint's states and the one table of allowed steps (Awb chapter 9).

Every state change goes through `vangnet.complaints.procedure.perform`, which looks the
step up here, checks the actor's permission for it, runs the step's rules and records an
event. A step that is not allowed from the complaint's state is refused. Nothing else
knows the order of the procedure.

The main path: received → acknowledged (9:6) → in progress (first contact logged) →
either closed, resolved informally (9:5), or formal handling: copy to the person
complained about (9:9) → hearing offered → planned → heard (or the hearing skipped on a
ground of 9:10 lid 2) → optionally the advisory committee (9:13–9:16) → decided →
conclusion letter (9:12) → closed. Side paths: not handled (9:8), withdrawn, forwarded
to another body (Awb 2:3), closed after a partner handled it, reopened.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    ACKNOWLEDGED = "acknowledged", _("Ontvangst bevestigd")
    IN_PROGRESS = "in_progress", _("In behandeling")
    FORMAL = "formal", _("Formele behandeling")
    HEARING_OFFERED = "hearing_offered", _("Horen aangeboden")
    HEARING_PLANNED = "hearing_planned", _("Hoorzitting gepland")
    HEARD = "heard", _("Horen afgerond")
    WITH_COMMITTEE = "with_committee", _("Bij de klachtadviescommissie")
    ADVISED = "advised", _("Advies ontvangen")
    DECIDED = "decided", _("Besluit genomen")
    CLOSED = "closed", _("Afgesloten")


OPEN_STATES = frozenset(state for state in State if state != State.CLOSED)


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


class Judgment(models.TextChoices):
    """The judgment on one part of a complaint (Awb 9:12)."""

    WELL_FOUNDED = "well_founded", _("Gegrond")
    PARTLY_WELL_FOUNDED = "partly_well_founded", _("Deels gegrond")
    UNFOUNDED = "unfounded", _("Ongegrond")
    NO_JUDGMENT = "no_judgment", _("Geen oordeel")


def outcome_of(judgments: list[str]) -> str:
    """The complaint's outcome from the judgments of its parts: all parts the same → that
    judgment; parts with no judgment left out; any mix of well-founded and not → partly."""
    judged = [j for j in judgments if j != Judgment.NO_JUDGMENT]
    if not judged:
        return Outcome.NO_JUDGMENT
    if all(j == Judgment.WELL_FOUNDED for j in judged):
        return Outcome.WELL_FOUNDED
    if all(j == Judgment.UNFOUNDED for j in judged):
        return Outcome.UNFOUNDED
    return Outcome.PARTLY_WELL_FOUNDED


class DeclineGround(models.TextChoices):
    """Awb 9:8 lid 1: when the body need not handle a complaint."""

    HANDLED_BEFORE = "handled_before", _("Dezelfde gedraging is al eerder als klacht behandeld (a)")
    OLDER_THAN_A_YEAR = "older_than_a_year", _("De gedraging is meer dan een jaar geleden (b)")
    OBJECTION_POSSIBLE = (
        "objection_possible",
        _("Bezwaar of beroep was of is mogelijk, en het gaat niet om een te laat besluit (c)"),
    )
    COURT = "court", _("Er loopt of liep een procedure bij de rechter (d)")
    CRIMINAL_INVESTIGATION = (
        "criminal_investigation",
        _("Er loopt een strafrechtelijk onderzoek of vervolging (e)"),
    )
    TOO_SMALL = "too_small", _("Het belang of de ernst is kennelijk onvoldoende (lid 2)")


class HearingSkipGround(models.TextChoices):
    """Awb 9:10 lid 2: when the hearing of the complainant may be skipped, exactly its
    three grounds. (An earlier "declared well-founded without a hearing" is no ground of
    the law; old records carry it in their note, see complaints migration 0006.)"""

    MANIFESTLY_UNFOUNDED = (
        "manifestly_unfounded",
        _("De klacht is kennelijk ongegrond (Awb 9:10 lid 2 onder a)"),
    )
    WAIVED = (
        "waived",
        _("De indiener heeft verklaard niet gehoord te willen worden (Awb 9:10 lid 2 onder b)"),
    )
    NO_RESPONSE = (
        "no_response",
        _(
            "De indiener heeft niet binnen de gestelde redelijke termijn laten weten gehoord "
            "te willen worden (Awb 9:10 lid 2 onder c)"
        ),
    )


#: Permissions (rules, see `vangnet.core.permissions`).
HANDLE = "complaints.handle_complaint"
REOPEN = "complaints.reopen_complaint"


class Step(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Ontvangst bevestigen")
    LOG_CONTACT = "log_contact", _("Contact vastleggen")
    RESOLVE_INFORMALLY = "resolve_informally", _("Informeel opgelost")
    START_FORMAL = "start_formal", _("Formeel behandelen")
    OFFER_HEARING = "offer_hearing", _("Horen aanbieden")
    PLAN_HEARING = "plan_hearing", _("Hoorzitting plannen")
    HOLD_HEARING = "hold_hearing", _("Verslag van het horen")
    SKIP_HEARING = "skip_hearing", _("Afzien van horen")
    REQUEST_ADVICE = "request_advice", _("Advies vragen aan de klachtadviescommissie")
    RECORD_ADVICE = "record_advice", _("Advies vastleggen")
    DECIDE = "decide", _("Besluit vastleggen")
    SEND_CONCLUSION = "send_conclusion", _("Afhandelingsbrief versturen en afsluiten")
    DECLINE = "decline", _("Niet in behandeling nemen (Awb 9:8)")
    WITHDRAW = "withdraw", _("Intrekking vastleggen")
    FORWARD_TO_BODY = "forward_to_body", _("Doorsturen naar ander bestuursorgaan (Awb 2:3)")
    CLOSE_FORWARDED = "close_forwarded", _("Afsluiten: afgehandeld door de partner")
    REOPEN = "reopen", _("Heropenen")


@dataclass(frozen=True)
class Transition:
    """One allowed step from one state. `target` None: the state stays (the step is
    recorded, say a second contact). `closes`: the step ends the complaint with an
    outcome. `alternatives`: the other states the step may lead to when its input says
    so (`handling.base.Context.target`)."""

    source: str
    step: str
    target: str | None
    permission: str = HANDLE
    closes: bool = False
    alternatives: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.step

    @property
    def label(self):
        return Step(self.step).label

    def target_for(self, source: str) -> str:
        return self.target or source


_BEFORE_DECISION = [
    State.RECEIVED,
    State.ACKNOWLEDGED,
    State.IN_PROGRESS,
    State.FORMAL,
    State.HEARING_OFFERED,
    State.HEARING_PLANNED,
    State.HEARD,
    State.WITH_COMMITTEE,
    State.ADVISED,
]
_FORMAL = [
    State.FORMAL,
    State.HEARING_OFFERED,
    State.HEARING_PLANNED,
    State.HEARD,
    State.WITH_COMMITTEE,
    State.ADVISED,
]

#: (step, sources, target, options). The one place that says what may follow what.
_TABLE: list[tuple[str, list[str], str | None, dict]] = [
    # Without any address no acknowledgement can go (Awb 9:6): the complaint goes on
    # into handling and is never "acknowledged".
    (
        Step.ACKNOWLEDGE,
        [State.RECEIVED],
        State.ACKNOWLEDGED,
        {"alternatives": (State.IN_PROGRESS,)},
    ),
    (Step.LOG_CONTACT, [State.ACKNOWLEDGED, State.IN_PROGRESS], State.IN_PROGRESS, {}),
    (Step.LOG_CONTACT, _FORMAL + [State.DECIDED], None, {}),
    (
        Step.RESOLVE_INFORMALLY,
        [State.IN_PROGRESS, *_FORMAL],
        State.CLOSED,
        {"closes": True},
    ),
    (Step.START_FORMAL, [State.ACKNOWLEDGED, State.IN_PROGRESS], State.FORMAL, {}),
    (Step.OFFER_HEARING, [State.FORMAL], State.HEARING_OFFERED, {}),
    (Step.PLAN_HEARING, [State.HEARING_OFFERED], State.HEARING_PLANNED, {}),
    (Step.PLAN_HEARING, [State.HEARING_PLANNED], None, {}),
    (Step.HOLD_HEARING, [State.HEARING_PLANNED], State.HEARD, {}),
    (
        Step.SKIP_HEARING,
        [State.FORMAL, State.HEARING_OFFERED, State.HEARING_PLANNED],
        State.HEARD,
        {},
    ),
    (Step.REQUEST_ADVICE, [State.HEARD], State.WITH_COMMITTEE, {}),
    (Step.RECORD_ADVICE, [State.WITH_COMMITTEE], State.ADVISED, {}),
    (Step.DECIDE, [State.HEARD, State.ADVISED], State.DECIDED, {}),
    (Step.DECIDE, [State.DECIDED], None, {}),
    (Step.SEND_CONCLUSION, [State.DECIDED], State.CLOSED, {"closes": True}),
    (
        Step.DECLINE,
        [State.RECEIVED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.FORMAL],
        State.CLOSED,
        {"closes": True},
    ),
    (Step.WITHDRAW, [*_BEFORE_DECISION, State.DECIDED], State.CLOSED, {"closes": True}),
    (Step.FORWARD_TO_BODY, _BEFORE_DECISION[:4], State.CLOSED, {"closes": True}),
    (Step.CLOSE_FORWARDED, _BEFORE_DECISION, State.CLOSED, {"closes": True}),
    (Step.REOPEN, [State.CLOSED], State.IN_PROGRESS, {"permission": REOPEN}),
]

#: state -> {step -> Transition}
TRANSITIONS: dict[str, dict[str, Transition]] = {state: {} for state in State.values}
for _step, _sources, _target, _options in _TABLE:
    for _source in _sources:
        assert _step not in TRANSITIONS[_source], (_source, _step)
        TRANSITIONS[_source][_step] = Transition(_source, _step, _target, **_options)


def allowed_transitions(state: str) -> list[Transition]:
    """The steps the table allows from `state`, in the order of `Step`."""
    steps = TRANSITIONS.get(state, {})
    return [steps[step] for step in Step.values if step in steps]


def get_transition(source: str, step: str) -> Transition | None:
    return TRANSITIONS.get(source, {}).get(step)


#: The outcome each closing step records (`send_conclusion` derives it from the judgments).
STEP_OUTCOMES = {
    Step.RESOLVE_INFORMALLY: Outcome.RESOLVED_INFORMALLY,
    Step.DECLINE: Outcome.NOT_HANDLED,
    Step.WITHDRAW: Outcome.WITHDRAWN,
    Step.FORWARD_TO_BODY: Outcome.FORWARDED_TO_BODY,
    Step.CLOSE_FORWARDED: Outcome.FORWARDED_TO_PARTNER,
}
