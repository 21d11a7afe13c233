"""Handling route (kpis.md, "Handling route"): how the complaints closed in the period
were closed (resolved informally, decided formally, not handled per ground, withdrawn,
forwarded), and the share resolved informally.

The one query per route also counts its closings on time, for the timeliness table
per route (`timeliness`).
"""

from __future__ import annotations

from django.db.models import Case, Count, F, Q, Value, When
from django.utils.translation import gettext as _

from vangnet.complaints.workflow import DeclineGround, Outcome

from ..figures import Section, Unit
from .builder import Builder, choices
from .raw import FORMAL_OUTCOMES, Raw, share

#: Closed on time: on or before the legal due date (`timeliness`).
ON_TIME = Q(closed_on__lte=F("decide_by"))


class Route:
    """Handling routes (kpis.md, "Handling route"), in report order."""

    RESOLVED_INFORMALLY = "resolved_informally"
    DECIDED_FORMALLY = "decided_formally"
    NOT_HANDLED = "not_handled"
    WITHDRAWN = "withdrawn"
    FORWARDED_TO_PARTNER = "forwarded_to_partner"
    FORWARDED_TO_BODY = "forwarded_to_body"

    ALL = (
        RESOLVED_INFORMALLY,
        DECIDED_FORMALLY,
        NOT_HANDLED,
        WITHDRAWN,
        FORWARDED_TO_PARTNER,
        FORWARDED_TO_BODY,
    )

    @staticmethod
    def labels() -> dict[str, str]:
        return {
            Route.RESOLVED_INFORMALLY: _("Informeel opgelost (Awb 9:5)"),
            Route.DECIDED_FORMALLY: _("Formeel afgehandeld met een oordeel"),
            Route.NOT_HANDLED: _("Niet in behandeling genomen (Awb 9:8)"),
            Route.WITHDRAWN: _("Ingetrokken"),
            Route.FORWARDED_TO_PARTNER: _("Doorgestuurd naar samenwerkingspartner"),
            Route.FORWARDED_TO_BODY: _("Doorgestuurd naar ander bestuursorgaan"),
        }

    @staticmethod
    def expression() -> Case:
        """The route of a closed complaint from its outcome, as SQL."""
        return Case(
            When(outcome__in=FORMAL_OUTCOMES, then=Value(Route.DECIDED_FORMALLY)),
            When(outcome=Outcome.RESOLVED_INFORMALLY, then=Value(Route.RESOLVED_INFORMALLY)),
            When(outcome=Outcome.NOT_HANDLED, then=Value(Route.NOT_HANDLED)),
            When(outcome=Outcome.WITHDRAWN, then=Value(Route.WITHDRAWN)),
            When(outcome=Outcome.FORWARDED_TO_PARTNER, then=Value(Route.FORWARDED_TO_PARTNER)),
            When(outcome=Outcome.FORWARDED_TO_BODY, then=Value(Route.FORWARDED_TO_BODY)),
            default=Value(""),
        )


def closed_by_route(raw: Raw):
    """The complaints closed in the period, each with its `route`."""
    return raw.closed().annotate(route=Route.expression())


def gather(raw: Raw) -> None:
    closed = closed_by_route(raw)
    for row in (
        closed.values("route")
        .annotate(n=Count("id"), on_time=Count("id", filter=ON_TIME))
        .order_by()
    ):
        raw.tables["route"][row["route"]]["count"] = row["n"]
        raw.tables["timeliness_by_route"][row["route"]]["closed"] = row["n"]
        raw.tables["timeliness_by_route"][row["route"]]["on_time"] = row["on_time"]
    raw.group("not_handled_by_ground", closed.filter(outcome=Outcome.NOT_HANDLED), "decline_ground")
    informal = raw.tables["route"].get(Route.RESOLVED_INFORMALLY, {}).get("count", 0)
    raw.values["resolved_informally"] = informal
    raw.values["share_resolved_informally"] = share(informal, raw.values["closed"])


def section(b: Builder) -> Section:
    return Section(
        "route",
        _("Hoe zijn de klachten afgehandeld?"),
        figures=[
            b.figure("closed", _("Afgehandelde klachten")),
            b.figure("resolved_informally", _("Informeel opgelost")),
            b.figure("share_resolved_informally", _("Aandeel informeel opgelost"), Unit.SHARE),
        ],
        tables=[
            b.table(
                "route",
                _("Afgehandeld per route"),
                [("count", _("Afgehandeld"), Unit.COUNT), ("share", _("Aandeel"), Unit.SHARE)],
                rows=list(Route.labels().items()),
                shares={"share": ("count", "closed")},
                chart_column="count",
            ),
            b.table(
                "not_handled_by_ground",
                _("Niet in behandeling genomen, per grond (Awb 9:8)"),
                [("count", _("Aantal"), Unit.COUNT)],
                rows=choices(DeclineGround.choices),
            ),
        ],
    )
