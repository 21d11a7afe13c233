"""Template helpers of the back office: the urgency and state badges of a complaint."""

from django import template
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.deadlines import Urgency
from vangnet.complaints.workflow import State

register = template.Library()


_URGENCY = {
    Urgency.OVERDUE: ("utrecht-status-badge--danger", _("Termijn verstreken")),
    Urgency.DUE_SOON: ("utrecht-status-badge--warning", _("Verloopt binnenkort")),
}


@register.inclusion_tag("backoffice/includes/urgency.html")
def urgency_badge(urgency):
    """The badge of a complaint's urgency (`deadlines.urgency`); nothing when none."""
    if urgency not in _URGENCY:
        return {"css_class": "", "label": ""}
    css_class, label = _URGENCY[urgency]
    return {"css_class": css_class, "label": label}


#: Waiting for the first step: active; being handled: warning; decided (the letter still
#: to send): success; closed: neutral.
_STATE_CLASSES = {
    State.RECEIVED: "utrecht-status-badge--active",
    State.ACKNOWLEDGED: "utrecht-status-badge--active",
    State.IN_PROGRESS: "utrecht-status-badge--warning",
    State.FORMAL: "utrecht-status-badge--warning",
    State.HEARING_OFFERED: "utrecht-status-badge--warning",
    State.HEARING_PLANNED: "utrecht-status-badge--warning",
    State.HEARD: "utrecht-status-badge--warning",
    State.WITH_COMMITTEE: "utrecht-status-badge--warning",
    State.ADVISED: "utrecht-status-badge--warning",
    State.DECIDED: "utrecht-status-badge--success",
    State.CLOSED: "utrecht-status-badge--neutral",
}
assert set(_STATE_CLASSES) == set(State), "every state needs a badge"


@register.simple_tag
def state_badge_class(state) -> str:
    return _STATE_CLASSES.get(state, "utrecht-status-badge--neutral")
