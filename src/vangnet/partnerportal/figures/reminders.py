"""Who has not reported, and the reminders the coordinator sends them.

`missing_reports` is also what the KPI module (`vangnet.reports.kpis`) reads;
`year_overview` is the coordinator's page: per period who reported and who did not,
with their latest reminder. Reminders go out through the outbox and are recorded as
`FiguresReminder`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.core.roles import Role
from vangnet.core.urls import site_url
from vangnet.letters import outbox
from vangnet.letters.rendering import html_to_text
from vangnet.organisations.models import Municipality, Partner

from ..models import FiguresReminder, PartnerReport
from .access import can_review
from .periods import (
    FIRST_YEAR,
    PeriodTuple,
    period_bounds,
    period_label,
    period_name,
    period_problems,
    periods_between,
    periods_of_year,
    report_frequency,
)

REMINDER_TEMPLATE = "partnerportal/figures_reminder_email.html"


def missing_reports(
    start: date, end: date, *, today: date
) -> list[tuple[Partner, list[PeriodTuple]]]:
    """Active partners without a current report for a period (of the municipality's
    frequency) lying within [start, end] whose last day is before `today`; each with
    those periods, partners by name. Three queries, whatever the number of partners."""
    periods = [
        period
        for period in periods_between(start, end, frequency=report_frequency())
        if period[3] < today and period[0] >= FIRST_YEAR
    ]
    if not periods:
        return []
    reported = set(
        PartnerReport.objects.filter(
            is_current=True, period_start__gte=periods[0][2], period_end__lte=periods[-1][3]
        ).values_list("partner_id", "period_start", "period_end")
    )
    result = []
    for partner in Partner.objects.filter(is_active=True).order_by("name"):
        missing = [p for p in periods if (partner.pk, p[2], p[3]) not in reported]
        if missing:
            result.append((partner, missing))
    return result


def year_overview(year: int, *, today: date) -> list[dict]:
    """For the coordinator: per period of `year`, the current reports and the active
    partners that have not reported, with their latest reminder."""
    frequency = report_frequency()
    reports = defaultdict(list)
    for report in PartnerReport.objects.filter(
        is_current=True, period_start__gte=date(year, 1, 1), period_end__lte=date(year, 12, 31)
    ).select_related("partner", "submitted_by"):
        reports[(report.period_start, report.period_end)].append(report)
    reminders: dict[tuple[int, str], FiguresReminder] = {}
    for reminder in FiguresReminder.objects.filter(year=year).order_by("sent_at"):
        reminders[(reminder.partner_id, reminder.period)] = reminder
    partners = list(Partner.objects.filter(is_active=True).order_by("name"))
    rows = []
    for year_, code, start, end in periods_of_year(year, frequency=frequency):
        done = sorted(reports[(start, end)], key=lambda r: r.partner.name)
        reported_ids = {report.partner_id for report in done}
        ended = end < today
        missing = (
            [
                {"partner": partner, "reminder": reminders.get((partner.pk, code))}
                for partner in partners
                if partner.pk not in reported_ids
            ]
            if end <= today
            else []
        )
        rows.append(
            {
                "year": year_,
                "period": code,
                "label": period_label(year_, code),
                "name": period_name(year_, code),
                "start": start,
                "end": end,
                "ended": ended,
                "open": end > today,
                "reported": done,
                "missing": missing,
            }
        )
    return rows


@dataclass
class ReminderResult:
    sent: list[FiguresReminder] = field(default_factory=list)
    without_address: list[Partner] = field(default_factory=list)


def reminder_addresses(partner: Partner) -> list[str]:
    """The partner's address for forwarded complaints, and its partner users' e-mail."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, partner=partner, groups__name=Role.PARTNER)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )
    addresses: list[str] = []
    for address in [partner.forward_address, *users]:
        if address and address.casefold() not in {a.casefold() for a in addresses}:
            addresses.append(address)
    return addresses


@transaction.atomic
def send_reminders(
    *, actor, year: int, period: str, partners: list[Partner] | None = None
) -> ReminderResult:
    """E-mail the partners that have not reported for (year, period) a reminder, through
    the outbox, and record it. `partners`: only these (default: every partner missing).
    A partner that has reported meanwhile is skipped; one without an e-mail address is
    returned in `without_address`."""
    if not can_review(actor):
        raise PermissionDenied(_("Alleen een klachtcoördinator kan herinneringen sturen."))
    today = deadlines.today()
    problems = period_problems(year, period, frequency=report_frequency(), today=today)
    if problems:
        raise ValidationError({"period": problems})
    start, end = period_bounds(year, period)
    missing = dict(
        (partner.pk, partner)
        for partner, periods in missing_reports(start, end, today=today + timedelta(days=1))
        if periods
    )
    if partners is not None:
        wanted = {partner.pk for partner in partners}
        missing = {pk: partner for pk, partner in missing.items() if pk in wanted}
    result = ReminderResult()
    municipality = Municipality.current()
    link = site_url("partnerportal:figures")
    for partner in missing.values():
        addresses = reminder_addresses(partner)
        if not addresses:
            result.without_address.append(partner)
            continue
        _queue_reminder(addresses, partner, municipality, year, period, link)
        result.sent.append(
            FiguresReminder.objects.create(
                partner=partner,
                year=year,
                period=period,
                sent_at=timezone.now(),
                sent_by=actor,
                sent_to=", ".join(addresses),
            )
        )
    return result


def _queue_reminder(addresses, partner, municipality, year: int, period: str, link: str) -> None:
    """Put the reminder for `partner` in the outbox, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Herinnering: uw klachtcijfers over %(period)s voor %(municipality)s") % {
            "period": period_name(year, period),
            "municipality": municipality.name,
        }
        html = render_to_string(
            REMINDER_TEMPLATE,
            {
                "subject": subject,
                "municipality": municipality,
                "partner": partner,
                "period_name": period_name(year, period),
                "period_label": period_label(year, period),
                "link": link,
            },
        )
    for address in addresses:
        outbox.queue(to=address, subject=subject, text=html_to_text(html), html=html)
