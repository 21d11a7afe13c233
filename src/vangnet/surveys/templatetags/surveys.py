"""Template helpers that load survey answers for the back-office includes, so a page
only has to include them (`backoffice/includes/unhappy_surveys.html`,
`surveys/includes/complaint_survey.html`)."""

from django import template

from .. import selectors
from ..services import HANDLE_PERMISSION

register = template.Library()


def _user(context):
    user = context.get("user")
    if user is None and context.get("request") is not None:
        user = context["request"].user
    return user if user is not None and user.is_authenticated else None


@register.simple_tag(takes_context=True)
def unhappy_surveys(context, limit=None):
    """The unhappy answers waiting for this user ({"rows", "total", "more"}; at most
    `limit` rows), or None when the user does not handle them (the include then
    shows nothing). Two queries."""
    user = _user(context)
    if user is None or not user.has_perm(HANDLE_PERMISSION):
        return None
    responses = selectors.unhappy_unhandled(user)
    total = responses.count()
    rows = list(responses[: int(limit)] if limit else responses)
    return {"rows": rows, "total": total, "more": total > len(rows)}


@register.simple_tag(takes_context=True)
def complaint_survey(context, complaint):
    """What the complaint page shows about the survey: the latest invitation and
    answer, and whether this user may handle an unhappy answer."""
    user = _user(context)
    return {
        "invitation": selectors.latest_invitation(complaint),
        "response": selectors.latest_response(complaint),
        "can_handle": bool(user and user.has_perm(HANDLE_PERMISSION, complaint)),
    }
