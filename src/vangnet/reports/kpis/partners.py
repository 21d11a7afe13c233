"""Partners (kpis.md, "Partners"): per cooperation partner the complaints about it that
reached the municipality, how many were forwarded and how quickly the partner reported
back; the figures the partners report themselves; and the partners that did not report.

Definitions, where kpis.md leaves a choice:
- Forwarded: forwards made in the period (`Forward.forwarded_on`) of complaints; replied
  in time: a reply on or before `reply_due_on` (local date); reply days: the median of
  the calendar days from forward to reply.
- Partners' own figures: the current version of every report whose whole period lies
  inside the report's period; partners report for themselves, so a report about one
  body shows them too.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from vangnet.complaints.models import Forward, Kind
from vangnet.organisations.models import Partner, Theme
from vangnet.partnerportal.figures import missing_reports
from vangnet.partnerportal.models import PartnerReportLine

from ..figures import Section, Unit
from .builder import Builder, names
from .raw import Raw, add_to_histogram, days_between, local_day, percentile, row_key

#: The numbers a partner reports per period (partnerportal.PartnerReportLine).
REPORTED_COLUMNS = (
    "received",
    "handled",
    "resolved_informally",
    "decided_formally",
    "not_handled",
    "withdrawn",
    "well_founded",
    "partly_well_founded",
    "unfounded",
    "no_judgment",
)


def gather(raw: Raw) -> None:
    partners = raw.tables["partners"]
    for row in (
        raw.received()
        .filter(partner__isnull=False)
        .values("partner_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        partners[str(row["partner_id"])]["about_partner"] = row["n"]
    _forwards(raw)
    _reported(raw)
    if raw.period.start <= raw.today:
        _not_reported(raw)


def _forwards(raw: Raw) -> None:
    partners = raw.tables["partners"]
    forwards = Forward.objects.filter(
        forwarded_on__range=(raw.period.start, raw.period.end), complaint__kind=Kind.COMPLAINT
    )
    if raw.body is not None:
        forwards = forwards.filter(complaint__body=raw.body)
    forwards = forwards.annotate(replied_on=local_day("replied_at"))
    for row in (
        forwards.values("partner_id")
        .annotate(
            n=Count("id"),
            replied=Count("id", filter=Q(replied_at__isnull=False)),
            replied_in_time=Count(
                "id", filter=Q(replied_at__isnull=False, replied_on__lte=F("reply_due_on"))
            ),
        )
        .order_by()
    ):
        cells = partners[str(row["partner_id"])]
        cells["forwarded"] = row["n"]
        cells["replied"] = row["replied"]
        cells["replied_in_time"] = row["replied_in_time"]
    histograms: dict[str, dict[int, int]] = defaultdict(dict)
    for row in (
        forwards.filter(replied_at__isnull=False)
        .annotate(days=days_between("replied_on", "forwarded_on"))
        .values("partner_id", "days")
        .annotate(n=Count("id"))
        .order_by()
    ):
        add_to_histogram(histograms[str(row["partner_id"])], row["days"], row["n"])
    for key, histogram in histograms.items():
        partners[key]["reply_days_median"] = percentile(histogram, 0.5)


def _reported(raw: Raw) -> None:
    """What the partners report themselves."""
    lines = PartnerReportLine.objects.filter(
        report__is_current=True,
        report__period_start__gte=raw.period.start,
        report__period_end__lte=raw.period.end,
    )
    sums = {f"reported_{name}": Sum(name) for name in REPORTED_COLUMNS}
    for row in lines.values("report__partner_id").annotate(**sums).order_by():
        cells = raw.tables["partners"][str(row["report__partner_id"])]
        for name in REPORTED_COLUMNS:
            cells[f"reported_{name}"] = row[f"reported_{name}"]
    by_theme = lines.annotate(main_theme=Coalesce("theme__parent_id", "theme_id"))
    for row in (
        by_theme.values("main_theme")
        .annotate(received=Sum("received"), handled=Sum("handled"))
        .order_by()
    ):
        cells = raw.tables["partner_reported_by_theme"][row_key(row["main_theme"])]
        cells["received"] = row["received"]
        cells["handled"] = row["handled"]


def _not_reported(raw: Raw) -> None:
    for partner, periods in missing_reports(raw.period.start, raw.period.end, today=raw.today):
        raw.tables["partners_not_reported"][str(partner.pk)]["periods"] = ", ".join(
            _period_label(year, code) for year, code, _start, _end in periods
        )
        raw.labels["partners_not_reported"][str(partner.pk)] = partner.name


def _period_label(year: int, code: str) -> str:
    return str(year) if code == "Y" else f"{year}-{code}"


def section(b: Builder) -> Section:
    return Section(
        "partners",
        _("Samenwerkingspartners"),
        notes=[
            _(
                "Per partner: de klachten over de partner die bij de gemeente binnenkwamen, "
                "hoeveel daarvan zijn doorgestuurd en hoe snel de partner terugkoppelde, en de "
                "cijfers die de partner zelf over de periode heeft aangeleverd."
            )
        ],
        tables=[
            b.table(
                "partners",
                _("Klachten per samenwerkingspartner"),
                _partner_columns(),
                rows=_all_partner_rows(b),
            ),
            b.table(
                "partner_reported_by_theme",
                _("Door partners gemelde klachten per thema"),
                [
                    ("received", _("Ontvangen"), Unit.COUNT),
                    ("handled", _("Afgehandeld"), Unit.COUNT),
                ],
                labels=names(Theme),
                order_by="received",
            ),
            b.table(
                "partners_not_reported",
                _("Partners die (nog) geen cijfers hebben aangeleverd"),
                [("periods", _("Periodes zonder cijfers"), Unit.TEXT)],
                # Only this period's: last year's gaps are last year's report.
                rows=sorted(b.now.labels["partners_not_reported"].items(), key=lambda r: r[1]),
                suppressible=False,
                default=None,
            ),
        ],
    )


def _partner_columns() -> list[tuple[str, str, str]]:
    count = Unit.COUNT
    return [
        ("about_partner", _("Klachten over de partner bij de gemeente"), count),
        ("forwarded", _("Doorgestuurd"), count),
        ("replied", _("Teruggekoppeld"), count),
        ("replied_in_time", _("Op tijd teruggekoppeld"), count),
        ("reply_days_median", _("Terugkoppeling na (dagen, mediaan)"), Unit.DAYS),
        ("reported_received", _("Gemeld: ontvangen"), count),
        ("reported_handled", _("Gemeld: afgehandeld"), count),
        ("reported_resolved_informally", _("Gemeld: informeel opgelost"), count),
        ("reported_decided_formally", _("Gemeld: formeel afgehandeld"), count),
        ("reported_well_founded", _("Gemeld: gegrond"), count),
        ("reported_partly_well_founded", _("Gemeld: deels gegrond"), count),
        ("reported_unfounded", _("Gemeld: ongegrond"), count),
        ("reported_no_judgment", _("Gemeld: geen oordeel"), count),
        ("reported_not_handled", _("Gemeld: niet in behandeling"), count),
        ("reported_withdrawn", _("Gemeld: ingetrokken"), count),
    ]


def _all_partner_rows(b: Builder) -> list[tuple[str, str]]:
    """Every active partner, and any other partner with figures in either period."""
    keys = set(b.now.tables.get("partners", {})) | set(b.before.tables.get("partners", {}))
    ids = {int(k) for k in keys if k.isdigit()}
    partners = Partner.objects.filter(Q(is_active=True) | Q(pk__in=ids)).order_by("name")
    return [(str(p.pk), p.name) for p in partners]
