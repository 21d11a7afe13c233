"""Storing a partner's figures for a period as a new version.

A correction stores a new version and makes it the current one; earlier versions stay.
Sending exactly what is current again (a double click) stores nothing new. Nothing is
stored unless every rule holds (`periods.period_problems`, `lines.check_lines`, the note).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.organisations.models import Partner

from ..models import PartnerReport, PartnerReportLine
from .access import is_active_user, require_submit
from .lines import NUMBER_FIELDS, allowed_theme_ids, check_lines, line_errors_dict
from .periods import period_bounds, period_problems, report_frequency

NOTE_MAX = 2000


def current_report(partner: Partner, year: int, period: str) -> PartnerReport | None:
    start, end = period_bounds(year, period)
    return (
        PartnerReport.objects.filter(
            partner=partner, period_start=start, period_end=end, is_current=True
        )
        .prefetch_related("lines")
        .first()
    )


def _same(current: PartnerReport | None, lines: list[dict], note: str) -> bool:
    if current is None or current.note != note:
        return False

    def key(line: dict):
        theme = line["theme"]
        return (theme.pk if theme else 0, *(line[name] for name in NUMBER_FIELDS))

    stored = sorted(
        (line.theme_id or 0, *(getattr(line, name) for name in NUMBER_FIELDS))
        for line in current.lines.all()
    )
    return stored == sorted(key(line) for line in lines)


def store_version(*, partner, year, period, lines, actor, source, note, current) -> PartnerReport:
    """Store checked `lines` as the new current version (or return `current` when they
    and the note are what it already holds). The caller checked the rules and holds the
    partner's row lock."""
    if _same(current, lines, note):
        return current
    start, end = period_bounds(year, period)
    siblings = PartnerReport.objects.filter(partner=partner, period_start=start, period_end=end)
    version = (siblings.aggregate(top=Max("version"))["top"] or 0) + 1
    siblings.filter(is_current=True).update(is_current=False)
    report = PartnerReport.objects.create(
        partner=partner,
        year=year,
        period=period,
        period_start=start,
        period_end=end,
        version=version,
        is_current=True,
        submitted_at=timezone.now(),
        submitted_by=actor if is_active_user(actor) else None,
        source=source,
        note=note,
    )
    PartnerReportLine.objects.bulk_create(
        PartnerReportLine(report=report, **line) for line in lines
    )
    return report


def clean_note(note: str, errors: dict) -> str:
    """The note, stripped; a note too long adds an error under `note` to `errors`."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [
            _("Een toelichting mag hoogstens %(max)s tekens zijn.") % {"max": "2.000"}
        ]
    return note


@transaction.atomic
def submit_report(
    *,
    partner: Partner,
    year: int,
    period: str,
    lines: list[dict],
    actor,
    source: str,
    note: str = "",
) -> PartnerReport:
    """Store `partner`'s figures for (year, period) as the current version.

    `lines`: dicts with `theme` (a Theme, or None for other/unknown), the ten counts
    (ints; missing or None is 0) and optionally `row`, how the message names the line
    ("Regel 2"). Raises PermissionDenied, or ValidationError with every error at once,
    keyed `period`, `note`, `lines` (about the lines as a whole) and
    `lines.<index>.<field>`; each message names its line and column. Nothing is stored
    on an error."""
    require_submit(actor, partner)
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    errors: dict[str, list[str]] = {}
    problems = period_problems(year, period, frequency=report_frequency(), today=deadlines.today())
    if problems:
        errors["period"] = problems
    note = clean_note(note, errors)
    current = None if problems else current_report(partner, year, period)
    clean, line_errors = check_lines(
        list(lines or []), allowed_theme_ids=allowed_theme_ids(current), source=source
    )
    errors.update(line_errors_dict(line_errors))
    if errors:
        raise ValidationError(errors)
    return store_version(
        partner=partner,
        year=year,
        period=period,
        lines=clean,
        actor=actor,
        source=source,
        note=note,
        current=current,
    )
