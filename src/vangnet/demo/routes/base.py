"""The ground every route stands on: `RouteBase` builds one complaint's steps day by
day (`wait`, `add`), and holds the start every route shares: the triage by the
coordinator, the acknowledgement (Awb 9:6) and the first contact with the complainant,
with the contact records that follow it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from vangnet.complaints.workflow import Step as ProcedureStep

from .. import data
from ..plans import ASSIGN, CORRECT, Plan, Step

if TYPE_CHECKING:
    from ..planner import Planner

#: `RouteBase.add`'s actor meaning "the complaint's handler".
HANDLER = "<handler>"


class RouteBase:
    """Builds one complaint's steps day by day. `self.day` moves forward in working days;
    a slow handler (`pace`) takes longer between steps. The routes themselves (how a
    complaint goes through the procedure) are the public methods of the classes in
    this package, put together in `routes.Route`."""

    def __init__(self, planner: Planner, plan: Plan, *, handler: str) -> None:
        self.p = planner
        self.rng = planner.rng
        self.plan = plan
        self.handler = handler
        self.day = plan.received_on
        self.steps: list[Step] = []
        self.pace = 1.0 if self.rng.random() < 0.75 else self.rng.uniform(1.4, 2.0)
        registration = plan.data
        self.reg = registration
        self.committee = bool(registration.get("advisory_committee"))
        self.has_email = bool(
            registration.get("complainant_email") or registration.get("representative_email")
        )
        self.anonymous = not registration.get("complainant_name")
        self.deadlines = planner.deadlines_for(plan.received_on, self.committee)
        self.solution = self.rng.choice(data.INFORMAL_SOLUTIONS)

    def wait(self, low: int, high: int, *, paced: bool = True) -> date:
        days = self.rng.randint(low, high)
        if paced:
            days = round(days * self.pace)
        self.day = self.p.calendar.add_working_days(self.day, days)
        return self.day

    def add(self, action: str, actor: str | None = HANDLER, **fields) -> Step:
        step = Step(action, self.day, self.handler if actor == HANDLER else actor, **fields)
        self.steps.append(step)
        return step

    def _name(self, username: str) -> str:
        user = self.p.org.users[username]
        return user.get_full_name() or username

    def _channel(self) -> str:
        if self.reg["channel"] == "counter":
            return "visit"
        if self.reg.get("complainant_phone") or self.anonymous:
            return "phone"
        return "email" if self.has_email else "letter"

    def _text(self, text: str) -> str:
        return text.format(oplossing=self.solution, partner=self._partner_name())

    def _partner_name(self) -> str:
        partner = self.reg.get("partner")
        return partner.name if partner else ""

    def acknowledge_by_system(self) -> None:
        """Filed online: the acknowledgement goes out at once (`public.submissions`)."""
        at = self.plan.registered_at + timedelta(minutes=self.rng.randint(1, 3))
        self.add(ProcedureStep.ACKNOWLEDGE, None, at=at)

    def later(self, days: int) -> date:
        self.day = self.p.calendar.add_working_days(self.day, days)
        return self.day

    def begin(self, *, acknowledge: bool = True) -> None:
        """Triage by the coordinator (assignment) and the acknowledgement (Awb 9:6):
        at once online, otherwise within days (a few late)."""
        plan, rng = self.plan, self.rng
        late_registration = plan.registered_at.hour >= 15
        if plan.registrar is None:
            self.acknowledge_by_system()
        self.later(rng.choice([0, 0, 1, 1, 2]) + late_registration)
        self.add(ASSIGN, "coordinator", handler=self.handler)
        if acknowledge and plan.registrar is not None:
            if rng.random() < 0.1:
                self.wait(3, 7, paced=False)  # late: after the policy's 5 working days
            actor = self.handler if plan.registrar == self.handler else "coordinator"
            self.add(ProcedureStep.ACKNOWLEDGE, actor)

    def correct_registration(self) -> None:
        """The coordinator corrects the registration (the `correct` action): a mistyped
        telephone number, and the day of the conduct asked in the first call."""
        self.add(
            CORRECT,
            "coordinator",
            data={
                "complainant_phone": "06-24681357",
                "conduct_on": self.plan.received_on - timedelta(days=12),
                "conduct_until": None,
                "reason": "Telefoonnummer verkeerd overgenomen; de datum van de gedraging "
                "nagevraagd.",
            },
        )

    def first_contact(self, kind: str) -> None:
        """The call within days (Nationale ombudsman): notes and what was agreed."""
        rng = self.rng
        if rng.random() < 0.85:
            self.wait(0, 2)
        else:
            self.wait(3, 6)  # late: after the policy's 3 working days
        if self.anonymous:
            # Nobody to call back: what was said in the call itself is the contact.
            self._contact(*rng.choice(data.CONTACT_INFORMAL), on=self.plan.received_on)
            return
        if rng.random() < 0.15 and self._channel() == "phone":
            self._contact(rng.choice(data.CONTACT_NOT_REACHED), "", reached=False)
            self.wait(1, 2)
        notes = {
            "informal": data.CONTACT_INFORMAL,
            "formal": data.CONTACT_FORMAL,
            "forward": data.CONTACT_FORWARD,
        }[kind]
        self._contact(*rng.choice(notes))

    def _contact(self, notes: str, agreed: str, *, reached: bool = True, on: date | None = None):
        channel = self._channel()
        if channel != "phone" and reached:
            notes = self.rng.choice(data.CONTACT_NOTES_BY_CHANNEL[channel])
        self.add(
            ProcedureStep.LOG_CONTACT,
            data={
                "contacted_on": on or self.day,
                "channel": channel,
                "notes": self._text(notes),
                "agreed": self._text(agreed),
                "reached": reached,
            },
        )
