"""`GET approvals/`: the letters waiting for sign-off that the user may sign (the
coordinator: all; a mandated signer: those of the complaints they may see), oldest
first, paged. 403 for anyone who signs nothing. Approving and sending back are the
complaint's action endpoints (`approve-letter/`, `return-letter/`)."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from vangnet.complaints.permissions import signing_scope
from vangnet.letters.drafts import awaiting_signoff

from ..common.pagination import Page
from ..common.schema import ERRORS
from .serializers import ApprovalSerializer


class ApprovalListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ApprovalSerializer
    pagination_class = Page

    def get_queryset(self):
        return awaiting_signoff(self.request.user)

    @extend_schema(
        operation_id="approvals_list",
        summary="Letters awaiting sign-off",
        description=(
            "The letters that wait for sign-off before they leave (the municipality's "
            "setting; by default the conclusion and the 9:8 letter) and that the user may "
            "sign: the coordinator every one, a mandated signer those of the complaints "
            "they may see. Oldest first. 403 for a user who signs no letters."
        ),
        responses={200: ApprovalSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        if signing_scope(request.user) is None:
            raise PermissionDenied("U ondertekent geen brieven.")
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            ApprovalSerializer(page, many=True, context={"request": request}).data
        )
