"""The whole report: `compute` gathers the raw figures of the period and of the same
days a year earlier, section by section, and assembles the sections in report order.
Which figures there are and how each is counted is the business of the section
modules; this module only decides their order."""

from __future__ import annotations

from datetime import date

from vangnet.complaints import deadlines
from vangnet.organisations.models import Body, Municipality

from ..figures import Period, Report
from . import learning, outcome, partners, route, satisfaction, second_line, timeliness, volume
from .builder import Builder
from .raw import Raw, bodies_of

#: The sections in report order; each gathers its raw figures in this order too.
SECTIONS = (volume, route, outcome, timeliness, partners, second_line, learning, satisfaction)


def compute(period: Period, *, body: Body | None = None, today: date | None = None) -> Report:
    """Every figure of kpis.md for `period` (and the same days a year earlier), for one
    body or (None) all."""
    today = today or deadlines.today()
    previous = period.previous()
    bodies = bodies_of(body)
    now = _gathered(period, body, today=today, bodies=bodies)
    before = _gathered(previous, body, today=today, bodies=bodies)
    b = Builder(now, before)
    monthly = volume.monthly_rows(period, now, before)
    sections = [
        volume.section(b, monthly),
        route.section(b),
        outcome.section(b),
        timeliness.section(b),
        partners.section(b),
        second_line.section(b, period, bodies),
        learning.section(b),
        satisfaction.section(b),
    ]
    municipality = Municipality.current()
    return Report(
        period=period,
        previous_period=previous,
        body=body.name if body else "",
        body_id=body.pk if body else None,
        municipality=municipality.name,
        sections=sections,
        monthly_intake=monthly,
    )


def _gathered(period: Period, body: Body | None, *, today: date, bodies: list[Body]) -> Raw:
    raw = Raw(period, body, today=today, bodies=bodies)
    for module in SECTIONS:
        module.gather(raw)
    return raw
