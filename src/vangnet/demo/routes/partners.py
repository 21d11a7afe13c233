"""Partners and forwards: a complaint about a partner forwarded to it, which reports
back through its reply link or the partner portal (or does not, and is reminded and
escalated by the daily job), after which the municipality closes it or takes it on
itself; and a cooperation complaint with each party's contribution and a joint case
discussion."""

from __future__ import annotations

from vangnet.complaints.workflow import Step as ProcedureStep

from .. import data
from ..plans import CONTRIBUTION, FORWARD, JOINT_DISCUSSION, PARTNER_REPLY, weighted
from .base import RouteBase


class PartnerRoutes(RouteBase):
    """Forwarded to a partner; several parties cooperating."""

    def partner(
        self,
        *,
        reply: str | None = None,
        via: str | None = None,
        partner_outcome: str | None = None,
        reopen: str | None = None,
        **_script,
    ) -> None:
        """Forwarded to the partner complained about, which reports back through its
        reply link (or the portal); the municipality closes the complaint when the
        partner handled it, or takes it on itself."""
        rng = self.rng
        slug = self.reg["partner"].slug
        if rng.random() < 0.6:
            self.first_contact("forward")
        self.wait(0, 3)
        self.add(FORWARD, partner=slug, text=rng.choice(data.FORWARD_NOTES))
        forwarded = self.day
        term = self.p.org.partners[slug].reply_term_working_days
        reply = reply or weighted(rng, {"in_time": 78, "late": 16, "none": 6})
        if reply == "none":
            # Reminded the day after the term, escalated after the configured working
            # days (the daily job does both); then the handler takes it on.
            escalation = self.p.policy.partner_escalation_working_days
            self.day = self.p.calendar.add_working_days(
                forwarded, term + 1 + escalation + rng.randint(1, 4)
            )
            self._contact(*rng.choice(data.CONTACT_INFORMAL))
            self._informal_tail(reopen=reopen)
            return
        if reply == "in_time":
            self.day = self.p.calendar.add_working_days(forwarded, rng.randint(2, term - 1))
        else:  # after the reminder
            self.day = self.p.calendar.add_working_days(forwarded, term + rng.randint(2, 5))
        outcome = partner_outcome or weighted(rng, data.PARTNER_REPLY_WEIGHTS)
        portal = slug == "schuldhulp-vangstad" and rng.random() < 0.5
        if via is not None:
            portal = via == "portal"
        self.add(
            PARTNER_REPLY,
            "partner" if portal else None,
            partner=slug,
            data={
                "name": "" if portal else rng.choice(data.PARTNER_REPLIERS),
                "action": rng.choice(data.PARTNER_REPLIES[outcome]),
                "outcome": outcome,
            },
        )
        if outcome != "not_reached" and (partner_outcome or rng.random() < 0.85):
            self.wait(1, 4)
            self.add(
                ProcedureStep.CLOSE_FORWARDED,
                data={"note": rng.choice(data.CLOSE_FORWARDED_NOTES)},
            )
            self.after_close(reopen=reopen)
            return
        # The partner could not solve it: the municipality handles it itself.
        self.wait(1, 3)
        if not any(step.action == ProcedureStep.LOG_CONTACT for step in self.steps):
            self._contact(*rng.choice(data.CONTACT_INFORMAL))
        else:
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
        self._informal_tail(reopen=reopen)

    def cooperation(self, *, reopen: str | None = None, **_script) -> None:
        """Several parties: one coordinating handler records each party's contribution
        and a joint case discussion, then resolves or judges the complaint."""
        rng = self.rng
        self.first_contact("informal")
        names = [partner.name for partner in self.plan.involved]
        for party in self.plan.involved[:2]:
            self.wait(2, 6)
            self.add(
                CONTRIBUTION,
                data={
                    "party": party,
                    "received_on": self.day,
                    "text": rng.choice(data.CONTRIBUTIONS),
                },
            )
        self.wait(2, 6)
        agreements = rng.choice(data.JOINT_AGREEMENTS).format(partner1=names[0], partner2=names[1])
        self.add(
            JOINT_DISCUSSION,
            data={
                "held_on": self.day,
                "participants": data.JOINT_PARTICIPANTS.format(
                    handler=self._name(self.handler), partner1=names[0], partner2=names[1]
                ),
                "agreements": agreements,
            },
        )
        if rng.random() < 0.7:
            self.wait(1, 4)
            self.add(
                ProcedureStep.RESOLVE_INFORMALLY,
                data={
                    "agreement": "Klager stemt in met de afspraken uit de casusbespreking: "
                    + agreements
                },
            )
            self.after_close(reopen=reopen)
        else:
            self._formal_tail(reopen=reopen)
