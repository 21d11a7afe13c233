"""The partners' own complaint figures: periods, the rules of a report, the services
that store one (form, CSV upload, API) and send reminders, and the selectors the pages,
the API and the KPI module (`vangnet.reports.kpis`) read.

Callers use this package as one module (`from vangnet.partnerportal import figures`,
then `figures.submit_report(...)`); each part lives in its own module:

- `periods`   the periods of the municipality's frequency, their labels, and whether one
              may be reported now;
- `access`    who may give figures (a partner user for their own partner, a coordinator
              for any) and who may review them (coordinators);
- `lines`     the lines of a report and their rules (one line per theme, ten counts, two
              sums), every error at once;
- `versions`  storing the figures for a period as a new current version (form and API);
- `upload`    storing the figures of a CSV file, all periods in it or nothing (the file
              itself is read by `partnerportal.figures_csv`);
- `reading`   which versions a user may see, a report's history, a partner's periods;
- `reminders` who has not reported (the coordinator's overview, the KPIs) and the
              reminders sent to them.
"""

from .access import REVIEW_PERMISSION, SUBMIT_PERMISSION, can_review, can_submit
from .lines import INVARIANTS, NUMBER_FIELDS, LineError, allowed_theme_ids, check_lines
from .periods import (
    FIRST_YEAR,
    HALF_YEAR,
    PERIODS,
    QUARTER,
    YEAR,
    PeriodTuple,
    frequency_label,
    period_bounds,
    period_label,
    period_name,
    period_problems,
    periods_between,
    periods_of_year,
    report_frequency,
)
from .reading import history, partner_periods, reports_visible_to
from .reminders import (
    REMINDER_TEMPLATE,
    ReminderResult,
    missing_reports,
    reminder_addresses,
    send_reminders,
    year_overview,
)
from .upload import submit_upload
from .versions import NOTE_MAX, current_report, submit_report

__all__ = [
    "FIRST_YEAR",
    "HALF_YEAR",
    "INVARIANTS",
    "NOTE_MAX",
    "NUMBER_FIELDS",
    "PERIODS",
    "QUARTER",
    "REMINDER_TEMPLATE",
    "REVIEW_PERMISSION",
    "SUBMIT_PERMISSION",
    "YEAR",
    "LineError",
    "PeriodTuple",
    "ReminderResult",
    "allowed_theme_ids",
    "can_review",
    "can_submit",
    "check_lines",
    "current_report",
    "frequency_label",
    "history",
    "missing_reports",
    "partner_periods",
    "period_bounds",
    "period_label",
    "period_name",
    "period_problems",
    "periods_between",
    "periods_of_year",
    "reminder_addresses",
    "report_frequency",
    "reports_visible_to",
    "send_reminders",
    "submit_report",
    "submit_upload",
    "year_overview",
]
