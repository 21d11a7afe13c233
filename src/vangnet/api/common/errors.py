"""The API's errors: one shape for every endpoint, and the one exception handler that
turns what the services raise into it.

- 400: Django's `ValidationError` of a service -> messages per field, keyed like the
  request body (`api_error_detail`: `complainant_email` -> `{"complainant": {"email":
  [...]}}`, a dotted key nests: `actions.0.owner` -> `{"actions": {"0": {"owner":
  [...]}}}`); a message about the whole under `non_field_errors`. A view whose body has
  a list of objects may name it in `errors_as_lists`: its items' errors then come as a
  list with one entry per item (`{"lines": [{}, {"handled": [...]}]}`), the shape REST
  framework gives a list of objects itself.
- 403: Django's `PermissionDenied`, and a `ValidationError` coded `not_permitted`
  (Awb 9:7: the person complained about) -> `detail`.
- 409: a `ValidationError` coded `refused` (the complaint does not allow the action now,
  `handling.base.refused`) -> `detail`.
Views call the services and let these propagate; nothing catches them per endpoint.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from vangnet.handling.base import not_permitted_in, refusal_in

#: Model field name (as the services report errors) -> path of the field in the API.
API_FIELD_PATHS: dict[str, tuple[str, ...]] = {
    "complainant_name": ("complainant", "name"),
    "complainant_street": ("complainant", "street"),
    "complainant_postcode": ("complainant", "postcode"),
    "complainant_city": ("complainant", "city"),
    "complainant_email": ("complainant", "email"),
    "complainant_phone": ("complainant", "phone"),
    "preferred_contact": ("complainant", "preferred_contact"),
    "representative_name": ("representative", "name"),
    "representative_email": ("representative", "email"),
    "representative_phone": ("representative", "phone"),
    "attachments": ("files",),
    NON_FIELD_ERRORS: (api_settings.NON_FIELD_ERRORS_KEY,),
    # The procedure reports about the step as a whole under "step".
    "step": (api_settings.NON_FIELD_ERRORS_KEY,),
}


def api_error_detail(message_dict: dict[str, list[str]], *, lists: dict | None = None) -> dict:
    """A service's `ValidationError.message_dict` in the API's shape: the same messages,
    keyed by the API's field names and nested like the request body
    (`complainant_email` -> `{"complainant": {"email": [...]}}`; a dotted key such as
    `actions.0.owner` nests at each dot). `lists` (name -> number of items in the
    request's list) turns a name's item errors into a list by position, `{}` for an
    item without errors."""
    detail: dict = {}
    for field, messages in message_dict.items():
        path = API_FIELD_PATHS.get(field) or tuple(field.split("."))
        node = detail
        for key in path[:-1]:
            node = _child(node, key)
        leaf = node.setdefault(path[-1], [])
        if isinstance(leaf, dict):  # messages about a whole that also has nested errors
            leaf = leaf.setdefault(api_settings.NON_FIELD_ERRORS_KEY, [])
        leaf.extend(str(message) for message in messages)
    for name, count in (lists or {}).items():
        items = detail.get(name)
        if isinstance(items, dict) and items and all(_index(key, count) for key in items):
            detail[name] = [items.get(str(index), {}) for index in range(count)]
    return detail


def _child(node: dict, key: str) -> dict:
    """The dict under `key` in `node`; messages already there move to its
    `non_field_errors`."""
    child = node.setdefault(key, {})
    if isinstance(child, list):
        child = node[key] = {api_settings.NON_FIELD_ERRORS_KEY: child}
    return child


def _index(key: str, count: int) -> bool:
    return key.isascii() and key.isdigit() and int(key) < count


class ErrorSerializer(serializers.Serializer):
    """An error without field messages (401, 403, 404, malformed JSON)."""

    detail = serializers.CharField(read_only=True)


VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'Messages (in Dutch) per field: `{"field": ["message"]}`, nested like the request '
        '(`{"complainant": {"email": ["..."]}}`); messages about the whole under '
        f"`{api_settings.NON_FIELD_ERRORS_KEY}`; a malformed body gives `detail`."
    ),
    "additionalProperties": {},
}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Dit kan niet in de huidige status van de klacht.")
    default_code = "conflict"


def translate(exc: Exception, *, lists: dict | None = None) -> Exception:
    """The API's exception for a service's exception (unchanged when it is one already).
    `lists`: see `api_error_detail`."""
    if isinstance(exc, DjangoValidationError):
        if (reason := refusal_in(exc)) is not None:
            return Conflict(reason)
        if (reason := not_permitted_in(exc)) is not None:
            return PermissionDenied(reason)
        if hasattr(exc, "error_dict"):
            return ValidationError(api_error_detail(exc.message_dict, lists=lists))
        return ValidationError(api_error_detail({NON_FIELD_ERRORS: exc.messages}))
    if isinstance(exc, DjangoPermissionDenied):
        return PermissionDenied(str(exc) or None)
    return exc


def _lists(exc: Exception, context: dict) -> dict[str, int]:
    """The lists of the request body the view names in `errors_as_lists`, with their
    number of items (only for a service's errors per field: the body was read then)."""
    names = getattr(context.get("view"), "errors_as_lists", ())
    if not names or not hasattr(exc, "error_dict"):
        return {}
    data = context["request"].data
    if not hasattr(data, "get"):  # a body that is no object has no named lists
        return {}
    return {name: len(data[name]) for name in names if isinstance(data.get(name), list)}


def exception_handler(exc, context):
    """REST framework's handler, after `translate` (settings `EXCEPTION_HANDLER`)."""
    return drf_exception_handler(translate(exc, lists=_lists(exc, context)), context)
