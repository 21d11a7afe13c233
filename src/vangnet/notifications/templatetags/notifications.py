"""`{% unread_notifications as count %}`: the signed-in user's unread notifications,
for the menu's badge (the count of "Mijn werk" when the page has it)."""

from django import template

from ..services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.partner_id:
        return 0
    summary = context.get("notifications")
    if isinstance(summary, dict) and "unread" in summary:
        return summary["unread"]  # "Mijn werk" counted them already
    return unread_count(user)
