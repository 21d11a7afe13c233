"""After closing: the satisfaction survey the system sends on closing, answered now
and then; an unhappy answer seen by the coordinator or leading to a reopening; and
now and then a reopening because the complainant calls."""

from __future__ import annotations

from datetime import timedelta

from vangnet.complaints.workflow import Outcome
from vangnet.complaints.workflow import Step as ProcedureStep

from .. import data
from ..plans import SURVEY_ANSWER, SURVEY_SEEN, simulate, weighted
from .base import RouteBase

#: Share of surveyed closings whose complainant answers; of unhappy answers after which
#: the coordinator reopens; of other closings reopened because the complainant called.
SURVEY_ANSWER_SHARE = 0.3
REOPEN_AFTER_UNHAPPY = 0.35
REOPEN_SHARE = 0.01
#: Outcomes after which nobody is asked for satisfaction (surveys.services).
NOT_SURVEYED = {Outcome.WITHDRAWN, Outcome.FORWARDED_TO_BODY, Outcome.NOT_HANDLED}


class Aftercare(RouteBase):
    """Survey answers and reopening."""

    def after_close(self, *, reopen: str | None = None, may_reopen: bool = True) -> None:
        """The satisfaction survey (sent by the system on closing) answered now and
        then; an unhappy answer seen by the coordinator or leading to reopening; and
        sometimes a reopening because the complainant calls."""
        rng = self.rng
        _state, outcome, _closed = simulate(sorted(self.steps, key=lambda step: step.day))
        surveyed = self.has_email and outcome not in NOT_SURVEYED
        if not may_reopen:
            reopen = None
        elif reopen == "survey" and not surveyed:
            reopen = "call"  # no e-mail, no survey: the complainant calls instead
        if surveyed and (reopen == "survey" or rng.random() < SURVEY_ANSWER_SHARE):
            self.day = self.day + timedelta(days=rng.randint(1, 10))
            score = 1 if reopen == "survey" else weighted(rng, data.SURVEY_WEIGHTS)
            self.add(
                SURVEY_ANSWER,
                None,
                data={"satisfaction": score, "comment": rng.choice(data.SURVEY_COMMENTS[score])},
            )
            if score > 2:
                return
            self.day = self.p.calendar.roll_forward(self.day)
            self.wait(1, 4, paced=False)
            if not may_reopen or not (reopen == "survey" or rng.random() < REOPEN_AFTER_UNHAPPY):
                self.add(SURVEY_SEEN, "coordinator")
                return
            self._reopen(data.REOPEN_REASONS[1])
        elif may_reopen and (reopen == "call" or rng.random() < REOPEN_SHARE):
            if outcome in NOT_SURVEYED:
                return
            self.wait(5, 25, paced=False)
            self._reopen(rng.choice([data.REOPEN_REASONS[0], data.REOPEN_REASONS[2]]))

    def _reopen(self, reason: str) -> None:
        self.add(ProcedureStep.REOPEN, "coordinator", data={"reason": reason})
        self.wait(1, 3)
        self._contact(*self.rng.choice(data.CONTACT_FOLLOW_UP))
        self._informal_tail(may_reopen=False)
