"""The partners' own complaint figures in the demo: each partner's report for every
period of last year and this year that has ended, through the partner portal's
service, with a few partners late for the latest period (`LATE_REPORTERS`)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from vangnet.organisations.models import Theme

from .organisation import Org
from .plans import TZ

#: Partners (by slug) that have not yet sent their figures for the latest period, so
#: the coordinator's overview and the annual report show who is missing.
LATE_REPORTERS = ("regiotaxi-vangland", "pleegzorg-horizon")


def generate_partner_reports(org: Org, *, seed: int, today: date) -> int:
    """Each partner's own complaint figures for every period of last year and this year
    that has ended, through the partner portal's service (so they pass its checks); the
    latest period is missing for `LATE_REPORTERS`, and one period was corrected once."""
    from vangnet.partnerportal import figures
    from vangnet.partnerportal.models import PartnerReport, Source

    rng = random.Random(seed + 5)
    frequency = org.municipality.partner_report_frequency
    periods = [
        period
        for period in figures.periods_between(
            date(today.year - 1, 1, 1), today, frequency=frequency
        )
        if period[3] < today
    ]
    coordinator = org.users["coordinator"]
    made = 0
    for slug, partner in sorted(org.partners.items()):
        themes = list(partner.themes.order_by("slug")) or [None]
        for index, (year, code, _start, end) in enumerate(periods):
            if slug in LATE_REPORTERS and index == len(periods) - 1:
                continue
            versions = 2 if (slug, index) == (sorted(org.partners)[0], 0) else 1
            for _version in range(versions):
                lines = [partner_line(rng, theme) for theme in themes]
                report = figures.submit_report(
                    partner=partner,
                    year=year,
                    period=code,
                    lines=lines,
                    actor=coordinator,
                    source=Source.FORM,
                )
                moment = datetime.combine(end + timedelta(days=rng.randint(5, 25)), time(10))
                PartnerReport.objects.filter(pk=report.pk).update(
                    submitted_at=min(moment, datetime.combine(today, time(9))).replace(tzinfo=TZ)
                )
                made += 1
    return made


def partner_line(rng: random.Random, theme: Theme | None) -> dict:
    """One theme's figures in a partner's report, with totals that add up (the bulk
    generator in bench/ writes its reports with this too)."""
    informal, not_handled, withdrawn = rng.randint(0, 9), rng.randint(0, 1), rng.randint(0, 1)
    well, partly, unfounded, none = (rng.randint(0, 2), rng.randint(0, 1), rng.randint(0, 3), 0)
    formal = well + partly + unfounded + none
    handled = informal + formal + not_handled + withdrawn
    return {
        "theme": theme,
        "received": handled + rng.randint(0, 2),
        "handled": handled,
        "resolved_informally": informal,
        "decided_formally": formal,
        "not_handled": not_handled,
        "withdrawn": withdrawn,
        "well_founded": well,
        "partly_well_founded": partly,
        "unfounded": unfounded,
        "no_judgment": none,
    }
