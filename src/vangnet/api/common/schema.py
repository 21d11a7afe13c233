"""OpenAPI pieces the resources share: the error responses (`not_found` for a 404 of
anything but a complaint) and the complaint's id."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .errors import VALIDATION_ERROR_SCHEMA, ErrorSerializer

ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    403: OpenApiResponse(ErrorSerializer, description="The user may not do this."),
}
CONFLICT = {
    409: OpenApiResponse(
        ErrorSerializer,
        description="The complaint's state does not allow this now (`detail` says why); "
        "nothing stored.",
    )
}


def not_found(description: str) -> dict:
    """The 404 response of an endpoint, `description` saying what was not found."""
    return {404: OpenApiResponse(ErrorSerializer, description=description)}


NOT_FOUND = not_found("No such complaint, or the user may not see it (indistinguishable).")
BAD_INPUT = {
    400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description="Invalid input; nothing stored.")
}
COMPLAINT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The complaint's id."
)
