"""Satisfaction (kpis.md, "Satisfaction"): the survey answers given in the period, how
many were satisfied, overall and per outcome of the complaint.

Definitions, where kpis.md leaves a choice:
- Satisfied: an answer of 4 or 5 on the survey's five-point scale; survey answers are
  counted in the period in which they were given.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from vangnet.complaints.workflow import Outcome
from vangnet.surveys.models import SurveyResponse

from ..figures import Section, Unit
from .builder import Builder
from .raw import Raw, local_day, share

#: Survey answers that count as satisfied.
SATISFIED_FROM = 4


def gather(raw: Raw) -> None:
    responses = SurveyResponse.objects.annotate(day=local_day("created_at")).filter(
        day__range=(raw.period.start, raw.period.end)
    )
    if raw.body is not None:
        responses = responses.filter(invitation__complaint__body=raw.body)
    satisfied = Q(satisfaction__gte=SATISFIED_FROM)
    for row in (
        responses.values("invitation__outcome")
        .annotate(n=Count("id"), satisfied=Count("id", filter=satisfied))
        .order_by()
    ):
        cells = raw.tables["satisfaction_by_outcome"][row["invitation__outcome"]]
        cells["responses"] = row["n"]
        cells["satisfied"] = row["satisfied"]
    totals = responses.aggregate(n=Count("id"), satisfied=Count("id", filter=satisfied))
    raw.values["survey_responses"] = totals["n"]
    raw.values["survey_satisfied"] = totals["satisfied"]
    raw.values["share_satisfied"] = share(totals["satisfied"], totals["n"])


def section(b: Builder) -> Section:
    count = Unit.COUNT
    return Section(
        "satisfaction",
        _("Tevredenheid"),
        figures=[
            b.figure("survey_responses", _("Ingevulde tevredenheidsvragenlijsten")),
            b.figure("survey_satisfied", _("Tevreden of zeer tevreden")),
            b.figure("share_satisfied", _("Aandeel tevreden"), Unit.SHARE),
        ],
        tables=[
            b.table(
                "satisfaction_by_outcome",
                _("Tevredenheid per uitkomst"),
                [
                    ("responses", _("Antwoorden"), count),
                    ("satisfied", _("Tevreden"), count),
                    ("share_satisfied", _("Aandeel tevreden"), Unit.SHARE),
                ],
                rows=[(str(o), str(o.label)) for o in Outcome if o != Outcome.NOT_A_COMPLAINT],
                shares={"share_satisfied": ("satisfied", "column:responses")},
            ),
        ],
    )
