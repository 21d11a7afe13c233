"""The cost endpoints: thin views over `vangnet.learning.second_line` (which computes
with `vangnet.organisations.costs`).

- `GET  second-line/costs/?year=`              per body: the arrangement and the year's
  cost, part by part (`organisations.view_second_line_costs`: coordinator, council viewer).
- `GET  second-line/scenarios/?from=&to=&step=&inhabitants=`  every ombudsman's yearly
  cost at a range of numbers of cases, with the break-even points (same permission).

Money is a string with two decimals (`"43297.29"`), null when unknown. A bad parameter
gives 400 with messages per parameter.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines
from vangnet.learning import second_line

from ..common.params import year_param
from ..common.schema import BAD_INPUT, ERRORS
from .serializers import CostsSerializer, ScenarioSerializer

VIEW_COSTS = "organisations.view_second_line_costs"


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied()


def _arrangement(arrangement) -> dict | None:
    if arrangement is None:
        return None
    return {
        "id": arrangement.pk,
        "ombudsman": {"id": arrangement.ombudsman_id, "name": arrangement.ombudsman.name},
        "effective_from": arrangement.effective_from,
        "cost_model": arrangement.cost_model,
        "amount_per_inhabitant": arrangement.amount_per_inhabitant,
        "yearly_amount": arrangement.yearly_amount,
        "included_complaints": arrangement.included_complaints,
        "price_per_extra_complaint": arrangement.price_per_extra_complaint,
    }


def _body_cost(item: dict) -> dict:
    """One body's year (an item of `second_line.body_costs`) as `BodyCostSerializer`."""
    period = item["period"]
    return {
        "body": {"id": item["body"].pk, "name": item["body"].name},
        "arrangement": _arrangement(item["arrangement"]),
        "cases": period.cases,
        "cost": period.total,
        "per_case": period.per_case,
        "parts": [
            {
                "start": part.start,
                "end": part.end,
                "days": part.days,
                "arrangement": _arrangement(part.arrangement),
                "cases": part.cases,
                "inhabitants": part.inhabitants,
                "cost": part.cost,
            }
            for part in period.parts
        ],
    }


class SecondLineCostsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="second_line_costs",
        summary="The cost of the second line per body for a year",
        parameters=[OpenApiParameter("year", int, description="Default: this year.")],
        responses={200: CostsSerializer, **BAD_INPUT, **ERRORS},
    )
    def get(self, request):
        _require(request.user, VIEW_COSTS)
        year = year_param(request.query_params) or deadlines.today().year
        bodies = [_body_cost(item) for item in second_line.body_costs(year)]
        return Response(CostsSerializer({"year": year, "bodies": bodies}).data)


def _scenario(values: dict, result: dict) -> dict:
    """The parameters (`values`) and the outcome of `second_line.scenario` as
    `ScenarioSerializer`."""
    ombudsmen = result["ombudsmen"]
    return {
        "from": values["from"],
        "to": values["to"],
        "step": values["step"],
        "inhabitants": values["inhabitants"],
        "ombudsmen": [
            {
                "id": o.pk,
                "name": o.name,
                "kind": o.kind,
                "cost_model": o.cost_model,
                "amount_per_inhabitant": o.amount_per_inhabitant,
                "yearly_amount": o.yearly_amount,
                "included_complaints": o.included_complaints,
                "price_per_extra_complaint": o.price_per_extra_complaint,
            }
            for o in ombudsmen
        ],
        "rows": [
            {
                "cases": n,
                "costs": [
                    {"ombudsman": o.pk, "cost": value}
                    for o, value in zip(ombudsmen, costs, strict=True)
                ],
            }
            for n, costs in result["rows"]
        ],
        "break_even": [
            {
                "dearer": item["dearer"].pk,
                "cheaper": item["cheaper"].pk,
                "cases": item.get("cases"),
                "inhabitants": item.get("inhabitants"),
                "at_cases": item.get("at_cases"),
            }
            for item in result["break_even"]
        ],
    }


class SecondLineScenariosView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="second_line_scenarios",
        summary="Every ombudsman's current tariff at a range of yearly numbers of cases",
        parameters=[
            OpenApiParameter("from", int, description="First number of cases (default 0)."),
            OpenApiParameter("to", int, description="Last number of cases (default 200)."),
            OpenApiParameter("step", int, description="Step (default 10); at most 200 rows."),
            OpenApiParameter(
                "inhabitants", int, description="Default: the latest inhabitant count."
            ),
        ],
        responses={200: ScenarioSerializer, **BAD_INPUT, **ERRORS},
    )
    def get(self, request):
        _require(request.user, VIEW_COSTS)
        values, errors = second_line.read_scenario(request.query_params)
        if errors:
            raise ValidationError(errors)
        result = second_line.scenario(
            start=values["from"],
            stop=values["to"],
            step=values["step"],
            inhabitants=values["inhabitants"],
        )
        return Response(ScenarioSerializer(_scenario(values, result)).data)
