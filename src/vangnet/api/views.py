"""The JSON API v1: thin views over `vangnet.complaints.selectors` (every read) and
`vangnet.complaints.services` (every write).

- 401 without (valid) credentials: a token (`Authorization: Token <key>`, see the
  `api_token` command) or a back-office session.
- 403 when the user may not do this (listing and registering need a role; each action
  needs the permission its service checks).
- 404 for a complaint the user may not see, exactly as for one that does not exist.
- 400 with messages per field, in the shape of the request body, for bad input; the
  services' `ValidationError`s are translated to it. Nothing is stored then.
"""

from contextlib import contextmanager, suppress

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
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
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.viewsets import GenericViewSet

from vangnet.complaints import selectors, services
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import Complaint

from . import serializers as s


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


def _action_schema(operation_id, request, summary, description, created=False):
    code = 201 if created else 200
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        request=request,
        parameters=[COMPLAINT_ID],
        responses={code: s.ComplaintDetailSerializer, **BAD_INPUT, **ERRORS, **NOT_FOUND},
    )


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
            "`complaints.view_personal_data`; `handler`, `forwards` and `timeline` only with "
            "`complaints.view_timeline` (absent otherwise). `allowed_actions` says which "
            "of the action endpoints the user may call now."
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
        complaint = selectors.complaint_detail(request.user, pk)
        return Response(self._detail(complaint))

    def _detail(self, complaint) -> dict:
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
        # A handler may register a complaint for another department, which they then cannot
        # see; they still get its reference and deadlines (personal data and the timeline
        # stay hidden by the permission rules).
        with suppress(Http404):
            complaint = selectors.complaint_detail(request.user, complaint.pk)
        location = reverse("api:complaint-detail", kwargs={"pk": complaint.pk}, request=request)
        return Response(
            self._detail(complaint), status=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def _act(self, pk, serializer_class, perm: str, perform, status_code=status.HTTP_200_OK):
        """Run one action: 404 when the complaint is not visible, 403 without `perm`
        (checked before the input, so an unauthorised user learns nothing from the
        validation), 400 for bad input; the service checks everything again."""
        request = self.request
        complaint = selectors.complaint_detail(request.user, pk)
        if not request.user.has_perm(perm, complaint):
            raise PermissionDenied()
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            perform(complaint, serializer.validated_data)
        return self._detail_response(complaint.pk, status_code)

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
        "complaints_transition",
        s.TransitionSerializer,
        "Change the state",
        "A step of the transition table, e.g. start handling or close (with `outcome`). "
        "The coordinator and the assigned handler.",
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        return self._act(
            pk,
            s.TransitionSerializer,
            "complaints.handle_complaint",
            lambda complaint, data: services.transition(
                actor=request.user,
                complaint=complaint,
                target=data["target"],
                outcome=data["outcome"],
                note=data["note"],
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
        "now on. The coordinator and the assigned handler.",
        created=True,
    )
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self._act(
            pk,
            s.ForwardToPartnerSerializer,
            "complaints.forward_complaint",
            lambda complaint, data: services.forward_to_partner(
                actor=request.user, complaint=complaint, partner=data["partner"], note=data["note"]
            ),
            status.HTTP_201_CREATED,
        )

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
