"""Reads of survey answers for the back office."""

from django.db.models import QuerySet

from vangnet.complaints import selectors as complaint_selectors
from vangnet.complaints.models import Complaint

from .models import UNHAPPY, SurveyInvitation, SurveyResponse
from .services import HANDLE_PERMISSION


def unhappy_unhandled(user=None) -> QuerySet[SurveyResponse]:
    """Unhappy answers (1 or 2 of 5) the coordinator has not handled yet, oldest first,
    with their complaint. With `user`: only what that user may handle (none for anyone
    who may not reopen complaints), scoped to the complaints they see."""
    responses = (
        SurveyResponse.objects.filter(satisfaction__in=UNHAPPY, handled_at__isnull=True)
        .select_related("invitation__complaint")
        .order_by("created_at", "id")
    )
    if user is not None:
        if not user.has_perm(HANDLE_PERMISSION):
            return responses.none()
        responses = responses.filter(
            invitation__complaint__in=complaint_selectors.visible_complaints(user)
        )
    return responses


def latest_response(complaint: Complaint) -> SurveyResponse | None:
    """The complainant's most recent answer about this complaint, or None."""
    return (
        SurveyResponse.objects.filter(invitation__complaint=complaint)
        .select_related("invitation", "handled_by")
        .order_by("-created_at", "-id")
        .first()
    )


def latest_invitation(complaint: Complaint) -> SurveyInvitation | None:
    """The most recent invitation of this complaint (answered or not), or None."""
    return (
        SurveyInvitation.objects.filter(complaint=complaint)
        .select_related("response")
        .order_by("-created_at", "-id")
        .first()
    )
