"""Template helpers of the back office: the deadline and state badges of a complaint."""

from django import template
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.deadlines import Signal
from vangnet.complaints.workflow import State

register = template.Library()


_SIGNALS = {
    Signal.OVERDUE: ("utrecht-status-badge--danger", _("Termijn verstreken")),
    Signal.DUE_SOON: ("utrecht-status-badge--warning", _("Verloopt binnenkort")),
}


@register.inclusion_tag("backoffice/includes/signal.html")
def signal_badge(signal):
    if signal not in _SIGNALS:
        return {"css_class": "", "label": ""}
    css_class, label = _SIGNALS[signal]
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
