"""The informal route: the complaint resolved to the complainant's satisfaction
(Awb 9:5) after the first contact and perhaps a follow-up, confirmed in writing. Other
routes end this way too (`_informal_tail`): a talk after the hearing, a partner that
could not solve it, a reopened complaint."""

from __future__ import annotations

from vangnet.complaints.workflow import Step as ProcedureStep

from .. import data
from ..plans import NOTE
from .base import RouteBase


class InformalRoute(RouteBase):
    """Resolved informally."""

    def informal(self, *, reopen: str | None = None, **_script) -> None:
        """Resolved to the complainant's satisfaction (Awb 9:5), confirmed in writing."""
        self.first_contact("informal")
        self._informal_tail(reopen=reopen)

    def _informal_tail(self, *, reopen: str | None = None, may_reopen: bool = True) -> None:
        rng = self.rng
        if rng.random() < 0.3:
            self.wait(1, 4)
            self.add(NOTE, text=rng.choice(data.PROGRESS_NOTES))
        if rng.random() < 0.45 and not self.anonymous:
            self.wait(1, 5)
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
        self.wait(1, 6)
        self.add(
            ProcedureStep.RESOLVE_INFORMALLY,
            data={
                "agreement": self._text(rng.choice(data.AGREEMENTS)),
                "send_confirmation": not self.anonymous,
            },
        )
        self.after_close(reopen=reopen, may_reopen=may_reopen)
