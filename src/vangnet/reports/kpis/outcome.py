"""Outcome (kpis.md, "Outcome"): the judgments of the complaints decided formally in
the period, and the Behoorlijkheidswijzer norms they found not met, per norm and per
family.

Definitions, where kpis.md leaves a choice:
- Norms not met: the Behoorlijkheidswijzer norms named in the well-founded and partly
  well-founded parts of the latest decision; counted once per complaint. The decision
  asks the norms once per part (`ComplaintPart.norms`, copied on its `JudgmentPart`);
  this figure reads the judgments only, and the lesson's copy of them (`Lesson.norms`)
  is not counted here, so no norm counts twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Q, Subquery, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from vangnet.complaints import norms
from vangnet.complaints.models import Decision, JudgmentPart
from vangnet.complaints.workflow import Judgment

from ..figures import Section, Unit
from .builder import Builder
from .raw import FORMAL_OUTCOMES, Raw

#: Judgments whose norms were not met.
NOT_MET = (Judgment.WELL_FOUNDED, Judgment.PARTLY_WELL_FOUNDED)


def gather(raw: Raw) -> None:
    raw.group("outcome", raw.decided(), "outcome")
    raw.values["decided_formally"] = raw.total("outcome")
    _norms(raw)


def _norms(raw: Raw) -> None:
    latest = Decision.objects.filter(complaint=OuterRef("decision__complaint")).order_by(
        "-created_at", "-id"
    )
    parts = (
        JudgmentPart.objects.filter(decision__complaint__in=raw.decided(), judgment__in=NOT_MET)
        .filter(decision_id=Subquery(latest.values("id")[:1]))
        .annotate(norms_text=Cast("norms", output_field=TextField()))
    )
    aggregates = {
        f"norm_{code}": Count("decision__complaint", distinct=True, filter=_naming([code]))
        for code in norms.NORMS
    }
    for index, (_family, family_norms) in enumerate(norms.FAMILIES):
        aggregates[f"family_{index}"] = Count(
            "decision__complaint",
            distinct=True,
            filter=_naming(code for code, _label in family_norms),
        )
    counts = parts.aggregate(**aggregates)
    for code in norms.NORMS:
        raw.tables["norms_not_met"][code]["count"] = counts[f"norm_{code}"]
    for index, _family in enumerate(norms.FAMILIES):
        raw.tables["norm_families_not_met"][str(index)]["count"] = counts[f"family_{index}"]


def _naming(codes: Iterable[str]) -> Q:
    """The judgment parts whose norms (JSON, as text) name any of `codes`."""
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(norms_text__contains=f'"{code}"')
    return condition


def section(b: Builder) -> Section:
    count = Unit.COUNT
    return Section(
        "outcome",
        _("Oordeel over formeel afgehandelde klachten"),
        figures=[b.figure("decided_formally", _("Formeel afgehandeld met een oordeel"))],
        tables=[
            b.table(
                "outcome",
                _("Oordeel"),
                [("count", _("Aantal"), count), ("share", _("Aandeel"), Unit.SHARE)],
                rows=[(str(o), str(o.label)) for o in FORMAL_OUTCOMES],
                shares={"share": ("count", "decided_formally")},
                chart_column="count",
            ),
            b.table(
                "norm_families_not_met",
                _("Niet nageleefde normen van de Behoorlijkheidswijzer, per groep"),
                [("count", _("Klachten"), count)],
                rows=[(str(i), str(family)) for i, (family, _n) in enumerate(norms.FAMILIES)],
            ),
            b.table(
                "norms_not_met",
                _("Niet nageleefde normen van de Behoorlijkheidswijzer"),
                [("count", _("Klachten"), count)],
                rows=[(code, str(label)) for code, label in norms.NORMS.items()],
            ),
        ],
    )
