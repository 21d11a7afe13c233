"""The read side of the partners' figures: which versions a user may see, a report's
history, and a partner's own periods with their state."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from vangnet.organisations.models import Partner

from ..models import PartnerReport
from .access import can_review, can_submit
from .periods import FIRST_YEAR, period_label, period_name, periods_of_year, report_frequency


def reports_visible_to(user) -> QuerySet[PartnerReport]:
    """Every version the user may see: a coordinator all, a partner user their own
    partner's, anyone else none."""
    reports = PartnerReport.objects.select_related("partner", "submitted_by")
    if can_review(user):
        return reports
    if can_submit(user):
        return reports.filter(partner_id=user.partner_id)
    return reports.none()


def history(report: PartnerReport) -> QuerySet[PartnerReport]:
    """Every version for the report's partner and period, newest first."""
    return (
        PartnerReport.objects.filter(
            partner_id=report.partner_id,
            period_start=report.period_start,
            period_end=report.period_end,
        )
        .select_related("submitted_by")
        .order_by("-version")
    )


def partner_periods(partner: Partner, year: int, *, today: date) -> list[dict]:
    """The periods of `year` for `partner`: each with its state (reported, corrected,
    missing, open = not yet over) and current report."""
    frequency = report_frequency()
    periods = periods_of_year(year, frequency=frequency)
    current = {
        (report.period_start, report.period_end): report
        for report in PartnerReport.objects.filter(
            partner=partner,
            is_current=True,
            period_start__gte=date(year, 1, 1),
            period_end__lte=date(year, 12, 31),
        )
    }
    rows = []
    for year_, code, start, end in periods:
        report = current.get((start, end))
        if report is not None:
            state = "corrected" if report.version > 1 else "reported"
        elif end > today:
            state = "open"
        else:
            state = "missing"
        rows.append(
            {
                "year": year_,
                "period": code,
                "label": period_label(year_, code),
                "name": period_name(year_, code),
                "start": start,
                "end": end,
                "report": report,
                "state": state,
                "can_submit": end <= today and year_ >= FIRST_YEAR,
            }
        )
    return rows
