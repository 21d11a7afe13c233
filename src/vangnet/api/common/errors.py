"""The API's errors: one shape for every endpoint, and the one exception handler that
turns what the services raise into it.

- 400: Django's `ValidationError` of a service -> messages per field, keyed like the
  request body (`api_error_detail`: `complainant_email` -> `{"complainant": {"email":
  [...]}}`); a message about the whole under `non_field_errors`.
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


def api_error_detail(message_dict: dict[str, list[str]]) -> dict:
    """A service's `ValidationError.message_dict` in the API's shape: the same messages,
    keyed by the API's field names and nested like the request body
    (`complainant_email` -> `{"complainant": {"email": [...]}}`)."""
    detail: dict = {}
    for field, messages in message_dict.items():
        path = API_FIELD_PATHS.get(field, (field,))
        node = detail
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node.setdefault(path[-1], []).extend(str(message) for message in messages)
    return detail


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


def translate(exc: Exception) -> Exception:
    """The API's exception for a service's exception (unchanged when it is one already)."""
    if isinstance(exc, DjangoValidationError):
        if (reason := refusal_in(exc)) is not None:
            return Conflict(reason)
        if (reason := not_permitted_in(exc)) is not None:
            return PermissionDenied(reason)
        if hasattr(exc, "error_dict"):
            return ValidationError(api_error_detail(exc.message_dict))
        return ValidationError(api_error_detail({NON_FIELD_ERRORS: exc.messages}))
    if isinstance(exc, DjangoPermissionDenied):
        return PermissionDenied(str(exc) or None)
    return exc


def exception_handler(exc, context):
    """REST framework's handler, after `translate` (settings `EXCEPTION_HANDLER`)."""
    return drf_exception_handler(translate(exc), context)
