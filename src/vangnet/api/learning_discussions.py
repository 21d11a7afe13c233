"""Rule bottlenecks and case discussions in the JSON API v1 (issue 6, parts 2 and 3):
thin views over `vangnet.learning.bottlenecks` and `vangnet.learning.discussions`, the
same rules as the pages.

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
`{"decisions": {"<bottleneck id>": {"decision_note": [...]}}}`); nothing is stored then.
A complaint the user may not see is "not found".
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.complaints.models import Complaint
from vangnet.complaints.permissions import complaint_scope
from vangnet.learning import bottlenecks as bottleneck_service
from vangnet.learning import discussions as discussion_service
from vangnet.learning.models import Bottleneck, CaseDiscussion, FollowUpAction

from .common.errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer
from .second_line import NamedSerializer

VIEW = "learning.view_learning"
STATES = [
    bottleneck_service.QUEUED,
    bottleneck_service.DECIDED,
    bottleneck_service.FOLLOW_UP_OPEN,
    bottleneck_service.DONE,
]
ERRORS = {
    400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid input."),
    403: ErrorSerializer,
    404: ErrorSerializer,
}


def _errors(error: DjangoValidationError) -> dict:
    """The service's messages keyed like the request: "actions.0.owner" nests."""
    detail: dict = {}
    for field, messages in error.message_dict.items():
        node = detail
        parts = field.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(parts[-1], []).extend(str(m) for m in messages)
    return detail


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None) from error
    except DjangoValidationError as error:
        raise ValidationError(_errors(error)) from error


def _require_view(request) -> None:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied


class Page(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


# --- Serializers ----------------------------------------------------------------------


class ComplaintRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)


class BottleneckSerializer(serializers.ModelSerializer):
    complaint = ComplaintRefSerializer(read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Bottleneck
        fields = [
            "id",
            "complaint",
            "rule",
            "problem",
            "proposal",
            "raised_on",
            "state",
            "discussion",
            "decision",
            "decision_note",
            "decided_on",
            "follow_up",
            "follow_up_done_on",
        ]
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return bottleneck_service.state(obj)


class FlagSerializer(serializers.Serializer):
    complaint = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    rule = serializers.CharField(required=False, allow_blank=True, default="")
    problem = serializers.CharField(required=False, allow_blank=True, default="")
    proposal = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=Bottleneck.Decision.choices, required=False, allow_blank=True, default=""
    )
    decision_note = serializers.CharField(required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "due_on", "done_on"]
        extra_kwargs = {
            "description": {"required": False, "allow_blank": True, "default": ""},
            "owner": {"required": False, "allow_blank": True, "default": ""},
            "due_on": {"required": False, "allow_null": True, "default": None},
            "done_on": {"required": False, "allow_null": True, "default": None},
        }


class DiscussionSerializer(serializers.ModelSerializer):
    departments = NamedSerializer(many=True, read_only=True)
    partners = NamedSerializer(many=True, read_only=True)
    complaints = ComplaintRefSerializer(many=True, read_only=True)
    bottlenecks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = CaseDiscussion
        fields = [
            "id",
            "held_on",
            "subject",
            "participants",
            "departments",
            "partners",
            "complaints",
            "bottlenecks",
            "agreements",
            "actions",
        ]
        read_only_fields = fields


ID = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class DiscussionDecisionSerializer(serializers.Serializer):
    bottleneck = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    decision = serializers.ChoiceField(
        choices=Bottleneck.Decision.choices, required=False, allow_blank=True, default=""
    )
    decision_note = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class DiscussionInputSerializer(serializers.Serializer):
    held_on = serializers.DateField(required=False, allow_null=True, default=None)
    subject = serializers.CharField(required=False, allow_blank=True, default="")
    participants = serializers.CharField(required=False, allow_blank=True, default="")
    agreements = serializers.CharField(required=False, allow_blank=True, default="")
    departments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
    )
    partners = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
    )
    complaints = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Complaint references, e.g. 2026-00012.",
    )
    bottlenecks = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
    )
    actions = ActionSerializer(many=True, required=False, default=list)
    decisions = DiscussionDecisionSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Decisions on bottlenecks on the agenda, dated the discussion's date.",
    )


# --- Views ----------------------------------------------------------------------------


def _bottlenecks():
    return Bottleneck.objects.select_related("complaint").order_by("raised_on", "id")


@extend_schema(
    tags=["learning"],
    parameters=[
        OpenApiParameter("state", str, enum=STATES),
        OpenApiParameter("q", str, description="Part of the rule."),
    ],
    responses={200: BottleneckSerializer(many=True), **ERRORS},
)
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

    @extend_schema(request=FlagSerializer, responses={201: BottleneckSerializer, **ERRORS})
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
        bottleneck = _call(bottleneck_service.flag, complaint, actor=request.user, data=data)
        return Response(BottleneckSerializer(bottleneck).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["learning"], responses={200: BottleneckSerializer, **ERRORS})
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
        responses={200: BottleneckSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        _require_view(request)
        bottleneck = get_object_or_404(_bottlenecks(), pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bottleneck = _call(
            bottleneck_service.decide,
            bottleneck,
            actor=request.user,
            data=dict(serializer.validated_data),
        )
        return Response(BottleneckSerializer(bottleneck).data)


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


@extend_schema(
    tags=["learning"],
    parameters=[OpenApiParameter("year", int)],
    responses={200: DiscussionSerializer(many=True), **ERRORS},
)
class DiscussionList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DiscussionSerializer
    pagination_class = Page

    def get_queryset(self):
        _require_view(self.request)
        queryset = _discussions()
        year = self.request.query_params.get("year", "")
        if year:
            if not (re.fullmatch(r"[0-9]{4}", year) and 1900 <= int(year) <= 2200):
                raise ValidationError({"year": ["Geef een jaar, bijvoorbeeld 2026."]})
            queryset = queryset.filter(held_on__year=int(year))
        return queryset

    @extend_schema(
        request=DiscussionInputSerializer, responses={201: DiscussionSerializer, **ERRORS}
    )
    def post(self, request):
        _require_view(request)
        serializer = DiscussionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussion = _call(
            discussion_service.create_discussion,
            actor=request.user,
            data=_discussion_data(serializer.validated_data),
        )
        discussion = _discussions().get(pk=discussion.pk)
        return Response(DiscussionSerializer(discussion).data, status=status.HTTP_201_CREATED)


class DiscussionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["learning"], responses={200: DiscussionSerializer, **ERRORS})
    def get(self, request, pk: int):
        _require_view(request)
        return Response(DiscussionSerializer(get_object_or_404(_discussions(), pk=pk)).data)

    @extend_schema(
        tags=["learning"],
        request=DiscussionInputSerializer,
        responses={200: DiscussionSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        _require_view(request)
        discussion = get_object_or_404(_discussions(), pk=pk)
        serializer = DiscussionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _call(
            discussion_service.update_discussion,
            discussion,
            actor=request.user,
            data=_discussion_data(serializer.validated_data),
        )
        return Response(DiscussionSerializer(_discussions().get(pk=pk)).data)


urlpatterns = [
    path("bottlenecks/", BottleneckList.as_view(), name="bottleneck-list"),
    path("bottlenecks/<int:pk>/", BottleneckDetail.as_view(), name="bottleneck-detail"),
    path(
        "bottlenecks/<int:pk>/decision/",
        BottleneckDecision.as_view(),
        name="bottleneck-decision",
    ),
    path("case-discussions/", DiscussionList.as_view(), name="case-discussion-list"),
    path("case-discussions/<int:pk>/", DiscussionDetail.as_view(), name="case-discussion-detail"),
]
