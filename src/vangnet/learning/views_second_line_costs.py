"""The cost pages of the second line (issue 6, part 6): what each body's second line
cost in a year, part by part, and the scenario comparison of the ombudsmen's tariffs
(`organisations.view_second_line_costs`: coordinator and council viewer; it holds no
personal data), and the qualitative texts per ombudsman
(`organisations.edit_second_line_texts`). Thin views over `learning.second_line.costs`,
`learning.second_line.scenarios` and `organisations.costs`.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.complaints import deadlines
from vangnet.organisations.models import Municipality, Ombudsman

from . import cost_chart
from .forms_second_line import SecondLineTextsForm
from .second_line import costs, scenarios

VIEW_COSTS = "organisations.view_second_line_costs"
EDIT_TEXTS = "organisations.edit_second_line_texts"


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _read_year(request: HttpRequest, today) -> tuple[int, str, str]:
    raw = request.GET.get("jaar", "").strip()
    if not raw:
        return today.year, str(today.year), ""
    if re.fullmatch(r"[0-9]{4}", raw) and 2000 <= int(raw) <= 2200:
        return int(raw), raw, ""
    return (
        today.year,
        raw,
        _("Vul een jaar in van 2000 tot en met 2200. U ziet nu %(year)s.") % {"year": today.year},
    )


def _cases_text(n: int) -> str:
    return cost_chart.cases_words(n)


def _inhabitants_text(n: int) -> str:
    return number_format(n, 0, use_l10n=True, force_grouping=True)


def break_even_sentences(result: dict) -> list[str]:
    sentences = []
    for item in result["break_even"]:
        if "cases" in item:
            sentences.append(
                _("Vanaf %(cases)s per jaar is %(dearer)s duurder dan %(cheaper)s.")
                % {
                    "cases": _cases_text(item["cases"]),
                    "dearer": item["dearer"],
                    "cheaper": item["cheaper"],
                }
            )
        else:
            sentences.append(
                _(
                    "Bij %(cases)s per jaar is %(dearer)s vanaf %(people)s inwoners duurder "
                    "dan %(cheaper)s."
                )
                % {
                    "cases": _cases_text(item["at_cases"]),
                    "dearer": item["dearer"],
                    "people": _inhabitants_text(item["inhabitants"]),
                    "cheaper": item["cheaper"],
                }
            )
    for item in result["always_dearer"]:
        sentences.append(
            _("In deze hele vergelijking is %(dearer)s duurder dan %(cheaper)s.")
            % {"dearer": item["dearer"], "cheaper": item["cheaper"]}
        )
    return sentences


def _body_rows(year: int) -> list[dict]:
    """Per body: its arrangement and the year's cost, part by part, as the page shows them."""
    bodies = []
    for item in costs.body_costs(year):
        period = item["period"]
        bodies.append(
            {
                "body": item["body"],
                "arrangement": item["arrangement"],
                "parts": [
                    {
                        "part": part,
                        "ombudsman": part.arrangement.ombudsman if part.arrangement else None,
                        "cost": cost_chart.money(part.cost),
                    }
                    for part in period.parts
                ],
                "total": cost_chart.money(period.total),
                "known": period.total is not None,
                "cases": period.cases,
                "per_case": cost_chart.money(period.per_case) if period.per_case else "–",
                "switched": len(period.parts) > 1,
            }
        )
    return bodies


@login_required
@require_GET
def second_line_costs(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW_COSTS)
    today = deadlines.today()
    year, kept_year, year_error = _read_year(request, today)
    values, errors = scenarios.read_scenario(request.GET)
    kept = {name: request.GET.get(name, "") for name in ("from", "to", "step", "inhabitants")}
    for name, value in values.items():
        if not kept[name] and value is not None:
            kept[name] = str(value)
    result = scenarios.scenario(
        start=values["from"],
        stop=values["to"],
        step=values["step"],
        inhabitants=values["inhabitants"],
    )
    names = [str(o) for o in result["ombudsmen"]]
    chart = (
        cost_chart.scenario_chart(
            names,
            result["rows"],
            primary_colour=Municipality.current().primary_colour,
            inhabitants=values["inhabitants"],
        )
        if names
        else None
    )
    return render(
        request,
        "learning/second_line_costs.html",
        {
            "year": year,
            "kept_year": kept_year,
            "year_error": year_error,
            "year_errors": [year_error] if year_error else [],
            "inhabitants_text": _inhabitants_text(values["inhabitants"])
            if values["inhabitants"]
            else "",
            "running_year": year == today.year,
            "bodies": _body_rows(year),
            "values": values,
            "kept": kept,
            "errors": errors,
            "scenario": result,
            "table_rows": [
                {"cases": n, "costs": [cost_chart.money(c) for c in costs]}
                for n, costs in result["rows"]
            ],
            "chart": chart,
            "sentences": break_even_sentences(result),
            "incomplete": [o for o in result["ombudsmen"] if o not in result["complete"]],
            "can_edit_texts": request.user.has_perm(EDIT_TEXTS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_line_texts(request: HttpRequest) -> HttpResponse:
    _require(request.user, EDIT_TEXTS)
    ombudsmen = list(Ombudsman.objects.order_by("name"))
    data = request.POST if request.method == "POST" else None
    forms = [SecondLineTextsForm(data, instance=o, prefix=f"ombudsman-{o.pk}") for o in ombudsmen]
    status = 200
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            with transaction.atomic():
                for form in forms:
                    form.save()
            messages.success(request, _("De teksten zijn opgeslagen."))
            return redirect("learning:second_line_costs")
        status = 400
    return render(
        request,
        "learning/second_line_texts.html",
        {"forms": list(zip(ombudsmen, forms, strict=True))},
        status=status,
    )
