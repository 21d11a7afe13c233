"""`allowed_actions`: what the user may do with the complaint now, from the one selector
the complaint page uses too (`handling.available_actions`). `steps` are the procedure's
steps (with the state each leads to and its endpoint); every other action with an
endpoint is a flag. An action that is allowed may still refuse its input (400)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from vangnet.handling.available import available_actions
from vangnet.handling.base import ACTIONS, ProcedureStep

from ..common.enums import StepField
from ..common.fields import StateField


class StepOptionSerializer(serializers.Serializer):
    step = StepField(read_only=True)
    label = serializers.CharField(read_only=True)
    target = StateField(
        read_only=True,
        help_text="The state after the step (the same state for a step that "
        "is recorded without moving the complaint).",
    )
    url = serializers.URLField(read_only=True, help_text="The step's endpoint (POST).")


def _flags() -> dict[str, serializers.Field]:
    return {
        action.api_flag: serializers.BooleanField(
            read_only=True, help_text=f"{action.api_summary or action.label}: allowed now."
        )
        for action in ACTIONS.values()
        if action.api_flag
    }


def _allowed_actions_serializer() -> type[serializers.Serializer]:
    attrs = {
        "__doc__": "What the user may do with this complaint now (the endpoints under "
        "the complaint). `steps` are the procedure steps the transition table allows from "
        "the current state and the user's role permits; a step may still refuse its input "
        "(400).",
        "__module__": __name__,
        "steps": StepOptionSerializer(many=True, read_only=True),
        **_flags(),
    }
    return type("AllowedActionsSerializer", (serializers.Serializer,), attrs)


AllowedActionsSerializer = _allowed_actions_serializer()


def step_url(request, complaint, action) -> str:
    return reverse(
        f"api:complaint-{action.name.replace('_', '-')}",
        kwargs={"pk": complaint.pk},
        request=request,
    )


def allowed_actions(request, complaint) -> dict:
    available = available_actions(request.user, complaint)
    names = {action.name for action in available}
    steps = [
        {
            "step": action.step,
            "label": str(action.label),
            "target": action.target(complaint),
            "url": step_url(request, complaint, action),
        }
        for action in available
        if isinstance(action, ProcedureStep) and action.api_path
    ]
    flags = {
        action.api_flag: action.name in names for action in ACTIONS.values() if action.api_flag
    }
    return {"steps": steps, **flags}


@extend_schema_field(AllowedActionsSerializer)
class AllowedActionsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        return allowed_actions(self.context["request"], complaint)
