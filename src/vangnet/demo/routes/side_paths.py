"""The side paths out of the procedure: not handled under Awb 9:8 (`decline`),
withdrawn by the complainant (`withdraw`), and meant for another body, sent on with a
notice to the complainant (`to_body`, Awb 2:3)."""

from __future__ import annotations

from vangnet.complaints.workflow import DeclineGround
from vangnet.complaints.workflow import Step as ProcedureStep

from .. import data
from ..conduct import long_ago
from ..plans import weighted
from .base import RouteBase


class SidePaths(RouteBase):
    """Declined, withdrawn, or sent on to another body."""

    def decline(self, **_script) -> None:
        """Not handled under Awb 9:8, told within four weeks of receipt."""
        rng = self.rng
        by = self.p.working_day_back(self.deadlines.decline_by)
        when = min(by, self.p.calendar.add_working_days(self.plan.received_on, rng.randint(5, 16)))
        when = max(when, self.day)
        if rng.random() < 0.5 and not self.anonymous:
            self.wait(0, 2)
            if self.day < when:
                self._contact(
                    "Klager gebeld om de klacht te bespreken en uit te leggen waarom de "
                    "gemeente de klacht waarschijnlijk niet in behandeling neemt.",
                    "Klager ontvangt de beslissing schriftelijk, met de route naar de ombudsman.",
                )
        self.day = max(self.day, when)
        ground = weighted(rng, data.DECLINE_WEIGHTS)
        if ground == DeclineGround.OLDER_THAN_A_YEAR:
            self.reg.update(long_ago(self.plan.received_on))
        self.add(
            ProcedureStep.DECLINE,
            data={"ground": ground, "explanation": data.DECLINES[ground]},
        )

    def withdraw(self, **_script) -> None:
        rng = self.rng
        if rng.random() < 0.7:
            self.first_contact("informal")
            if rng.random() < 0.2:
                self.wait(1, 4)
                copy = {}
                if not (self.reg.get("department") and self.reg["department"].email):
                    copy = {"copy_note": rng.choice(data.COPY_NOTES)}
                self.add(ProcedureStep.START_FORMAL, data=copy)
        self.wait(2, 15)
        self.add(ProcedureStep.WITHDRAW, data={"note": rng.choice(data.WITHDRAW_NOTES)})

    def to_body(self, **_script) -> None:
        """Meant for another body: sent on with a notice to the complainant (Awb 2:3)."""
        name, contact, explanation = self.rng.choice(data.OTHER_BODIES)
        self.wait(0, 3)
        self.add(
            ProcedureStep.FORWARD_TO_BODY,
            data={"body_name": name, "body_contact": contact, "explanation": explanation},
        )
