"""Timeliness (kpis.md, "Timeliness"): closed on time, lead times (median and 90th
percentile, overall and per route), extensions and delays with consent, complaints
open past their due date, and the first-line terms (acknowledgement, first contact).

Definitions, where kpis.md leaves a choice:
- Legal due date is `Complaint.decide_by`: received + 6 (10) weeks under the Atw, moved
  only by a timely extension or a delay with recorded written consent
  (`complaints/procedure.py`). Closed on time: `closed_on <= decide_by`.
- Lead time: calendar days from received to closed; percentiles as in `raw.percentile`.
- Acknowledged on time: an acknowledgement letter made on or before `acknowledge_by`
  (local date). First contact on time: a contact with the complainant that reached
  them (`Contact.reached`) on or before `first_contact_by`. Both of the complaints
  received in the period.
- Acknowledgement not possible: complaints received in the period whose acknowledgement
  step found no e-mail or postal address (`Complaint.acknowledgement_not_sent`:
  anonymous, a phone call without details). Counted apart, never as acknowledged, and
  left out of the share's denominator: share acknowledged on time = acknowledged on
  time ÷ (received − acknowledgement not possible).
- The legal term of a complaint with an advisory committee is 10 weeks only when the
  committee was known by the end of the 6 weeks (`complaints.deadlines.decide_weeks`);
  one asked later leaves `decide_by`, so closing after it counts as late.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from vangnet.complaints.models import Contact, Postponement
from vangnet.letters.models import Letter

from ..figures import Section, Unit
from .builder import Builder
from .raw import Raw, add_to_histogram, days_between, local_day, percentile, share
from .route import ON_TIME, Route, closed_by_route


def gather(raw: Raw) -> None:
    _closings(raw)
    _open_past_due(raw)
    _lead_times(raw)
    _first_line_terms(raw)


def _postponed(kind: str) -> Q:
    return Q(Exists(Postponement.objects.filter(complaint=OuterRef("pk"), kind=kind)))


def _closings(raw: Raw) -> None:
    totals = closed_by_route(raw).aggregate(
        on_time=Count("id", filter=ON_TIME),
        extended=Count("id", filter=_postponed(Postponement.Kind.EXTENSION)),
        delayed_with_consent=Count("id", filter=_postponed(Postponement.Kind.CONSENT)),
    )
    closed_count = raw.values["closed"]
    raw.values["closed_on_time"] = totals["on_time"]
    raw.values["share_on_time"] = share(totals["on_time"], closed_count)
    raw.values["closed_late"] = closed_count - totals["on_time"]
    raw.values["extended"] = totals["extended"]
    raw.values["delayed_with_consent"] = totals["delayed_with_consent"]


def _open_past_due(raw: Raw) -> None:
    end = raw.period.end
    raw.values["open_past_due_at_end"] = (
        raw.complaints()
        .filter(received_on__lte=end, decide_by__lt=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .count()
    )


def _lead_times(raw: Raw) -> None:
    """A histogram of lead days per route, the percentiles from it."""
    histograms: dict[str, dict[int, int]] = defaultdict(dict)
    overall: dict[int, int] = defaultdict(int)
    for row in (
        closed_by_route(raw)
        .annotate(lead=days_between("closed_on", "received_on"))
        .values("route", "lead")
        .annotate(n=Count("id"))
        .order_by()
    ):
        add_to_histogram(histograms[row["route"]], row["lead"], row["n"])
        add_to_histogram(overall, row["lead"], row["n"])
    for route_key, histogram in histograms.items():
        cells = raw.tables["timeliness_by_route"][route_key]
        cells["lead_time_median"] = percentile(histogram, 0.5)
        cells["lead_time_p90"] = percentile(histogram, 0.9)
    raw.values["lead_time_median"] = percentile(overall, 0.5)
    raw.values["lead_time_p90"] = percentile(overall, 0.9)


def _first_line_terms(raw: Raw) -> None:
    acknowledgement = (
        Letter.objects.filter(complaint=OuterRef("pk"), kind=Letter.Kind.ACKNOWLEDGEMENT)
        .annotate(day=local_day("created_at"))
        .filter(day__lte=OuterRef("acknowledge_by"))
    )
    contact = Contact.objects.filter(
        complaint=OuterRef("pk"), reached=True, contacted_on__lte=OuterRef("first_contact_by")
    )
    totals = raw.received().aggregate(
        acknowledged_on_time=Count("id", filter=Q(Exists(acknowledgement))),
        acknowledgement_impossible=Count("id", filter=~Q(acknowledgement_not_sent="")),
        first_contact_on_time=Count("id", filter=Q(Exists(contact))),
    )
    raw.values.update(totals)
    received = raw.values["received"]
    raw.values["share_acknowledged_on_time"] = share(
        totals["acknowledged_on_time"], received - totals["acknowledgement_impossible"]
    )
    raw.values["share_first_contact_on_time"] = share(totals["first_contact_on_time"], received)


def section(b: Builder) -> Section:
    count = Unit.COUNT
    return Section(
        "timeliness",
        _("Op tijd?"),
        figures=[
            b.figure("closed_on_time", _("Op tijd afgehandeld")),
            b.figure("share_on_time", _("Aandeel op tijd afgehandeld"), Unit.SHARE),
            b.figure("lead_time_median", _("Doorlooptijd, mediaan (dagen)"), Unit.DAYS),
            b.figure("lead_time_p90", _("Doorlooptijd, 90e percentiel (dagen)"), Unit.DAYS),
            b.figure("acknowledged_on_time", _("Ontvangst op tijd bevestigd")),
            b.figure(
                "share_acknowledged_on_time", _("Aandeel ontvangst op tijd bevestigd"), Unit.SHARE
            ),
            b.figure(
                "acknowledgement_impossible",
                _("Ontvangstbevestiging niet mogelijk (geen adres)"),
            ),
            b.figure("first_contact_on_time", _("Op tijd eerste contact")),
            b.figure(
                "share_first_contact_on_time", _("Aandeel op tijd eerste contact"), Unit.SHARE
            ),
            b.figure("extended", _("Verdaagd (Awb 9:11 lid 2)")),
            b.figure("delayed_with_consent", _("Uitgesteld met instemming van de indiener")),
            b.figure("closed_late", _("Te laat afgehandeld, zonder instemming")),
            b.figure("open_past_due_at_end", _("Open en over de termijn aan het eind")),
        ],
        tables=[
            b.table(
                "timeliness_by_route",
                _("Tijdigheid en doorlooptijd per route"),
                [
                    ("closed", _("Afgehandeld"), count),
                    ("on_time", _("Op tijd"), count),
                    ("share_on_time", _("Aandeel op tijd"), Unit.SHARE),
                    ("lead_time_median", _("Mediaan (dagen)"), Unit.DAYS),
                    ("lead_time_p90", _("90e percentiel (dagen)"), Unit.DAYS),
                ],
                rows=list(Route.labels().items()),
                shares={"share_on_time": ("on_time", "column:closed")},
                chart_column="share_on_time",
            ),
        ],
    )
