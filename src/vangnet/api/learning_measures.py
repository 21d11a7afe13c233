"""Lessons and improvement measures in the JSON API v1 (issue 6, part 1): thin views
over `vangnet.learning.lessons` and `vangnet.learning.measures`, the same rules as the
pages.

- `GET  causes/`                  the active causes a lesson can name.
- `GET/PUT complaints/<id>/lesson/` a complaint's lesson (PUT: who may handle it).
- `GET  measures/`                the measures the user may see (staff all, a partner
  user its partner's); filters `state` (open, overdue, done, cancelled, all; default
  open), `department`, `partner` (ids).
- `POST measures/`                open one (coordinator).
- `GET  measures/<id>/`           one measure.
- `PATCH measures/<id>/`          `state` and `result` by its owner or the coordinator;
  the other fields by the coordinator.

Bad input gives 400 with messages per field; nothing is stored then.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints import deadlines, selectors
from vangnet.complaints.models import Complaint
from vangnet.learning import lessons, measures
from vangnet.learning.models import Cause, Lesson, Measure
from vangnet.organisations.models import Department, Partner

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer
from .second_line import NamedSerializer

STATES = ["open", "overdue", Measure.State.DONE, Measure.State.CANCELLED, "all"]
ERRORS = {
    400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid input."),
    403: ErrorSerializer,
    404: ErrorSerializer,
}
ID = {"min_value": 1, "max_value": 2**31 - 1}


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None) from error
    except DjangoValidationError as error:
        raise ValidationError(
            {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        ) from error


class CauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cause
        fields = ["id", "name", "description"]


class LessonSerializer(serializers.ModelSerializer):
    cause = CauseSerializer(read_only=True)

    class Meta:
        model = Lesson
        fields = ["cause", "lessons", "norms", "recorded_on"]
        read_only_fields = fields


class LessonInputSerializer(serializers.Serializer):
    cause = serializers.IntegerField(**ID)
    lessons = serializers.CharField(required=False, allow_blank=True, default="")
    norms = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        default=list,
        help_text="Behoorlijkheidswijzer norm codes.",
    )


class MeasureSerializer(serializers.ModelSerializer):
    department = NamedSerializer(read_only=True, allow_null=True)
    partner = NamedSerializer(read_only=True, allow_null=True)
    complaints = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Measure
        fields = [
            "id",
            "title",
            "description",
            "department",
            "partner",
            "due_on",
            "state",
            "result",
            "opened_on",
            "closed_on",
            "overdue",
            "complaints",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(deadlines.today())


class MeasureInputSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    department = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    partner = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    complaints = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Complaint references, e.g. 2026-00012.",
    )

    def validate_department(self, value):
        if value is not None and not Department.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Kies een afdeling uit de lijst.")
        return value

    def validate_partner(self, value):
        if value is not None and not Partner.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Kies een partner uit de lijst.")
        return value


class MeasurePatchSerializer(MeasureInputSerializer):
    state = serializers.ChoiceField(choices=Measure.State.choices, required=False)
    result = serializers.CharField(required=False, allow_blank=True)


class Page(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


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

    def _complaint(self, request, pk: int) -> Complaint:
        try:
            return selectors.complaint_detail(request.user, pk)
        except Http404 as error:  # not there, or not the user's to see
            raise NotFound from error

    @extend_schema(tags=["learning"], responses={200: LessonSerializer, **ERRORS})
    def get(self, request, pk: int):
        complaint = self._complaint(request, pk)
        if not request.user.has_perm("complaints.view_timeline", complaint):
            raise PermissionDenied
        lesson = getattr(complaint, "lesson", None)
        if lesson is None:
            raise NotFound("Bij deze klacht is nog geen les vastgelegd.")
        return Response(LessonSerializer(lesson).data)

    @extend_schema(
        tags=["learning"],
        request=LessonInputSerializer,
        responses={200: LessonSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        complaint = self._complaint(request, pk)
        serializer = LessonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = _call(
            lessons.record_lesson,
            actor=request.user,
            complaint=complaint,
            data=dict(serializer.validated_data),
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


@extend_schema(
    tags=["learning"],
    parameters=[
        OpenApiParameter("state", str, enum=STATES),
        OpenApiParameter("department", int),
        OpenApiParameter("partner", int),
    ],
    responses={200: MeasureSerializer(many=True), **ERRORS},
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
            value = params.get(name, "")
            if value:
                if not re.fullmatch(r"[0-9]{1,9}", value):
                    raise ValidationError({name: ["Geef een nummer."]})
                queryset = queryset.filter(**{f"{name}_id": int(value)})
        return queryset

    @extend_schema(request=MeasureInputSerializer, responses={201: MeasureSerializer, **ERRORS})
    def post(self, request):
        serializer = MeasureInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measure = _call(
            measures.create_measure, actor=request.user, data=dict(serializer.validated_data)
        )
        return Response(
            MeasureSerializer(_visible(request.user).get(pk=measure.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class MeasureDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["learning"], responses={200: MeasureSerializer, **ERRORS})
    def get(self, request, pk: int):
        return Response(MeasureSerializer(get_object_or_404(_visible(request.user), pk=pk)).data)

    @extend_schema(
        tags=["learning"],
        request=MeasurePatchSerializer,
        responses={200: MeasureSerializer, **ERRORS},
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
                measure = _call(
                    measures.update_measure,
                    actor=request.user,
                    measure=measure,
                    data={**current, **data},
                )
            if state is not None or result is not None:
                measure = _call(
                    measures.set_state,
                    actor=request.user,
                    measure=measure,
                    state=state or measure.state,
                    result=measure.result if result is None else result,
                )
        return Response(MeasureSerializer(_visible(request.user).get(pk=pk)).data)


urlpatterns = [
    path("causes/", CauseList.as_view(), name="cause-list"),
    path("complaints/<int:pk>/lesson/", ComplaintLesson.as_view(), name="complaint-lesson"),
    path("measures/", MeasureList.as_view(), name="measure-list"),
    path("measures/<int:pk>/", MeasureDetail.as_view(), name="measure-detail"),
]
