"""The JSON API v1: thin views over `vangnet.complaints.selectors` (every read),
`vangnet.complaints.services` and `vangnet.complaints.procedure` (every write).

- 401 without (valid) credentials: a token (`Authorization: Token <key>`, see the
  `api_token` command) or a back-office session.
- 403 when the user may not do this (listing and registering need a role; each action
  needs the permission its service checks), checked before the input is read.
- 404 for a complaint the user may not see, exactly as for one that does not exist.
- 409 when the complaint's state does not allow the action (a step the transition table
  does not allow from the current state, an action on a closed complaint, a second reply).
- 400 with messages per field, in the shape of the request body, for bad input; the
  services' `ValidationError`s are translated to it. Nothing is stored then.

Every step of the handling procedure (`workflow.Step`) has its own endpoint (see
`steps.STEP_ENDPOINTS`), so a contact-centre system can drive a complaint from receipt
to the conclusion letter with the same rules as the back office.
"""

import logging
from contextlib import contextmanager, suppress

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse as url_reverse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.viewsets import GenericViewSet

from vangnet.complaints import forwarding, procedure, selectors, services
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import (
    Complaint,
    Contact,
    Contribution,
    Decision,
    JointDiscussion,
    Postponement,
)
from vangnet.complaints.workflow import HANDLE, REOPEN, Step, get_transition
from vangnet.letters.models import Letter

from . import serializers as s
from .steps import STEP_ENDPOINTS, StepEndpoint, step_arguments

logger = logging.getLogger(__name__)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Dit kan niet in de huidige status van de klacht.")
    default_code = "conflict"


@contextmanager
def service_errors():
    """Translate a service's Django exceptions into the API's: `ValidationError` -> 400
    with the API's field names, `PermissionDenied` -> 403."""
    try:
        yield
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(s.api_error_detail(error.message_dict)) from None
        raise ValidationError(s.api_error_detail({"__all__": error.messages})) from None
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None) from None


class ComplaintPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ComplaintPermission(BasePermission):
    """Listing needs `complaints.list_complaints`, registering `complaints.add_complaint`.
    A single complaint is looked up through `selectors.complaint_detail` (404 when not
    visible) and every action's service checks its own object permission."""

    required = {
        "list": "complaints.list_complaints",
        "create": "complaints.add_complaint",
    }

    def has_permission(self, request, view) -> bool:
        perm = self.required.get(view.action)
        return perm is None or request.user.has_perm(perm)


ERRORS = {
    401: OpenApiResponse(s.ErrorSerializer, description="Not authenticated."),
    403: OpenApiResponse(s.ErrorSerializer, description="The user may not do this."),
}
CONFLICT = {
    409: OpenApiResponse(
        s.ErrorSerializer,
        description="The complaint's state does not allow this now (`detail` says why); "
        "nothing stored.",
    )
}
NOT_FOUND = {
    404: OpenApiResponse(
        s.ErrorSerializer,
        description="No such complaint, or the user may not see it (indistinguishable).",
    )
}
BAD_INPUT = {
    400: OpenApiResponse(s.VALIDATION_ERROR_SCHEMA, description="Invalid input; nothing stored.")
}
COMPLAINT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The complaint's id."
)


def _action_schema(
    operation_id, request, summary, description, created=False, conflict=False, response=None
):
    code = 201 if created else 200
    responses = {
        code: response or s.ComplaintDetailSerializer,
        **BAD_INPUT,
        **ERRORS,
        **NOT_FOUND,
        **(CONFLICT if conflict else {}),
    }
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        request=request,
        parameters=[COMPLAINT_ID],
        responses=responses,
    )


def _step_schema(endpoint: StepEndpoint):
    if endpoint.serializer is None:
        request = None
    elif endpoint.multipart:
        request = {
            "multipart/form-data": endpoint.serializer,
            "application/json": endpoint.json_serializer,
        }
    else:
        request = endpoint.serializer
    return _action_schema(
        endpoint.operation_id,
        request,
        endpoint.summary,
        f"{endpoint.description}\n\nThe step `{endpoint.step}` of the procedure: 409 when "
        "the complaint's state does not allow it (see `allowed_actions.steps`).",
        conflict=True,
    )


def _step_action(step: str):
    """The viewset action for one procedure step (see `steps.STEP_ENDPOINTS`)."""
    endpoint = STEP_ENDPOINTS[step]
    parsers = [JSONParser, MultiPartParser] if endpoint.multipart else [JSONParser]

    def take_step(self, request, pk=None):
        return self._take_step(pk, endpoint)

    take_step.__name__ = endpoint.name
    take_step.__doc__ = endpoint.summary
    routed = action(
        detail=True,
        methods=["post"],
        url_path=endpoint.path,
        url_name=endpoint.url_name,
        parser_classes=parsers,
    )(take_step)
    return _step_schema(endpoint)(routed)


def _with_records(user, complaint: Complaint) -> Complaint:
    """Fetch the procedure's records the detail shows, in a fixed number of queries;
    only for who may see them (`complaints.view_timeline`)."""
    if user.has_perm(s.PERM_TIMELINE, complaint):
        prefetch_related_objects(
            [complaint],
            Prefetch("contacts", queryset=Contact.objects.select_related("recorded_by")),
            "hearing",
            "advice__attachment",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("decided_by").prefetch_related("parts"),
            ),
            Prefetch("postponements", queryset=Postponement.objects.select_related("recorded_by")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related(
                    "partner", "department", "recorded_by"
                ),
            ),
            Prefetch(
                "joint_discussions",
                queryset=JointDiscussion.objects.select_related("recorded_by"),
            ),
            Prefetch("letters", queryset=Letter.objects.defer("html")),
        )
    return complaint


def _require_open(complaint: Complaint) -> None:
    """409 unless the complaint is an open complaint."""
    if not complaint.is_complaint:
        raise Conflict(procedure.refusal(complaint, Step.ACKNOWLEDGE).messages[0])
    if not complaint.is_open:
        raise Conflict(_("Deze klacht is afgesloten."))


@contextmanager
def refused_step_is_conflict(pk: int, step: str):
    """The procedure refuses a step the table does not allow (under `step`): when the
    complaint's state changed since the view looked, that is a 409, not a 400."""
    try:
        yield
    except DjangoValidationError as error:
        if hasattr(error, "error_dict") and "step" in error.error_dict:
            state = Complaint.objects.filter(pk=pk).values_list("state", flat=True).first()
            if state is None or get_transition(state, step) is None:
                raise Conflict(" ".join(error.message_dict["step"])) from None
        raise


@extend_schema_view(
    list=extend_schema(
        operation_id="complaints_list",
        summary="List, search and filter complaints",
        description=(
            "The complaints (and redirected reports, objections and questions) the user may "
            "see, filtered with the same parameters as the back-office list; newest first "
            "unless `ordering` says otherwise. Needs `complaints.list_complaints` "
            "(coordinator, handler, partner user). Invalid filter values give 400 with a "
            "message per parameter."
        ),
        responses={200: s.ComplaintListSerializer(many=True), **BAD_INPUT, **ERRORS},
    ),
    retrieve=extend_schema(
        operation_id="complaints_retrieve",
        summary="One complaint",
        description=(
            "`complainant`, `representative` and `person_complained_about` only with "
            "`complaints.view_personal_data`; `handler`, `timeline` and the procedure's "
            "records (`contacts`, `hearing`, `advice`, `decisions`, `postponements`, "
            "`forwards`, `letters`, `contributions`, `joint_discussions`) only with "
            "`complaints.view_timeline` (absent otherwise). `allowed_actions` says which "
            "of the action endpoints the user may call now; `allowed_actions.steps` lists "
            "the procedure steps with their endpoints."
        ),
        parameters=[COMPLAINT_ID],
        responses={200: s.ComplaintDetailSerializer, **ERRORS, **NOT_FOUND},
    ),
    create=extend_schema(
        operation_id="complaints_create",
        summary="Register a complaint",
        description=(
            "Registers a complaint, or a report, objection or question that was redirected "
            "(`kind` + `redirected_to`; registered as closed). The deadlines follow Awb "
            "9:6/9:8/9:11 and the Algemene termijnenwet. Needs `complaints.add_complaint` "
            "(coordinator, handler). Returns the complaint with a `Location` header."
        ),
        request=s.ComplaintCreateSerializer,
        responses={201: s.ComplaintDetailSerializer, **BAD_INPUT, **ERRORS},
    ),
)
class ComplaintViewSet(GenericViewSet):
    permission_classes = [IsAuthenticated, ComplaintPermission]
    parser_classes = [JSONParser]
    # Only the model, for the schema generator; every read goes through `get_queryset`.
    queryset = Complaint.objects.none()
    serializer_class = s.ComplaintDetailSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplaintFilter
    pagination_class = ComplaintPagination
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return selectors.for_list(selectors.visible_complaints(self.request.user))

    # --- reads -----------------------------------------------------------------------

    def list(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = s.ComplaintListSerializer(
            page, many=True, context=self.get_serializer_context()
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, pk=None):
        return self._detail_response(pk)

    def _detail(self, complaint) -> dict:
        complaint = _with_records(self.request.user, complaint)
        return s.ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data

    def _detail_response(self, pk, status_code=status.HTTP_200_OK) -> Response:
        complaint = selectors.complaint_detail(self.request.user, pk)
        return Response(self._detail(complaint), status=status_code)

    # --- writes ----------------------------------------------------------------------

    def create(self, request):
        serializer = s.ComplaintCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data, involved = serializer.service_arguments()
        with service_errors():
            complaint = services.register_complaint(
                actor=request.user, data=data, involved_partners=involved
            )
        if serializer.validated_data.get("acknowledge"):
            self._acknowledge_new(complaint)
        # A handler may register a complaint for another department, which they then cannot
        # see; they still get its reference and deadlines (personal data and the timeline
        # stay hidden by the permission rules).
        with suppress(Http404):
            complaint = selectors.complaint_detail(request.user, complaint.pk)
        location = reverse("api:complaint-detail", kwargs={"pk": complaint.pk}, request=request)
        return Response(
            self._detail(complaint), status=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def _acknowledge_new(self, complaint: Complaint) -> None:
        """The `acknowledge` step right after registering, when the table and the user's
        permission allow it. The registration stands whatever happens here: a refusal
        leaves the complaint `received`, to be acknowledged through its endpoint."""
        user = self.request.user
        transition = get_transition(complaint.state, Step.ACKNOWLEDGE)
        if not complaint.is_complaint or transition is None:
            return
        if not user.has_perm(transition.permission, complaint):
            return
        try:
            procedure.perform(actor=user, complaint=complaint, step=Step.ACKNOWLEDGE, data={})
        except (DjangoValidationError, DjangoPermissionDenied):
            logger.warning(
                "Complaint %s registered through the API but not acknowledged",
                complaint.pk,
                exc_info=True,
            )

    def _act(
        self,
        pk,
        serializer_class,
        perm: str,
        perform,
        status_code=status.HTTP_200_OK,
        needs_open=False,
    ):
        """Run one action: 404 when the complaint is not visible, 403 without `perm`
        (checked before the input, so an unauthorised user learns nothing from the
        validation), 409 when `needs_open` and the complaint is closed, 400 for bad
        input; the service checks everything again."""
        request = self.request
        complaint = selectors.complaint_detail(request.user, pk)
        if not request.user.has_perm(perm, complaint):
            raise PermissionDenied()
        if needs_open:
            _require_open(complaint)
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            perform(complaint, serializer.validated_data)
        return self._detail_response(complaint.pk, status_code)

    def _take_step(self, pk, endpoint: StepEndpoint) -> Response:
        """One step of the procedure: 404 when not visible; 403 without the step's
        permission (for a step the table does not allow now: the permission to handle,
        or to reopen, the complaint); 409 when the table does not allow it from the
        current state; 400 for bad input; then `procedure.perform`."""
        request = self.request
        step = endpoint.step
        complaint = selectors.complaint_detail(request.user, pk)
        transition = get_transition(complaint.state, step) if complaint.is_complaint else None
        if transition is not None:
            perm = transition.permission
        else:
            perm = REOPEN if step == Step.REOPEN else HANDLE
        if not request.user.has_perm(perm, complaint):
            raise PermissionDenied()
        if transition is None:
            raise Conflict(procedure.refusal(complaint, step).messages[0])
        data, files = {}, []
        if endpoint.serializer is not None:
            serializer = endpoint.serializer(
                data=request.data, context=self.get_serializer_context()
            )
            serializer.is_valid(raise_exception=True)
            data, files = step_arguments(endpoint, serializer.validated_data)
        with service_errors(), refused_step_is_conflict(complaint.pk, step):
            procedure.perform(
                actor=request.user, complaint=complaint, step=step, data=data, files=files
            )
        return self._detail_response(complaint.pk)

    # --- the procedure's steps (one endpoint each) ---------------------------------------

    acknowledge = _step_action(Step.ACKNOWLEDGE)
    log_contact = _step_action(Step.LOG_CONTACT)
    resolve_informally = _step_action(Step.RESOLVE_INFORMALLY)
    start_formal = _step_action(Step.START_FORMAL)
    offer_hearing = _step_action(Step.OFFER_HEARING)
    plan_hearing = _step_action(Step.PLAN_HEARING)
    hold_hearing = _step_action(Step.HOLD_HEARING)
    skip_hearing = _step_action(Step.SKIP_HEARING)
    request_advice = _step_action(Step.REQUEST_ADVICE)
    record_advice = _step_action(Step.RECORD_ADVICE)
    decide = _step_action(Step.DECIDE)
    send_conclusion = _step_action(Step.SEND_CONCLUSION)
    decline = _step_action(Step.DECLINE)
    withdraw = _step_action(Step.WITHDRAW)
    forward_to_body = _step_action(Step.FORWARD_TO_BODY)
    close_forwarded = _step_action(Step.CLOSE_FORWARDED)
    reopen = _step_action(Step.REOPEN)

    # --- the term (Awb 9:11) -------------------------------------------------------------

    @_action_schema(
        "complaints_extend",
        s.ExtendSerializer,
        "Extend the term once (Awb 9:11 lid 2)",
        "At most 4 weeks, decided before the due date, once; sends the extension letter to "
        "the complainant and the person complained about. A second extension or one after "
        "the due date: 400 on `new_due` (a further delay needs the complainant's consent: "
        "`delay`). 409 when the complaint is closed. The coordinator and the assigned "
        "handler.",
        created=True,
        conflict=True,
    )
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        return self._act(
            pk,
            s.ExtendSerializer,
            HANDLE,
            lambda complaint, data: procedure.extend(
                actor=request.user,
                complaint=complaint,
                new_due=data.get("new_due"),
                reason=data.get("reason", ""),
            ),
            status.HTTP_201_CREATED,
            needs_open=True,
        )

    @_action_schema(
        "complaints_delay",
        s.DelaySerializer,
        "Delay with the complainant's written consent (Awb 9:11)",
        "After the extension, or after the term: a new due date with the date the "
        "complainant's written consent came in. 409 when the complaint is closed. The "
        "coordinator and the assigned handler.",
        created=True,
        conflict=True,
    )
    @action(detail=True, methods=["post"])
    def delay(self, request, pk=None):
        return self._act(
            pk,
            s.DelaySerializer,
            HANDLE,
            lambda complaint, data: procedure.delay_with_consent(
                actor=request.user,
                complaint=complaint,
                new_due=data.get("new_due"),
                reason=data.get("reason", ""),
                consent_on=data.get("consent_on"),
            ),
            status.HTTP_201_CREATED,
            needs_open=True,
        )

    # --- cooperation complaints ----------------------------------------------------------

    @_action_schema(
        "complaints_add_contribution",
        s.ContributionInputSerializer,
        "Record a party's contribution (cooperation complaint)",
        'The party: `{"partner": "<slug>"}` (one of the complaint\'s partners) or '
        '`{"department": <id>}`. Only for a cooperation complaint (400 on `party` '
        "otherwise). The coordinator and the assigned handler.",
        created=True,
    )
    @action(detail=True, methods=["post"])
    def contributions(self, request, pk=None):
        return self._act(
            pk,
            s.ContributionInputSerializer,
            HANDLE,
            lambda complaint, data: procedure.add_contribution(
                actor=request.user,
                complaint=complaint,
                party=data.get("party"),
                received_on=data.get("received_on"),
                text=data.get("text", ""),
            ),
            status.HTTP_201_CREATED,
        )

    @_action_schema(
        "complaints_add_joint_discussion",
        s.JointDiscussionInputSerializer,
        "Record the joint case discussion (cooperation complaint)",
        "Date, participants and agreements. Only for a cooperation complaint (400 on "
        "`held_on` otherwise). The coordinator and the assigned handler.",
        created=True,
    )
    @action(detail=True, methods=["post"], url_path="joint-discussions")
    def joint_discussions(self, request, pk=None):
        return self._act(
            pk,
            s.JointDiscussionInputSerializer,
            HANDLE,
            lambda complaint, data: procedure.record_joint_discussion(
                actor=request.user,
                complaint=complaint,
                held_on=data.get("held_on"),
                participants=data.get("participants", ""),
                agreements=data.get("agreements", ""),
            ),
            status.HTTP_201_CREATED,
        )

    @_action_schema(
        "complaints_assign",
        s.AssignSerializer,
        "Assign a handler",
        "Coordinator only. Refused (400 on `handler`) when the handler is the person "
        "complained about (Awb 9:7).",
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._act(
            pk,
            s.AssignSerializer,
            "complaints.assign_complaint",
            lambda complaint, data: services.assign_handler(
                actor=request.user, complaint=complaint, handler=data["handler"]
            ),
        )

    @_action_schema(
        "complaints_add_note",
        s.NoteSerializer,
        "Add a note",
        "An internal note on the timeline. The coordinator and the assigned handler.",
        created=True,
    )
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        return self._act(
            pk,
            s.NoteSerializer,
            "complaints.add_note",
            lambda complaint, data: services.add_note(
                actor=request.user, complaint=complaint, text=data["text"]
            ),
            status.HTTP_201_CREATED,
        )

    @_action_schema(
        "complaints_change_theme",
        s.ThemeChangeSerializer,
        "Change the theme",
        "The coordinator and the assigned handler.",
    )
    @action(detail=True, methods=["post"])
    def theme(self, request, pk=None):
        return self._act(
            pk,
            s.ThemeChangeSerializer,
            "complaints.change_theme",
            lambda complaint, data: services.change_theme(
                actor=request.user, complaint=complaint, theme=data["theme"]
            ),
        )

    @_action_schema(
        "complaints_forward",
        s.ForwardToPartnerSerializer,
        "Forward to a partner",
        "The municipality stays responsible; the partner's users see the complaint from "
        "now on. The partner gets it by e-mail with a reply link (no account needed) when it "
        "has an address, and the complainant the forward notice. 409 when the complaint is "
        "closed. The coordinator and the assigned handler.",
        created=True,
        conflict=True,
    )
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        def build_reply_url(token: str) -> str:
            return request.build_absolute_uri(url_reverse("partnerportal:reply", args=[token]))

        return self._act(
            pk,
            s.ForwardToPartnerSerializer,
            forwarding.FORWARD_PERMISSION,
            lambda complaint, data: forwarding.forward_to_partner(
                actor=request.user,
                complaint=complaint,
                partner=data["partner"],
                note=data["note"],
                build_reply_url=build_reply_url,
            ),
            status.HTTP_201_CREATED,
            needs_open=True,
        )

    @extend_schema(
        operation_id="complaints_partner_reply",
        summary="The partner reports back on a forwarded complaint",
        description=(
            "A user of the partner the complaint was forwarded to (`partner_slug`) says what "
            "it did and the outcome, once (409 when the partner already replied). 403 for "
            "anyone else who can see the complaint (the municipality's staff read the reply "
            "in `forwards`); 404 when the complaint was not forwarded to that partner. The "
            "handler (or, without one, the coordinators) is e-mailed."
        ),
        request=s.PartnerReplySerializer,
        parameters=[
            COMPLAINT_ID,
            OpenApiParameter(
                "partner_slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The slug of the partner the complaint was forwarded to.",
            ),
        ],
        responses={
            200: s.PartnerReplyResultSerializer,
            **BAD_INPUT,
            **ERRORS,
            **NOT_FOUND,
            **CONFLICT,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"forwards/(?P<partner_slug>[-a-zA-Z0-9_]+)/reply",
        url_name="partner-reply",
    )
    def partner_reply(self, request, pk=None, partner_slug=None):
        user = request.user
        complaint = selectors.complaint_detail(user, pk)
        if not user.has_perm(forwarding.REPLY_PERMISSION, complaint):
            raise PermissionDenied()
        forward = next(
            (f for f in complaint.forwards.all() if f.partner.slug == partner_slug), None
        )
        if forward is None:
            raise NotFound()
        if forward.partner_id != user.partner_id:
            raise PermissionDenied()
        if forward.replied_at is not None:
            raise Conflict(forwarding.already_replied_message(forward))
        serializer = s.PartnerReplySerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with service_errors():
                forward = forwarding.record_partner_reply(
                    forward=forward,
                    actor=user,
                    action=data.get("action", ""),
                    outcome=data.get("outcome", ""),
                )
        except ValidationError as error:
            if "forward" in error.detail:  # replied in the meantime
                raise Conflict(" ".join(map(str, error.detail["forward"]))) from None
            raise
        return Response(s.PartnerReplyResultSerializer(forward).data)

    @_action_schema(
        "complaints_add_attachments",
        {"multipart/form-data": s.AttachmentUploadSerializer},
        "Add attachments",
        "multipart/form-data with one or more `files`: PDF, JPG or PNG, recognised by their "
        "content. The coordinator and the assigned handler.",
        created=True,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        return self._act(
            pk,
            s.AttachmentUploadSerializer,
            "complaints.add_attachment",
            lambda complaint, data: services.add_attachments(
                actor=request.user, complaint=complaint, files=data["files"]
            ),
            status.HTTP_201_CREATED,
        )
