"""The request bodies of the action endpoints, derived from each action's form
(`common.forms.serializer_from_form`), so the page and the API parse the same input."""

from django import forms

from vangnet.handling.base import ACTIONS, ComplaintAction

from ..common import lookups  # noqa: F401  (how the API names themes, partners, users ...)
from ..common.forms import serializer_from_form


def _component(action: ComplaintAction, suffix: str = "") -> str:
    """The serializer's class name: the OpenAPI component is that without "Serializer"
    (and with "Request" added, as request bodies are split from responses)."""
    name = action.api_component or "".join(part.title() for part in action.name.split("_"))
    return f"{name}{suffix}Serializer"


def _serializers() -> dict[str, tuple]:
    """action name -> (body serializer, JSON-only serializer or None). A form with a file
    takes multipart/form-data; when it also takes JSON, the JSON body is documented
    without the file."""
    made = {}
    for action in ACTIONS.values():
        if action.input is None:
            made[action.name] = (None, None)
            continue
        body = serializer_from_form(action.input, name=_component(action), doc=action.api_summary)
        json_body = None
        if action.api_formats == ("json", "multipart"):
            files = [
                name
                for name, field in action.input.base_fields.items()
                if isinstance(field, forms.FileField)
            ]
            json_body = serializer_from_form(
                action.input, name=_component(action, "Json"), doc=action.api_summary, exclude=files
            )
        made[action.name] = (body, json_body)
    return made


SERIALIZERS = _serializers()
