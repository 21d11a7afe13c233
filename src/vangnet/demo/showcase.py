"""The scripted showcase complaints: the messages that are always in the demo,
whatever the seed, so each demo user has something to see (the `handler` user's desk
with overdue and due-soon work, forwards to the `partner` user's organisation, the
advisory committee, hearings, extensions, a reopening, the side paths). Each is a set
of keywords for `Planner.plan`; the rest of the register is drawn at random. The order
of the list is part of the demo (each plan draws from the same random stream)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vangnet.complaints import deadlines
from vangnet.complaints.workflow import Outcome
from vangnet.complaints.workflow import Step as ProcedureStep

if TYPE_CHECKING:
    from .planner import Planner


def scripted(planner: Planner) -> list[dict]:
    """The showcase complaints, in their fixed order."""
    return [
        *_handler_desk(planner),
        *_partners(),
        *_front_office(),
        *_committee_and_hearings(),
        *_open_and_late(),
        *_side_paths(),
    ]


def _handler_desk(planner: Planner) -> list[dict]:
    """The `handler` user's desk: overdue, due soon and ordinary open work."""
    today = planner.today
    until = deadlines.due_soon_until(on=today, policy=planner.policy, calendar=planner.calendar)
    soon = planner.calendar.add_working_days(today, 2)
    mine = {"handler": "handler", "subject": "municipality", "light": ""}
    return [
        {
            **mine,
            "theme": "schuldhulpverlening",
            "route": "formal",
            "stall": True,
            "received_on": planner.find_received_on(lambda d: d < today - timedelta(days=3)),
        },
        {
            **mine,
            "theme": "participatiewet-bijstand",
            "route": "informal",
            "stall": True,
            "received_on": planner.find_received_on(lambda d: d < today),
        },
        {
            **mine,
            "theme": "participatiewet-bijstand",
            "route": "formal",
            "stall": True,
            "received_on": planner.find_received_on(lambda d: today <= d <= soon),
        },
        {
            **mine,
            "theme": "schuldhulpverlening",
            "route": "informal",
            "stall": True,
            "received_on": planner.find_received_on(lambda d: soon < d <= until),
        },
        {
            **mine,
            "theme": "schuldhulpverlening",
            "route": "formal",
            "days_ago": 19,
            "corrected": True,  # the registration corrected after the first call
        },
        {**mine, "theme": "participatiewet-bijstand", "fate": "new", "days_ago": 1},
    ]


def _partners() -> list[dict]:
    """Forwarded to partners (the `partner` user's among them), and a cooperation
    complaint."""
    return [
        # Forwarded to the `partner` user's organisation: one open, one closed.
        {
            "handler": "handler",
            "subject": "partner",
            "partner": "schuldhulp-vangstad",
            "route": "partner",
            "reply": "none",
            "days_ago": 12,
        },
        {
            "handler": "handler",
            "subject": "partner",
            "partner": "schuldhulp-vangstad",
            "route": "partner",
            "reply": "in_time",
            "via": "link",
            "partner_outcome": "resolved",
            "days_ago": 95,
        },
        {
            "subject": "partner",
            "partner": "schuldhulp-vangstad",
            "route": "partner",
            "reply": "in_time",
            "via": "portal",
            "partner_outcome": "own_procedure",
            "days_ago": 160,
        },
        # A partner that does not answer: reminded, then escalated to the coordinator.
        {
            "subject": "partner",
            "partner": "wijkteams-vangstad",
            "route": "partner",
            "reply": "none",
            "stall": True,
            "days_ago": 48,
        },
        # A cooperation complaint with the parties' contributions and a joint discussion.
        {"subject": "cooperation", "route": "cooperation", "days_ago": 150},
    ]


def _front_office() -> list[dict]:
    """A report (not a complaint) and an oral complaint on the lighter path."""
    return [
        {"kind": "report", "days_ago": 40},
        {
            "channel": "phone",
            "light": "oral",
            "route": "informal",
            "stall": True,
            "days_ago": 8,
        },
    ]


def _committee_and_hearings() -> list[dict]:
    """The advisory committee's advice, and complaints open at the hearing."""
    return [
        # The advisory committee: advice followed, and once deviated from (Awb 9:15).
        {
            "committee": True,
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "target": Outcome.WELL_FOUNDED,
            "days_ago": 200,
        },
        {
            "committee": True,
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "target": Outcome.UNFOUNDED,
            "deviate": True,
            "days_ago": 320,
        },
        # Open at the hearing: offered, planned, and held (the decision still to come).
        {
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "stop_after": ProcedureStep.OFFER_HEARING,
            "hearing": "held",
            "days_ago": 14,
        },
        {
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "stop_after": ProcedureStep.PLAN_HEARING,
            "hearing": "held",
            "days_ago": 16,
        },
        {
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "stop_after": ProcedureStep.HOLD_HEARING,
            "hearing": "held",
            "days_ago": 27,
        },
    ]


def _open_and_late() -> list[dict]:
    """Open with the advisory committee; extended and delayed; reopened."""
    return [
        # Open with the advisory committee, and advised.
        {
            "committee": True,
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "stop_after": ProcedureStep.REQUEST_ADVICE,
            "days_ago": 50,
        },
        {
            "committee": True,
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "stop_after": ProcedureStep.RECORD_ADVICE,
            "days_ago": 75,
        },
        # Extended (9:11), and once delayed further with the complainant's consent.
        {
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "late": "extend",
            "days_ago": 110,
        },
        {
            "light": "",
            "subject": "municipality",
            "route": "formal",
            "late": "consent",
            "committee": True,
            "days_ago": 260,
        },
        # Reopened after an unhappy answer to the satisfaction survey.
        {
            "light": "",
            "subject": "municipality",
            "route": "informal",
            "reopen": "survey",
            "days_ago": 130,
        },
    ]


def _side_paths() -> list[dict]:
    """Declined (Awb 9:8), meant for another body, and waiting for triage."""
    return [
        {"light": "", "route": "decline", "days_ago": 60},
        {"route": "to_body", "days_ago": 45},
        {"fate": "unassigned", "days_ago": 0, "channel": "web"},
    ]
