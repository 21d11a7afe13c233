"""The ombudsman-case endpoints: thin views over `vangnet.learning.second_line` (every
write).

- `GET  ombudsman-cases/`                      the cases; filters `ombudsman` (id),
  `year` (received), `state` (open/closed), `kind`, `q` (reference of the case or the
  complaint); paged. Coordinators and handlers (`learning.view_learning`).
- `POST ombudsman-cases/`                      register a case (coordinator:
  `learning.manage_ombudsman_cases`); `complaint` is the complaint's reference.
- `GET/PATCH ombudsman-cases/<id>/`            one case; PATCH changes the fields given
  (closing: `closed_on` + `outcome`; both null/"" reopens).
- `POST ombudsman-cases/<id>/recommendations/`  a recommendation with the ombudsman's term.
- `PATCH recommendations/<id>/`                 the municipality's response.

Bad input gives 400 with messages per field, `{"reference": ["..."]}`; nothing is stored
then. The services' errors become API errors in `common.errors.exception_handler`.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.learning import second_line
from vangnet.learning.models import OmbudsmanCase, Recommendation

from ..common.pagination import Page
from ..common.params import id_param, year_param
from ..common.schema import BAD_INPUT, ERRORS, not_found
from .serializers import (
    CaseInputSerializer,
    OmbudsmanCaseSerializer,
    RecommendationInputSerializer,
    RecommendationSerializer,
    ResponseInputSerializer,
)

VIEW = "learning.view_learning"
MANAGE = second_line.PERM
STATES = ("open", "closed")
NO_CASE = not_found("No such case.")
NO_RECOMMENDATION = not_found("No such recommendation.")


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied()


def _cases():
    return OmbudsmanCase.objects.select_related("ombudsman", "body", "complaint").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("made_on", "id"))
    )


def _case_data(case: OmbudsmanCase) -> dict:
    return OmbudsmanCaseSerializer(_cases().get(pk=case.pk)).data


class OmbudsmanCaseListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OmbudsmanCaseSerializer
    pagination_class = Page

    def get_queryset(self):
        cases = _cases()
        params = self.request.query_params
        ombudsman, year = id_param(params, "ombudsman"), year_param(params)
        if ombudsman is not None:
            cases = cases.filter(ombudsman_id=ombudsman)
        if year is not None:
            cases = cases.filter(received_on__year=year)
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
        responses={200: OmbudsmanCaseSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request):
        _require(request.user, VIEW)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(OmbudsmanCaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="ombudsman_cases_create",
        summary="Register an ombudsman case",
        request=CaseInputSerializer,
        responses={201: OmbudsmanCaseSerializer, **BAD_INPUT, **ERRORS},
    )
    def post(self, request):
        _require(request.user, MANAGE)
        data = CaseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = second_line.register_case(actor=request.user, data=dict(data.validated_data))
        return Response(_case_data(case), status=status.HTTP_201_CREATED)


class OmbudsmanCaseDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="ombudsman_cases_retrieve",
        summary="One ombudsman case with its recommendations",
        responses={200: OmbudsmanCaseSerializer, **NO_CASE, **ERRORS},
    )
    def get(self, request, pk: int):
        _require(request.user, VIEW)
        return Response(OmbudsmanCaseSerializer(get_object_or_404(_cases(), pk=pk)).data)

    @extend_schema(
        operation_id="ombudsman_cases_partial_update",
        summary="Change an ombudsman case (close it with closed_on + outcome)",
        request=CaseInputSerializer,
        responses={200: OmbudsmanCaseSerializer, **BAD_INPUT, **NO_CASE, **ERRORS},
    )
    def patch(self, request, pk: int):
        _require(request.user, MANAGE)
        case = get_object_or_404(OmbudsmanCase, pk=pk)
        data = CaseInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "outcome" in values and values["outcome"] is None:
            values["outcome"] = ""
        second_line.update_case(case, actor=request.user, data=values)
        return Response(_case_data(case))


class RecommendationCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="ombudsman_cases_recommendations_create",
        summary="Add a recommendation of the ombudsman to a case",
        request=RecommendationInputSerializer,
        responses={201: RecommendationSerializer, **BAD_INPUT, **NO_CASE, **ERRORS},
    )
    def post(self, request, pk: int):
        _require(request.user, MANAGE)
        case = get_object_or_404(OmbudsmanCase, pk=pk)
        data = RecommendationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recommendation = second_line.add_recommendation(
            case, actor=request.user, **data.validated_data
        )
        return Response(
            RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED
        )


class RecommendationResponseView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="recommendations_partial_update",
        summary="Record the municipality's response to a recommendation",
        request=ResponseInputSerializer,
        responses={200: RecommendationSerializer, **BAD_INPUT, **NO_RECOMMENDATION, **ERRORS},
    )
    def patch(self, request, pk: int):
        _require(request.user, MANAGE)
        recommendation = get_object_or_404(Recommendation, pk=pk)
        data = ResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recommendation = second_line.respond(
            recommendation, actor=request.user, **data.validated_data
        )
        return Response(RecommendationSerializer(recommendation).data)
