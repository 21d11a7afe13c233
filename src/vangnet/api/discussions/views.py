"""The bottleneck and case-discussion endpoints: thin views over
`vangnet.learning.bottlenecks` and `vangnet.learning.discussions`, the same rules as the
pages.

- `GET  bottlenecks/`                 the queue and the decided ones (`learning.view_learning`:
  coordinator and handler); filter `state` (queued, decided, follow_up_open, done),
  search `q` in the rule.
- `POST bottlenecks/`                 flag a complaint (`learning.flag_bottleneck` on it).
- `GET  bottlenecks/<id>/`            one bottleneck.
- `POST bottlenecks/<id>/decision/`   record or change the decision (coordinator).
- `GET  case-discussions/`            the discussions, newest first; filter `year`.
- `POST case-discussions/`            record one (coordinator).
- `GET/PUT case-discussions/<id>/`    read one / replace it (coordinator), actions included.

A discussion's POST or PUT may also decide the bottlenecks on its agenda: `decisions`,
a list of `{"bottleneck": id, "decision", "decision_note", "follow_up"}`; the day of
the decision is the discussion's date. Bottlenecks not named keep their decision.

Bad input gives 400 with messages per field (`{"rule": [...]}`; an action's under
`{"actions": {"0": {"owner": [...]}}}`, by position; a decision's under
`{"decisions": {"<bottleneck id>": {"decision_note": [...]}}}`: the services' dotted
keys, nested by `common.errors.exception_handler`); nothing is stored then. A complaint
the user may not see is "not found".
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints.models import Complaint
from vangnet.complaints.permissions import complaint_scope
from vangnet.learning import bottlenecks as bottleneck_service
from vangnet.learning import discussions as discussion_service
from vangnet.learning.models import Bottleneck, CaseDiscussion

from ..common.pagination import Page
from ..common.params import year_param
from ..common.schema import BAD_INPUT, ERRORS, not_found
from .serializers import (
    BottleneckSerializer,
    DecisionSerializer,
    DiscussionInputSerializer,
    DiscussionSerializer,
    FlagSerializer,
)

VIEW = "learning.view_learning"
STATES = [
    bottleneck_service.QUEUED,
    bottleneck_service.DECIDED,
    bottleneck_service.FOLLOW_UP_OPEN,
    bottleneck_service.DONE,
]
NO_BOTTLENECK = not_found("No such bottleneck.")
NO_DISCUSSION = not_found("No such case discussion.")


def _require_view(request) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied


# --- Bottlenecks ----------------------------------------------------------------------


def _bottlenecks():
    return Bottleneck.objects.select_related("complaint").order_by("raised_on", "id")


class BottleneckList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = BottleneckSerializer
    pagination_class = Page

    def get_queryset(self):
        _require_view(self.request)
        queryset = _bottlenecks()
        wanted = self.request.query_params.get("state", "")
        if wanted:
            if wanted not in STATES:
                raise ValidationError({"state": [f"Kies een van: {', '.join(STATES)}."]})
            queryset = bottleneck_service.in_state(queryset, wanted)
        search = self.request.query_params.get("q", "").strip()
        if "\x00" in search:
            raise ValidationError({"q": ["Deze tekens kunnen niet in een zoekopdracht."]})
        if search:
            queryset = queryset.filter(rule__icontains=search[:100])
        return queryset

    @extend_schema(
        tags=["learning"],
        parameters=[
            OpenApiParameter("state", str, enum=STATES),
            OpenApiParameter("q", str, description="Part of the rule."),
        ],
        responses={200: BottleneckSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["learning"],
        request=FlagSerializer,
        responses={201: BottleneckSerializer, **BAD_INPUT, **ERRORS},
    )
    def post(self, request):
        serializer = FlagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        scope = complaint_scope(request.user)
        if scope is None:
            raise PermissionDenied
        complaint = Complaint.objects.filter(scope, pk=data.pop("complaint")).first()
        if complaint is None:
            raise ValidationError(
                {"complaint": ["Deze klacht bestaat niet of u mag haar niet zien."]}
            )
        bottleneck = bottleneck_service.flag(complaint, actor=request.user, data=data)
        return Response(BottleneckSerializer(bottleneck).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["learning"], responses={200: BottleneckSerializer, **ERRORS, **NO_BOTTLENECK})
class BottleneckDetail(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = BottleneckSerializer

    def get_queryset(self):
        _require_view(self.request)
        return _bottlenecks()


class BottleneckDecision(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["learning"],
        request=DecisionSerializer,
        responses={200: BottleneckSerializer, **BAD_INPUT, **ERRORS, **NO_BOTTLENECK},
    )
    def post(self, request, pk: int):
        _require_view(request)
        bottleneck = get_object_or_404(_bottlenecks(), pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bottleneck = bottleneck_service.decide(
            bottleneck, actor=request.user, data=dict(serializer.validated_data)
        )
        return Response(BottleneckSerializer(bottleneck).data)


# --- Case discussions -----------------------------------------------------------------


def _discussions():
    return CaseDiscussion.objects.prefetch_related(
        "departments",
        "partners",
        Prefetch("complaints", queryset=Complaint.objects.only("id", "reference")),
        "bottlenecks",
        "actions",
    ).order_by("-held_on", "-id")


def _discussion_data(validated: dict) -> dict:
    data = dict(validated)
    data["actions"] = [dict(action) for action in data.get("actions", [])]
    data["decisions"] = [dict(item) for item in data.get("decisions", [])]
    return data


class DiscussionList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DiscussionSerializer
    pagination_class = Page

    def get_queryset(self):
        _require_view(self.request)
        queryset = _discussions()
        year = year_param(self.request.query_params)
        if year is not None:
            queryset = queryset.filter(held_on__year=year)
        return queryset

    @extend_schema(
        tags=["learning"],
        parameters=[OpenApiParameter("year", int)],
        responses={200: DiscussionSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["learning"],
        request=DiscussionInputSerializer,
        responses={201: DiscussionSerializer, **BAD_INPUT, **ERRORS},
    )
    def post(self, request):
        _require_view(request)
        serializer = DiscussionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussion = discussion_service.create_discussion(
            actor=request.user, data=_discussion_data(serializer.validated_data)
        )
        discussion = _discussions().get(pk=discussion.pk)
        return Response(DiscussionSerializer(discussion).data, status=status.HTTP_201_CREATED)


class DiscussionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["learning"], responses={200: DiscussionSerializer, **ERRORS, **NO_DISCUSSION}
    )
    def get(self, request, pk: int):
        _require_view(request)
        return Response(DiscussionSerializer(get_object_or_404(_discussions(), pk=pk)).data)

    @extend_schema(
        tags=["learning"],
        request=DiscussionInputSerializer,
        responses={200: DiscussionSerializer, **BAD_INPUT, **ERRORS, **NO_DISCUSSION},
    )
    def put(self, request, pk: int):
        _require_view(request)
        discussion = get_object_or_404(_discussions(), pk=pk)
        serializer = DiscussionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussion_service.update_discussion(
            discussion, actor=request.user, data=_discussion_data(serializer.validated_data)
        )
        return Response(DiscussionSerializer(_discussions().get(pk=pk)).data)
