"""Learning (kpis.md, "Learning"): formal decisions with an improvement measure,
lessons recorded per cause, improvement measures opened, completed and overdue, rule
bottlenecks raised and decided, case discussions held, and the main themes rising or
falling against the previous period.

Definitions, where kpis.md leaves a choice (`learning` models), all by their own dates;
"the end of the period" as in `raw`:
- Lessons recorded: `Lesson.recorded_on` in the period, per cause.
- Improvement measures opened: `opened_on` in the period; completed: state done with
  `closed_on` in the period (cancelled ones are not completed); overdue at the end:
  `opened_on` <= end, `due_on` < end and not closed on the end (`closed_on` empty or
  later), so a past year's figure does not change when a measure is closed later.
- Rule bottlenecks raised: `raised_on` in the period; resolved: `decided_on` in the
  period, per decision.
- Case discussions held: `held_on` in the period and not after today.
- One body: lessons and bottlenecks through their complaint's body; a measure when at
  least one of its linked complaints is of that body (a measure linked to no complaint
  of the body, or to none at all, is only in the report for all bodies); a case
  discussion when it discussed at least one complaint of the body (all discussions in
  the report for all bodies). Counted whatever the kind of the linked message.
- Theme trend: the main themes by the change in complaints received against the
  previous period, the biggest rises first, then the biggest falls.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from vangnet.complaints.models import Decision
from vangnet.learning.models import Bottleneck, CaseDiscussion, Cause, Lesson, Measure
from vangnet.organisations.models import Theme

from ..figures import Cell, Row, Section, Table, Unit
from .builder import Builder, choices, names
from .raw import Raw


def gather(raw: Raw) -> None:
    _decisions_with_measures(raw)
    start, end = raw.period.start, raw.period.end
    lessons = Lesson.objects.filter(recorded_on__range=(start, end))
    if raw.body is not None:
        lessons = lessons.filter(complaint__body=raw.body)
    raw.group("lessons_by_cause", lessons, "cause_id")
    raw.values["lessons_recorded"] = raw.total("lessons_by_cause")
    _measures(raw)
    _bottlenecks(raw)
    _case_discussions(raw)


def _decisions_with_measures(raw: Raw) -> None:
    latest = Decision.objects.filter(complaint=OuterRef("complaint")).order_by("-created_at", "-id")
    raw.values["decisions_with_measures"] = (
        Decision.objects.filter(complaint__in=raw.decided(), id=Subquery(latest.values("id")[:1]))
        .exclude(measures="")
        .count()
    )


def _measures(raw: Raw) -> None:
    start, end, moment = raw.period.start, raw.period.end, raw.moment
    measures = Measure.objects.all()
    if raw.body is not None:
        measures = measures.filter(
            Exists(
                Measure.complaints.through.objects.filter(
                    measure_id=OuterRef("pk"), complaint__body=raw.body
                )
            )
        )
    raw.values.update(
        measures.aggregate(
            measures_opened=Count("id", filter=Q(opened_on__range=(start, end))),
            measures_completed=Count(
                "id", filter=Q(state=Measure.State.DONE, closed_on__range=(start, end))
            ),
            measures_overdue_at_end=Count(
                "id",
                filter=Q(opened_on__lte=moment, due_on__lt=moment)
                & (Q(closed_on__isnull=True) | Q(closed_on__gt=moment)),
            ),
        )
    )


def _bottlenecks(raw: Raw) -> None:
    start, end = raw.period.start, raw.period.end
    bottlenecks = Bottleneck.objects.all()
    if raw.body is not None:
        bottlenecks = bottlenecks.filter(complaint__body=raw.body)
    raised, decided = Q(raised_on__range=(start, end)), Q(decided_on__range=(start, end))
    raw.values["bottlenecks_raised"] = 0
    for row in (
        bottlenecks.filter(raised | decided)
        .values("decision")
        .annotate(raised=Count("id", filter=raised), decided=Count("id", filter=decided))
        .order_by()
    ):
        raw.values["bottlenecks_raised"] += row["raised"]
        if row["decided"]:
            raw.tables["bottlenecks_by_decision"][row["decision"]]["count"] = row["decided"]
    raw.values["bottlenecks_resolved"] = raw.total("bottlenecks_by_decision")


def _case_discussions(raw: Raw) -> None:
    discussions = CaseDiscussion.objects.filter(
        held_on__range=(raw.period.start, min(raw.period.end, raw.today))
    )
    if raw.body is not None:
        discussions = discussions.filter(
            Exists(
                CaseDiscussion.complaints.through.objects.filter(
                    casediscussion_id=OuterRef("pk"), complaint__body=raw.body
                )
            )
        )
    raw.values["case_discussions_held"] = discussions.count()


def section(b: Builder) -> Section:
    count = Unit.COUNT
    return Section(
        "learning",
        _("Leren van klachten"),
        figures=[
            b.figure("decisions_with_measures", _("Formele oordelen met een verbetermaatregel")),
            b.figure("lessons_recorded", _("Klachten met vastgelegde lessen")),
            b.figure("measures_opened", _("Verbetermaatregelen afgesproken")),
            b.figure("measures_completed", _("Verbetermaatregelen uitgevoerd")),
            b.figure(
                "measures_overdue_at_end",
                _("Verbetermaatregelen niet op tijd klaar, aan het eind van de periode"),
            ),
            b.figure("bottlenecks_raised", _("Knelpunten in regels gemeld")),
            b.figure("bottlenecks_resolved", _("Knelpunten in regels besloten")),
            b.figure("case_discussions_held", _("Casusoverleggen gehouden")),
        ],
        tables=[
            b.table(
                "lessons_by_cause",
                _("Vastgelegde lessen per oorzaak"),
                [("count", _("Klachten"), count)],
                labels=names(Cause),
                order_by="count",
            ),
            b.table(
                "bottlenecks_by_decision",
                _("Besloten knelpunten in regels, per besluit"),
                [("count", _("Knelpunten"), count)],
                rows=choices(Bottleneck.Decision.choices),
            ),
            _theme_trend(b),
        ],
    )


def _theme_trend(b: Builder) -> Table:
    """Main themes by the change in complaints received against the previous period:
    the biggest rises first, then the biggest falls (kpis.md, "Learning")."""
    now = b.now.tables.get("received_by_theme", {})
    before = b.before.tables.get("received_by_theme", {})
    keys = sorted(set(now) | set(before))
    labels = names(Theme)(keys)
    rows = []
    for key in keys:
        current = now.get(key, {}).get("count", 0)
        previous = before.get(key, {}).get("count", 0)
        label = labels.get(key, key)
        rows.append((previous - current, label, _trend_row(key, label, current, previous)))
    rows.sort(key=lambda r: (r[0], r[1]))
    return Table(
        key="theme_trend",
        title=_("Thema's: stijging en daling tegenover vorig jaar"),
        columns=[
            ("count", _("Ontvangen")),
            ("change", _("Verschil")),
            ("direction", _("Richting")),
        ],
        rows=[row for _sort, _name, row in rows],
    )


def _trend_row(key: str, label: str, current: int, previous: int) -> Row:
    change = current - previous
    direction = _("gestegen") if change > 0 else _("gedaald") if change < 0 else _("gelijk")
    return Row(
        key,
        label,
        {
            "count": Cell(current, previous, Unit.COUNT, suppressible=True),
            "change": Cell(
                change,
                None,
                Unit.COUNT,
                suppressible=True,
                basis=min((n for n in (current, previous) if n), default=0),
            ),
            "direction": Cell(direction, None, Unit.TEXT),
        },
    )
