"""The lessons and measures endpoints: thin views over `vangnet.learning.lessons` and
`vangnet.learning.measures`, the same rules as the pages.

- `GET  causes/`                  the active causes a lesson can name.
- `GET/PUT complaints/<id>/lesson/` a complaint's lesson (PUT: who may handle it).
- `GET  measures/`                the measures the user may see (staff all, a partner
  user its partner's); filters `state` (open, overdue, done, cancelled, all; default
  open), `department`, `partner` (ids).
- `POST measures/`                open one (coordinator).
- `GET  measures/<id>/`           one measure.
- `PATCH measures/<id>/`          `state` and `result` by its owner or the coordinator;
  the other fields by the coordinator.

Bad input gives 400 with messages per field; nothing is stored then. The services'
errors become API errors in `common.errors.exception_handler`.
"""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines, selectors
from vangnet.learning import lessons, measures
from vangnet.learning.models import Cause, Measure

from ..common.pagination import Page
from ..common.params import id_param
from ..common.schema import BAD_INPUT, ERRORS, NOT_FOUND, not_found
from .serializers import (
    CauseSerializer,
    LessonInputSerializer,
    LessonSerializer,
    MeasureInputSerializer,
    MeasurePatchSerializer,
    MeasureSerializer,
)

STATES = ["open", "overdue", Measure.State.DONE, Measure.State.CANCELLED, "all"]
NO_LESSON = not_found(
    "No such complaint, the user may not see it (indistinguishable), or it has no lesson yet."
)
NO_MEASURE = not_found("No such measure, or the user may not see it (indistinguishable).")


@extend_schema(tags=["learning"], responses={200: CauseSerializer(many=True), **ERRORS})
class CauseList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = CauseSerializer
    pagination_class = None

    def get_queryset(self):
        if not self.request.user.has_perm("learning.view_learning"):
            raise PermissionDenied
        return Cause.objects.filter(is_active=True)


class ComplaintLesson(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["learning"], responses={200: LessonSerializer, **ERRORS, **NO_LESSON})
    def get(self, request, pk: int):
        complaint = selectors.complaint_detail(request.user, pk)
        if not request.user.has_perm("complaints.view_timeline", complaint):
            raise PermissionDenied
        lesson = getattr(complaint, "lesson", None)
        if lesson is None:
            raise NotFound("Bij deze klacht is nog geen les vastgelegd.")
        return Response(LessonSerializer(lesson).data)

    @extend_schema(
        tags=["learning"],
        request=LessonInputSerializer,
        responses={200: LessonSerializer, **BAD_INPUT, **ERRORS, **NOT_FOUND},
    )
    def put(self, request, pk: int):
        complaint = selectors.complaint_detail(request.user, pk)
        serializer = LessonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = lessons.record_lesson(
            actor=request.user, complaint=complaint, data=dict(serializer.validated_data)
        )
        return Response(LessonSerializer(lesson).data)


def _visible(user):
    if not user.has_perm("learning.view_measures"):
        raise PermissionDenied
    return (
        measures.visible(user)
        .select_related("department", "partner")
        .prefetch_related("complaints")
        .order_by("due_on", "id")
    )


class MeasureList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = MeasureSerializer
    pagination_class = Page

    def get_queryset(self):
        queryset = _visible(self.request.user)
        params = self.request.query_params
        wanted = params.get("state", "open")
        if wanted not in STATES:
            raise ValidationError({"state": [f"Kies een van: {', '.join(STATES)}."]})
        if wanted == "open":
            queryset = queryset.filter(state__in=Measure.OPEN_STATES)
        elif wanted == "overdue":
            queryset = measures.overdue(queryset, on=deadlines.today())
        elif wanted != "all":
            queryset = queryset.filter(state=wanted)
        for name in ("department", "partner"):
            value = id_param(params, name)
            if value is not None:
                queryset = queryset.filter(**{f"{name}_id": value})
        return queryset

    @extend_schema(
        tags=["learning"],
        parameters=[
            OpenApiParameter("state", str, enum=STATES),
            OpenApiParameter("department", int),
            OpenApiParameter("partner", int),
        ],
        responses={200: MeasureSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["learning"],
        request=MeasureInputSerializer,
        responses={201: MeasureSerializer, **BAD_INPUT, **ERRORS},
    )
    def post(self, request):
        serializer = MeasureInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measure = measures.create_measure(actor=request.user, data=dict(serializer.validated_data))
        return Response(
            MeasureSerializer(_visible(request.user).get(pk=measure.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class MeasureDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["learning"], responses={200: MeasureSerializer, **ERRORS, **NO_MEASURE})
    def get(self, request, pk: int):
        return Response(MeasureSerializer(get_object_or_404(_visible(request.user), pk=pk)).data)

    @extend_schema(
        tags=["learning"],
        request=MeasurePatchSerializer,
        responses={200: MeasureSerializer, **BAD_INPUT, **ERRORS, **NO_MEASURE},
    )
    def patch(self, request, pk: int):
        measure = get_object_or_404(_visible(request.user), pk=pk)
        serializer = MeasurePatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        state = data.pop("state", None)
        result = data.pop("result", None)
        with transaction.atomic():
            if data:
                measure = measures.update_measure(
                    actor=request.user, measure=measure, data=_changed(measure, data)
                )
            if state is not None or result is not None:
                measure = measures.set_state(
                    actor=request.user,
                    measure=measure,
                    state=state or measure.state,
                    result=measure.result if result is None else result,
                )
        return Response(MeasureSerializer(_visible(request.user).get(pk=pk)).data)


def _changed(measure: Measure, data: dict) -> dict:
    """The measure's fields with the PATCH's changes: a department given alone clears
    the partner, and the other way round (a measure has one owner)."""
    current = {
        "title": measure.title,
        "description": measure.description,
        "department": measure.department_id,
        "partner": measure.partner_id,
        "due_on": measure.due_on,
        "complaints": list(measure.complaints.values_list("reference", flat=True)),
    }
    if "department" in data and "partner" not in data and data["department"]:
        current["partner"] = None
    if "partner" in data and "department" not in data and data["partner"]:
        current["department"] = None
    return {**current, **data}
