"""The trends page ("Signalen" on screen): `trends.analyse` over the user's own scope,
each trend in a plain sentence with its p-value and a link to the complaints behind it.
For everyone who may list complaints (coordinator, handler, partner user); others get
403."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from vangnet.complaints import deadlines

from . import trends

LIST = "complaints.list_complaints"
PARAMETER = "maanden"


def _number(value: float) -> str:
    if float(value).is_integer():
        return number_format(int(value), 0)
    return number_format(value, 1)


def format_p(p: float) -> str:
    if p < 0.001:
        return _("p < %(limit)s") % {"limit": number_format(0.001, 3)}
    return _("p = %(p)s") % {"p": number_format(p, 3)}


def chance(p: float) -> str:
    if p < 0.001:
        return _("minder dan 1 op de 1000")
    if p < 0.01:
        return _("minder dan 1 op de 100")
    return _("1 op de %(n)s of vaker") % {"n": max(1, int(1 / p)) if p > 0 else 1}


def period_text(months: int) -> str:
    return ngettext("de afgelopen maand", "de afgelopen %(n)s maanden", months) % {"n": months}


def sentence(trend: trends.Trend, months: int) -> str:
    values = {
        "label": trend.label,
        "complaints": ngettext("%(n)s klacht", "%(n)s klachten", trend.current)
        % {"n": trend.current},
        "period": period_text(months),
        "expected": _number(trend.expected),
        "chance": chance(trend.p_value),
        "p": format_p(trend.p_value),
        "periods": trends.AVERAGE_PERIODS,
    }
    if trend.baseline == trends.LAST_YEAR:
        text = _(
            "%(label)s: %(complaints)s in %(period)s, tegen %(expected)s in dezelfde "
            "periode vorig jaar. Zo'n verschil is bij toeval %(chance)s (%(p)s)."
        )
    else:
        text = _(
            "%(label)s: %(complaints)s in %(period)s, tegen gemiddeld %(expected)s in de "
            "%(periods)s even lange periodes daarvoor. Zo'n verschil is bij toeval "
            "%(chance)s (%(p)s)."
        )
    return text % values


def dimension_names() -> dict[str, tuple[str, str]]:
    """Per dimension: (singular, caption of its table)."""
    return {
        trends.THEME: (_("Thema"), _("Alle thema's (subthema's tellen mee bij hun hoofdthema)")),
        trends.DEPARTMENT: (_("Afdeling"), _("Alle afdelingen")),
        trends.PARTNER: (_("Partner"), _("Alle partners")),
        trends.NEIGHBOURHOOD: (_("Wijk"), _("Alle wijken")),
    }


def read_months(request: HttpRequest) -> tuple[int, str, str]:
    """(months to show, the value to keep in the field, an error message or "")."""
    raw = request.GET.get(PARAMETER, "").strip()
    if not raw:
        return trends.DEFAULT_MONTHS, str(trends.DEFAULT_MONTHS), ""
    error = _(
        "Kies een aantal maanden van %(min)s tot en met %(max)s. U ziet nu %(default)s maanden."
    ) % {"min": trends.MIN_MONTHS, "max": trends.MAX_MONTHS, "default": trends.DEFAULT_MONTHS}
    try:
        months = int(raw)
    except ValueError:
        return trends.DEFAULT_MONTHS, raw, error
    if not trends.MIN_MONTHS <= months <= trends.MAX_MONTHS:
        return trends.DEFAULT_MONTHS, raw, error
    return months, raw, ""


@require_GET
@login_required
def trend_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(LIST):
        raise PermissionDenied
    months, kept, error = read_months(request)
    # The last complete day: today's complaints are still coming in.
    end = deadlines.today() - timedelta(days=1)
    result = trends.analyse(request.user, end=end, months=months)
    names = dimension_names()
    trend_rows = [
        {
            "trend": trend,
            "dimension": names[trend.dimension][0],
            "rising": trend.direction == trends.RISING,
            "sentence": sentence(trend, months),
        }
        for trend in result.trends
    ]
    tables = [
        {
            "key": dimension,
            "column": names[dimension][0],
            "caption": names[dimension][1],
            "rows": [
                {
                    "row": row,
                    "last_year": _number(row.last_year.expected),
                    "average": _number(row.average.expected),
                    "p_last_year": format_p(row.last_year.p_value),
                    "p_average": format_p(row.average.p_value),
                }
                for row in result.rows[dimension]
            ],
        }
        for dimension in trends.DIMENSIONS
    ]
    return render(
        request,
        "learning/trends.html",
        {
            "trends": result,
            "months": months,
            "month_choices": range(trends.MIN_MONTHS, trends.MAX_MONTHS + 1),
            "kept": kept,
            "error": error,
            "period": period_text(months),
            "trend_rows": trend_rows,
            "tables": tables,
            "alpha": number_format(trends.ALPHA, 2),
            "min_change": trends.MIN_CHANGE,
            "average_periods": trends.AVERAGE_PERIODS,
            "days": result.current.days,
        },
    )
