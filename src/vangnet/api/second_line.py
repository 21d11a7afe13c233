"""Ombudsman cases and the cost of the second line in the JSON API v1 (issue 6, parts
5 and 6): thin views over `vangnet.learning.second_line` (every write, the scenarios) and
`vangnet.organisations.costs`.

- `GET  ombudsman-cases/`                      the cases; filters `ombudsman` (id),
  `year` (received), `state` (open/closed), `kind`, `q` (reference of the case or the
  complaint); paged. Coordinators and handlers (`learning.view_learning`).
- `POST ombudsman-cases/`                      register a case (coordinator:
  `learning.manage_ombudsman_cases`); `complaint` is the complaint's reference.
- `GET/PATCH ombudsman-cases/<id>/`            one case; PATCH changes the fields given
  (closing: `closed_on` + `outcome`; both null/"" reopens).
- `POST ombudsman-cases/<id>/recommendations/`  a recommendation with the ombudsman's term.
- `PATCH recommendations/<id>/`                 the municipality's response.
- `GET  second-line/costs/?year=`              per body: the arrangement and the year's
  cost, part by part (`organisations.view_second_line_costs`: coordinator, council viewer).
- `GET  second-line/scenarios/?from=&to=&step=&inhabitants=`  every ombudsman's yearly
  cost at a range of numbers of cases, with the break-even points (same permission).

Money is a string with two decimals (`"43297.29"`), null when unknown. Bad input gives
400 with messages per field, `{"reference": ["..."]}`; nothing is stored then.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines
from vangnet.learning import second_line
from vangnet.learning.models import OmbudsmanCase, Recommendation
from vangnet.organisations.models import Body, CostModel, Ombudsman

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer, api_error_detail
from .common.forms import enum_field

VIEW = "learning.view_learning"
MANAGE = second_line.PERM
VIEW_COSTS = "organisations.view_second_line_costs"
STATES = ("open", "closed")
OmbudsmanCaseKindField = enum_field("OmbudsmanCaseKind", OmbudsmanCase.Kind.choices)
OmbudsmanCaseOutcomeField = enum_field("OmbudsmanCaseOutcome", OmbudsmanCase.Outcome.choices)
RecommendationResponseField = enum_field("RecommendationResponse", Recommendation.Response.choices)
CostModelField = enum_field("CostModel", CostModel.choices)
MONEY = {"max_digits": 14, "decimal_places": 2, "allow_null": True, "read_only": True}


# --- Serializers ----------------------------------------------------------------------


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ComplaintLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)


class RecommendationSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id", read_only=True)
    response = RecommendationResponseField(
        read_only=True, allow_null=True, help_text="Null until the municipality responded."
    )
    state = serializers.SerializerMethodField(
        help_text="awaiting, overdue (no response and the term passed), answered or answered_late."
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "case",
            "text",
            "made_on",
            "respond_by",
            "responded_on",
            "response",
            "response_text",
            "state",
        ]
        read_only_fields = fields

    def get_state(self, recommendation) -> str:
        return second_line.response_state(recommendation, deadlines.today())


class OmbudsmanCaseSerializer(serializers.ModelSerializer):
    ombudsman = NamedSerializer(read_only=True)
    body = NamedSerializer(read_only=True)
    complaint = ComplaintLinkSerializer(read_only=True, allow_null=True)
    kind = OmbudsmanCaseKindField(read_only=True)
    outcome = OmbudsmanCaseOutcomeField(
        read_only=True, allow_null=True, help_text="Null while the case is open."
    )
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = OmbudsmanCase
        fields = [
            "id",
            "ombudsman",
            "reference",
            "received_on",
            "body",
            "complaint",
            "kind",
            "summary",
            "closed_on",
            "outcome",
            "outcome_note",
            "recommendations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CaseInputSerializer(serializers.Serializer):
    ombudsman = serializers.PrimaryKeyRelatedField(
        queryset=Ombudsman.objects.all(), required=False, help_text="The ombudsman's id."
    )
    reference = serializers.CharField(
        required=False, allow_blank=True, max_length=50, help_text="The ombudsman's reference."
    )
    received_on = serializers.DateField(required=False, allow_null=True)
    body = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        required=False,
        allow_null=True,
        help_text="The body's id; default: the complaint's, else the default body.",
    )
    complaint = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=30,
        help_text="The linked complaint's reference (e.g. 2026-00123); null or empty: none.",
    )
    kind = OmbudsmanCaseKindField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    closed_on = serializers.DateField(required=False, allow_null=True)
    outcome = OmbudsmanCaseOutcomeField(
        required=False, allow_blank=True, allow_null=True, help_text="Empty or null: open."
    )
    outcome_note = serializers.CharField(required=False, allow_blank=True, max_length=10_000)


class RecommendationInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, max_length=10_000)
    made_on = serializers.DateField(allow_null=True)
    respond_by = serializers.DateField(
        allow_null=True, help_text="The term the ombudsman set for the response (Awb 9:36)."
    )


class ResponseInputSerializer(serializers.Serializer):
    response = RecommendationResponseField()
    responded_on = serializers.DateField(allow_null=True)
    response_text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10_000
    )


class ArrangementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    ombudsman = NamedSerializer(read_only=True)
    effective_from = serializers.DateField(read_only=True)
    cost_model = CostModelField(
        read_only=True, allow_null=True, help_text='Null: not known. "none": no cost of its own.'
    )
    amount_per_inhabitant = serializers.DecimalField(
        max_digits=8, decimal_places=4, allow_null=True, read_only=True
    )
    yearly_amount = serializers.DecimalField(**MONEY)
    included_complaints = serializers.IntegerField(allow_null=True, read_only=True)
    price_per_extra_complaint = serializers.DecimalField(**MONEY)


class PartSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    days = serializers.IntegerField(read_only=True)
    arrangement = ArrangementSerializer(read_only=True, allow_null=True)
    cases = serializers.IntegerField(read_only=True)
    inhabitants = serializers.IntegerField(read_only=True, allow_null=True)
    cost = serializers.DecimalField(**MONEY)


class BodyCostSerializer(serializers.Serializer):
    body = NamedSerializer(read_only=True)
    arrangement = ArrangementSerializer(read_only=True, allow_null=True)
    cases = serializers.IntegerField(read_only=True)
    cost = serializers.DecimalField(**MONEY)
    per_case = serializers.DecimalField(**MONEY)
    parts = PartSerializer(many=True, read_only=True)


class CostsSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    bodies = BodyCostSerializer(many=True, read_only=True)


class TariffSerializer(ArrangementSerializer):
    kind = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    ombudsman = None
    effective_from = None


class ScenarioCostSerializer(serializers.Serializer):
    ombudsman = serializers.IntegerField(read_only=True)
    cost = serializers.DecimalField(**MONEY)


class ScenarioRowSerializer(serializers.Serializer):
    cases = serializers.IntegerField(read_only=True)
    costs = ScenarioCostSerializer(many=True, read_only=True)


class BreakEvenSerializer(serializers.Serializer):
    dearer = serializers.IntegerField(read_only=True, help_text="The dearer ombudsman's id.")
    cheaper = serializers.IntegerField(read_only=True)
    cases = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="From this number of cases a year on, `dearer` costs more.",
    )
    inhabitants = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Per inhabitant: from this number of inhabitants on, at `at_cases`.",
    )
    at_cases = serializers.IntegerField(read_only=True, allow_null=True)


class ScenarioSerializer(serializers.Serializer):
    to = serializers.IntegerField(read_only=True)
    step = serializers.IntegerField(read_only=True)
    inhabitants = serializers.IntegerField(read_only=True, allow_null=True)
    ombudsmen = TariffSerializer(many=True, read_only=True)
    rows = ScenarioRowSerializer(many=True, read_only=True)
    break_even = BreakEvenSerializer(many=True, read_only=True)

    def get_fields(self):
        # "from" is a Python keyword: declared here.
        return {"from": serializers.IntegerField(read_only=True), **super().get_fields()}


# --- Helpers --------------------------------------------------------------------------


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied()


def _service_error(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(api_error_detail(error.message_dict))
    return ValidationError(api_error_detail({"non_field_errors": error.messages}))


def _cases():
    return OmbudsmanCase.objects.select_related("ombudsman", "body", "complaint").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("made_on", "id"))
    )


def _case_data(case: OmbudsmanCase) -> dict:
    return OmbudsmanCaseSerializer(_cases().get(pk=case.pk)).data


class CasePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed."),
}
INVALID = {400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid; nothing stored.")}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No such case.")}


# --- Views ----------------------------------------------------------------------------


class OmbudsmanCaseListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OmbudsmanCaseSerializer
    pagination_class = CasePagination

    def get_queryset(self):
        cases = _cases()
        params = self.request.query_params
        for name in ("ombudsman", "year"):
            value = params.get(name, "").strip()
            if value:
                if not value.isdigit():
                    raise ValidationError({name: ["Geef een getal."]})
                lookup = "ombudsman_id" if name == "ombudsman" else "received_on__year"
                cases = cases.filter(**{lookup: int(value)})
        state = params.get("state", "")
        if state and state not in STATES:
            raise ValidationError({"state": ["Kies open of closed."]})
        if state:
            cases = cases.filter(closed_on__isnull=state == "open")
        kind = params.get("kind", "")
        if kind:
            if kind not in OmbudsmanCase.Kind.values:
                raise ValidationError({"kind": ["Kies intervention, investigation of report."]})
            cases = cases.filter(kind=kind)
        q = params.get("q", "").strip()
        if q:
            cases = cases.filter(Q(reference__icontains=q) | Q(complaint__reference__icontains=q))
        return cases.order_by("-received_on", "-id")

    @extend_schema(
        operation_id="ombudsman_cases_list",
        summary="Ombudsman cases",
        parameters=[
            OpenApiParameter("ombudsman", int, description="Only this ombudsman (id)."),
            OpenApiParameter("year", int, description="Only cases received in this year."),
            OpenApiParameter("state", str, enum=list(STATES), description="Open or closed."),
            OpenApiParameter("kind", str, enum=OmbudsmanCase.Kind.values),
            OpenApiParameter("q", str, description="Part of the case's or complaint's reference."),
        ],
        responses={200: OmbudsmanCaseSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        _require(request.user, VIEW)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(OmbudsmanCaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="ombudsman_cases_create",
        summary="Register an ombudsman case",
        request=CaseInputSerializer,
        responses={201: OmbudsmanCaseSerializer, **INVALID, **ERRORS},
    )
    def post(self, request):
        _require(request.user, MANAGE)
        data = CaseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            case = second_line.register_case(actor=request.user, data=dict(data.validated_data))
        except DjangoValidationError as error:
            raise _service_error(error) from None
        except DjangoPermissionDenied:
            raise PermissionDenied() from None
        return Response(_case_data(case), status=status.HTTP_201_CREATED)


class OmbudsmanCaseDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="ombudsman_cases_retrieve",
        summary="One ombudsman case with its recommendations",
        responses={200: OmbudsmanCaseSerializer, **NOT_FOUND, **ERRORS},
    )
    def get(self, request, pk: int):
        _require(request.user, VIEW)
        return Response(OmbudsmanCaseSerializer(get_object_or_404(_cases(), pk=pk)).data)

    @extend_schema(
        operation_id="ombudsman_cases_partial_update",
        summary="Change an ombudsman case (close it with closed_on + outcome)",
        request=CaseInputSerializer,
        responses={200: OmbudsmanCaseSerializer, **INVALID, **NOT_FOUND, **ERRORS},
    )
    def patch(self, request, pk: int):
        _require(request.user, MANAGE)
        case = get_object_or_404(OmbudsmanCase, pk=pk)
        data = CaseInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "outcome" in values and values["outcome"] is None:
            values["outcome"] = ""
        try:
            second_line.update_case(case, actor=request.user, data=values)
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(_case_data(case))


class RecommendationCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="ombudsman_cases_recommendations_create",
        summary="Add a recommendation of the ombudsman to a case",
        request=RecommendationInputSerializer,
        responses={201: RecommendationSerializer, **INVALID, **NOT_FOUND, **ERRORS},
    )
    def post(self, request, pk: int):
        _require(request.user, MANAGE)
        case = get_object_or_404(OmbudsmanCase, pk=pk)
        data = RecommendationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            recommendation = second_line.add_recommendation(
                case, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(
            RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


class RecommendationResponseView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="recommendations_partial_update",
        summary="Record the municipality's response to a recommendation",
        request=ResponseInputSerializer,
        responses={200: RecommendationSerializer, **INVALID, **NOT_FOUND, **ERRORS},
    )
    def patch(self, request, pk: int):
        _require(request.user, MANAGE)
        recommendation = get_object_or_404(Recommendation, pk=pk)
        data = ResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            recommendation = second_line.respond(
                recommendation, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as error:
            raise _service_error(error) from None
        return Response(RecommendationSerializer(recommendation).data)


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


class SecondLineCostsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="second_line_costs",
        summary="The cost of the second line per body for a year",
        parameters=[OpenApiParameter("year", int, description="Default: this year.")],
        responses={200: CostsSerializer, **INVALID, **ERRORS},
    )
    def get(self, request):
        _require(request.user, VIEW_COSTS)
        raw = request.query_params.get("year", "").strip()
        year = deadlines.today().year
        if raw:
            if not (raw.isdigit() and 2000 <= int(raw) <= 2200):
                raise ValidationError({"year": ["Geef een jaar van 2000 tot en met 2200."]})
            year = int(raw)
        bodies = []
        for item in second_line.body_costs(year):
            period = item["period"]
            bodies.append(
                {
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
            )
        return Response(CostsSerializer({"year": year, "bodies": bodies}).data)


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
        responses={200: ScenarioSerializer, **INVALID, **ERRORS},
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
        ombudsmen = result["ombudsmen"]
        payload = {
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
        return Response(ScenarioSerializer(payload).data)


urlpatterns = [
    path("ombudsman-cases/", OmbudsmanCaseListView.as_view(), name="ombudsman_cases-list"),
    path(
        "ombudsman-cases/<int:pk>/",
        OmbudsmanCaseDetailView.as_view(),
        name="ombudsman_cases-detail",
    ),
    path(
        "ombudsman-cases/<int:pk>/recommendations/",
        RecommendationCreateView.as_view(),
        name="ombudsman_cases-recommendations",
    ),
    path(
        "recommendations/<int:pk>/",
        RecommendationResponseView.as_view(),
        name="recommendations-detail",
    ),
    path("second-line/costs/", SecondLineCostsView.as_view(), name="second_line-costs"),
    path("second-line/scenarios/", SecondLineScenariosView.as_view(), name="second_line-scenarios"),
]
