"""The formal route (Awb 9:9-9:12): a copy to the person complained about, the hearing
(9:10) or a ground to skip it, the advisory committee where there is one (9:13-9:16),
the decision with a judgment per part, the conclusion letter; and the time it takes:
an extension before the due date (9:11 lid 2) and now and then a delay with the
complainant's consent."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from vangnet.complaints import deadlines
from vangnet.complaints.workflow import Judgment, Outcome
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.handling.actions._term import EXTENSION_WEEKS

from .. import data
from ..plans import DELAY, EXTEND, TZ, Step, weighted
from .base import RouteBase

#: The judgment a formal handling ends with.
TARGETS = {
    Outcome.WELL_FOUNDED: 25,
    Outcome.PARTLY_WELL_FOUNDED: 30,
    Outcome.UNFOUNDED: 38,
    Outcome.NO_JUDGMENT: 7,
}
#: Share of late formal handlings that are extended in time (Awb 9:11).
EXTEND_WHEN_LATE = 0.75
#: At most this many delays with the complainant's consent (beyond the extension).
MAX_CONSENT_DELAYS = 2


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


class FormalRoute(RouteBase):
    """Handled formally, up to the conclusion letter."""

    def formal(
        self,
        *,
        target: str | None = None,
        deviate: bool = False,
        late: str | None = None,
        reopen: str | None = None,
        hearing: str | None = None,
        **_script,
    ) -> None:
        """Formal handling: copy to the person complained about (9:9), hearing (9:10) or
        a ground to skip it, the advisory committee where there is one (9:13-9:16), the
        decision with a judgment per part, the conclusion letter (9:12)."""
        self.first_contact("formal")
        self._formal_tail(target=target, deviate=deviate, late=late, reopen=reopen, hearing=hearing)

    def _formal_tail(
        self, *, target=None, deviate=False, late=None, reopen=None, hearing=None
    ) -> None:
        rng = self.rng
        self.wait(1, 4)
        copy = {}
        if not (self.reg.get("department") and self.reg["department"].email):
            copy = {"copy_note": rng.choice(data.COPY_NOTES)}
        self.add(ProcedureStep.START_FORMAL, data=copy)
        started = self.day
        target = target or weighted(rng, TARGETS)
        target = self._hearing(target, hearing=hearing)

        if rng.random() < 0.05 and not self.committee and late is None:
            # Solved after all, in a talk after the hearing (still Awb 9:5).
            self.wait(1, 4)
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
            self._informal_tail(reopen=reopen)
            return

        if self.committee:
            recommended = self._advice(target, deviate=deviate, late=late)
            self.wait(3, 8)
        else:
            recommended = ""
            self.wait(3, 10)
        self._decide_late(late)

        self.add(ProcedureStep.DECIDE, data=self._decision(target, recommended, deviate))
        self.wait(0, 2, paced=False)
        self.add(ProcedureStep.SEND_CONCLUSION)
        self._postpone(started, late=late)
        self.after_close(reopen=reopen)

    def _hearing(self, target: str, *, hearing: str | None) -> str:
        """The hearing (Awb 9:10), or a ground of lid 2 to skip it. Returns the target
        judgment (a ground to skip can settle it)."""
        draw = self.rng.random()
        if draw < 0.62 or hearing == "held":
            self._hold_hearing()
            return target
        return self._skip_hearing(draw, target)

    def _hold_hearing(self) -> None:
        """Offered, planned and held, with a record of what was said."""
        rng = self.rng
        self.wait(1, 3)
        self.add(ProcedureStep.OFFER_HEARING)
        self.wait(2, 6)
        planned = self.p.calendar.add_working_days(self.day, rng.randint(4, 9))
        moment = datetime.combine(planned, time(rng.choice([9, 10, 11, 14, 15]), 0), TZ)
        self.add(
            ProcedureStep.PLAN_HEARING,
            data={"planned_at": moment, "location": rng.choice(data.HEARING_LOCATIONS)},
        )
        self.day = planned
        person = self.reg.get("person_complained_about") or (
            f"teamleider {self.reg['department'].name}" if self.reg.get("department") else ""
        )
        who = [f"{self.reg['complainant_name'] or 'Indiener'} (indiener)"]
        if person:
            who.append(f"{person} (beklaagde)")
        who.append(f"{self._name(self.handler)} (klachtbehandelaar)")
        kern = _first_sentence(self.reg["description"])
        self.add(
            ProcedureStep.HOLD_HEARING,
            data={
                "held_on": planned,
                "participants": ", ".join(who),
                "record": rng.choice(data.HEARING_RECORDS).format(kern=kern),
            },
        )

    def _skip_hearing(self, draw: float, target: str) -> str:
        """The complainant's hearing skipped on a ground of Awb 9:10 lid 2: offered
        without a response (c), waived (b), or (settling the judgment) manifestly
        unfounded (a). The person complained about answered in writing instead."""
        rng = self.rng
        if draw < 0.74:
            self.wait(1, 3)
            self.add(ProcedureStep.OFFER_HEARING)
            self.wait(11, 13, paced=False)
            ground = "no_response"
        else:
            self.wait(1, 4)
            ground = weighted(rng, {"waived": 14, "manifestly_unfounded": 6})
            if ground == "manifestly_unfounded":
                target = Outcome.UNFOUNDED
        self.add(
            ProcedureStep.SKIP_HEARING,
            data={
                "ground": ground,
                "note": data.HEARING_SKIPS[ground],
                "person_not_heard_reason": rng.choice(data.PERSON_NOT_HEARD),
            },
        )
        return target

    def _advice(self, target: str, *, deviate: bool, late: str | None) -> str:
        """The advisory committee asked and advising (Awb 9:13-9:16). Returns the
        judgment it recommends ("" for none)."""
        rng = self.rng
        recommended = ""
        self.wait(1, 3)
        self.add(ProcedureStep.REQUEST_ADVICE, data={"committee": data.COMMITTEE})
        if late == "consent":
            # The advice comes later than the extended term allows.
            self.day = max(self.day, self._limit() - timedelta(days=rng.randint(4, 8)))
            self.day = self.p.working_day_back(self.day)
        else:
            self.wait(12, 22, paced=False)
        if deviate:
            recommended = Outcome.WELL_FOUNDED
        elif target != Outcome.NO_JUDGMENT and rng.random() < 0.85:
            recommended = target
        self.add(
            ProcedureStep.RECORD_ADVICE,
            data={
                "received_on": self.day,
                "recommended_judgment": recommended,
                "text": data.ADVICE_TEXTS[recommended],
            },
        )
        return recommended

    def _decide_late(self, late: str | None) -> None:
        """For a scripted late handling: the decision moves past the due date (`extend`)
        or past the extended term (`consent`)."""
        rng = self.rng
        if late == "extend":
            beyond = self.deadlines.decide_by + timedelta(days=rng.randint(4, 12))
            self.day = max(self.day, min(self.p.working_day_back(beyond), self._limit()))
        elif late == "consent":
            beyond = self._limit() + timedelta(days=rng.randint(5, 10))
            self.day = max(self.day, self.p.working_day_back(beyond))

    def _limit(self) -> date:
        weeks = deadlines.DECIDE_WEEKS_WITH_COMMITTEE if self.committee else deadlines.DECIDE_WEEKS
        return self.p.calendar.add_weeks(self.plan.received_on, weeks + EXTENSION_WEEKS)

    def _postpone(self, started: date, *, late: str | None) -> None:
        """A conclusion after the due date: mostly extended once before that date (Awb
        9:11 lid 2, at most 4 weeks); beyond that, now and then a delay with the
        complainant's written consent."""
        rng = self.rng
        due = self.deadlines.decide_by
        done = self.day
        if done <= due or started > due:
            return
        if late is None and rng.random() > EXTEND_WHEN_LATE:
            return  # simply late: the register shows it
        earliest = max(started, due - timedelta(days=12))
        candidates = [
            earliest + timedelta(days=n)
            for n in range((due - earliest).days + 1)
            if self.p.calendar.is_working_day(earliest + timedelta(days=n))
        ]
        if not candidates:
            return
        day = rng.choice(candidates)
        limit = self._limit()
        new_due = min(limit, self.p.calendar.roll_forward(done + timedelta(days=rng.randint(0, 4))))
        self.steps.append(
            Step(
                EXTEND,
                day,
                self.handler,
                data={"new_due": new_due, "reason": rng.choice(data.EXTENSION_REASONS)},
            )
        )
        if done > new_due and (
            late == "consent"
            or (late is None and self.p.consent_delays < MAX_CONSENT_DELAYS and rng.random() < 0.4)
        ):
            self.p.consent_delays += 1
            consent_day = self.p.working_day_back(new_due - timedelta(days=rng.randint(1, 5)))
            consent_day = max(consent_day, day)
            self.steps.append(
                Step(
                    DELAY,
                    consent_day,
                    self.handler,
                    data={
                        "new_due": self.p.calendar.roll_forward(
                            done + timedelta(days=rng.randint(1, 5))
                        ),
                        "consent_on": consent_day,
                        "reason": rng.choice(data.CONSENT_REASONS),
                    },
                )
            )

    def _decision(self, target: str, recommended: str, deviate: bool) -> dict:
        rng = self.rng
        count = rng.choice([1, 1, 2, 2, 3, 4])
        picked = rng.sample(data.JUDGMENT_PARTS, count)
        if target == Outcome.PARTLY_WELL_FOUNDED:
            if count == 1:
                judgments = [Judgment.PARTLY_WELL_FOUNDED]
            else:
                judgments = [Judgment.WELL_FOUNDED] + [Judgment.UNFOUNDED] * (count - 1)
                rng.shuffle(judgments)
        else:
            judgments = [target] * count
        parts = []
        for (summary, codes, founded, unfounded), judgment in zip(picked, judgments, strict=True):
            if judgment == Judgment.NO_JUDGMENT:
                reasoning = (
                    "De lezingen van u en de medewerker verschillen en er zijn geen andere "
                    "gegevens. Wij kunnen daarom niet vaststellen wat er is gebeurd."
                )
            else:
                reasoning = unfounded if judgment == Judgment.UNFOUNDED else founded
            parts.append(
                {
                    "summary": summary,
                    "judgment": judgment,
                    "norms": codes[: rng.randint(1, len(codes))],
                    "reasoning": reasoning,
                }
            )
        decision = {
            "findings": rng.choice(data.FINDINGS).format(
                kern=_first_sentence(self.reg["description"])
            ),
            "conclusions": data.CONCLUSIONS[target],
            "measures": rng.choice(data.MEASURES) if target != Outcome.UNFOUNDED else "",
            "parts": parts,
        }
        if deviate:
            decision["deviates_from_advice"] = True
            decision["deviation_reasons"] = data.DEVIATION_REASONS
        return decision
