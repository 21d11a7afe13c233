"""The complaints resource: list, one complaint, registration, and one endpoint per action
of the registry (`vangnet.handling`), each with its OpenAPI entry, produced from the
action's declaration.

- 401 without (valid) credentials: a token (`Authorization: Token <key>`, see the
  `api_token` command) or a back-office session.
- 403 when the user may not do this, checked before the input is read.
- 404 for a complaint the user may not see, exactly as for one that does not exist.
- 409 when the complaint does not allow the action now (its state, closed, or the
  action's own condition): `detail` says why.
- 400 with messages per field, in the shape of the request body, for bad input; nothing
  is stored then. Service errors become API errors in one place
  (`common.errors.exception_handler`).
"""

import logging
from contextlib import suppress

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.viewsets import GenericViewSet

from vangnet.complaints import selectors, services
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import Complaint
from vangnet.core.permissions import require
from vangnet.handling import base
from vangnet.handling.base import ComplaintAction, ProcedureStep
from vangnet.handling.guard import perform

from ..common.errors import Conflict
from ..common.pagination import Page
from ..common.parsers import JSONParser
from ..common.schema import BAD_INPUT, COMPLAINT_ID, CONFLICT, ERRORS, NOT_FOUND
from . import serializers as s
from .inputs import SERIALIZERS
from .records import with_records
from .registration import ComplaintCreateSerializer, ComplaintUpdateSerializer

logger = logging.getLogger(__name__)

#: Actions whose request body is not derived from their form: the correction takes the
#: registration's body (`PATCH /complaints/{id}/`).
BODIES = {"correct": (ComplaintUpdateSerializer, None)}

PARSERS = {"json": JSONParser, "multipart": MultiPartParser}


class ComplaintPermission(BasePermission):
    """Listing needs `complaints.list_complaints`, registering `complaints.add_complaint`.
    A single complaint is looked up through `selectors.complaint_detail` (404 when not
    visible) and every action checks its own permission."""

    required = {
        "list": "complaints.list_complaints",
        "create": "complaints.add_complaint",
    }

    def has_permission(self, request, view) -> bool:
        perm = self.required.get(view.action)
        return perm is None or request.user.has_perm(perm)


def _request_body(action: ComplaintAction):
    body, json_body = SERIALIZERS[action.name]
    if body is None:
        return None
    if action.api_formats == ("multipart",):
        return {"multipart/form-data": body}
    if "multipart" in action.api_formats:
        return {"multipart/form-data": body, "application/json": json_body}
    return body


#: Who holds an action's permission, for its description.
_WHO = {
    "complaints.handle_complaint": "The coordinator and the assigned handler.",
    "complaints.add_note": "The coordinator and the assigned handler.",
    "complaints.change_theme": "The coordinator and the assigned handler.",
    "complaints.add_attachment": "The coordinator and the assigned handler.",
    "complaints.forward_complaint": "The coordinator and the assigned handler.",
    "complaints.assign_complaint": "Coordinator only.",
    "complaints.reopen_complaint": "Coordinator only.",
    "complaints.pick_up_complaint": "A handler of the complaint's department.",
    "complaints.sign_letter": "The coordinator and mandated signers (not the person "
    "complained about).",
}


def _description(action: ComplaintAction) -> str:
    text = f"{action.api_description} {_WHO[action.permission]}"
    if isinstance(action, ProcedureStep):
        text += (
            f"\n\nThe step `{action.step}` of the procedure: 409 when the complaint's state "
            "does not allow it (see `allowed_actions.steps`)."
        )
    return text


def _endpoint(action: ComplaintAction):
    """The viewset method for one action, routed and documented."""

    def endpoint(self, request, pk=None):
        return self.take(action, pk)

    endpoint.__name__ = action.name
    endpoint.__doc__ = action.api_summary
    code = 201 if action.api_created else 200
    routed = route(
        detail=True,
        methods=["post"],
        url_path=action.api_path,
        url_name=action.name.replace("_", "-"),
        parser_classes=[PARSERS[name] for name in action.api_formats],
    )(endpoint)
    return extend_schema(
        operation_id=action.operation_id,
        summary=action.api_summary,
        description=_description(action),
        request=_request_body(action),
        parameters=[COMPLAINT_ID],
        responses={
            code: s.ComplaintDetailSerializer,
            **BAD_INPUT,
            **ERRORS,
            **NOT_FOUND,
            **CONFLICT,
        },
    )(routed)


def _with_action_endpoints(viewset):
    """Give `viewset` one endpoint per action that has an API path."""
    for action in base.ACTIONS.values():
        if action.api_path:
            setattr(viewset, action.name, _endpoint(action))
    return viewset


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
    partial_update=extend_schema(
        operation_id="complaints_correct",
        summary="Correct the registration",
        description=(
            "Changes what registration recorded, with the fields of the registration "
            "(`POST /complaints/`), each optional: only the fields given change, inside "
            "`complainant` and `representative` too. The same rules as registration apply "
            "to the complaint as corrected (400 per field). A new `received_on` needs a "
            "`reason` and moves the deadlines; a new `kind` does what registration does "
            "(a report, objection or question is closed at once without deadlines; a "
            "message that becomes a complaint is `received` again, with deadlines). Every "
            "change is one timeline event with before and after; nothing changed, no "
            "event. 409 for a closed complaint (reopen it first); 403 without "
            "`complaints.correct_complaint` (the coordinator and the assigned handler) and "
            "for the person complained about (Awb 9:7). `allowed_actions.correct` says "
            "whether it is allowed now. Returns the complaint as `GET` does."
        ),
        request=ComplaintUpdateSerializer,
        parameters=[COMPLAINT_ID],
        responses={
            200: s.ComplaintDetailSerializer,
            **BAD_INPUT,
            **ERRORS,
            **NOT_FOUND,
            **CONFLICT,
        },
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
        request=ComplaintCreateSerializer,
        responses={201: s.ComplaintDetailSerializer, **BAD_INPUT, **ERRORS},
    ),
)
@_with_action_endpoints
class ComplaintViewSet(GenericViewSet):
    permission_classes = [IsAuthenticated, ComplaintPermission]
    parser_classes = [JSONParser]
    # Only the model, for the schema generator; every read goes through `get_queryset`.
    queryset = Complaint.objects.none()
    serializer_class = s.ComplaintDetailSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplaintFilter
    pagination_class = Page
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
        complaint = with_records(self.request.user, complaint)
        return s.ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data

    def _detail_response(self, pk, status_code=status.HTTP_200_OK) -> Response:
        complaint = selectors.complaint_detail(self.request.user, pk)
        return Response(self._detail(complaint), status=status_code)

    # --- registration ----------------------------------------------------------------

    def create(self, request):
        serializer = ComplaintCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data, involved, parts = serializer.service_arguments()
        complaint = services.register_complaint(
            actor=request.user, data=data, involved_partners=involved, parts=parts
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

    # --- correction (the `correct` action; PUT stays unsupported) ----------------------

    def partial_update(self, request, pk=None):
        return self.take(base.get("correct"), pk)

    def _acknowledge_new(self, complaint: Complaint) -> None:
        """The `acknowledge` step right after registering, when the user may take it.
        The registration stands whatever happens here: a refusal leaves the complaint
        `received`, to be acknowledged through its endpoint."""
        acknowledge = base.get("acknowledge")
        user = self.request.user
        if acknowledge.why_not(complaint, user) or not user.has_perm(
            acknowledge.permission, complaint
        ):
            return
        try:
            perform("acknowledge", actor=user, complaint=complaint)
        except (DjangoValidationError, DjangoPermissionDenied):
            logger.warning(
                "Complaint %s registered through the API but not acknowledged",
                complaint.pk,
                exc_info=True,
            )

    # --- the actions (one endpoint each, added by `_with_action_endpoints`) -----------

    def take(self, action: ComplaintAction, pk) -> Response:
        """One action: 404 when not visible; 403 without the action's permission
        (checked before the input, so an unauthorised user learns nothing from the
        validation); 409 when the complaint does not allow it now; 400 for bad input;
        then the guard, which checks everything again under the row lock."""
        request = self.request
        complaint = selectors.complaint_detail(request.user, pk)
        require(request.user, action.permission, complaint)
        refusal = action.why_not(complaint, request.user)
        if refusal:
            raise Conflict(refusal)
        body, _json_body = BODIES.get(action.name) or SERIALIZERS[action.name]
        data = {}
        if body is not None:
            serializer = body(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            data = action.arguments(serializer.validated_data)
        perform(action.name, actor=request.user, complaint=complaint, data=data)
        code = status.HTTP_201_CREATED if action.api_created else status.HTTP_200_OK
        return self._detail_response(complaint.pk, code)

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
        request=SERIALIZERS["partner_reply"][0],
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
    @route(
        detail=True,
        methods=["post"],
        url_path=r"forwards/(?P<partner_slug>[-a-zA-Z0-9_]+)/reply",
        url_name="partner-reply",
    )
    def partner_reply(self, request, pk=None, partner_slug=None):
        reply = base.get("partner_reply")
        user = request.user
        complaint = selectors.complaint_detail(user, pk)
        require(user, reply.permission, complaint)
        forward = next(
            (f for f in complaint.forwards.all() if f.partner.slug == partner_slug), None
        )
        if forward is None:
            raise NotFound()
        if forward.partner_id != user.partner_id:
            raise PermissionDenied()
        refusal = reply.why_not(complaint, user)
        if refusal:
            raise Conflict(refusal)
        serializer = SERIALIZERS["partner_reply"][0](
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        result = perform(
            "partner_reply",
            actor=user,
            complaint=complaint,
            data={**serializer.validated_data, "forward": forward},
        )
        return Response(s.PartnerReplyResultSerializer(result.record).data)
