"""The current user's notifications (`vangnet.notifications`):

- `GET  notifications/`               theirs only, newest first, paged; `?unread=true`
  for the unread ones alone.
- `POST notifications/<id>/read/`     mark one read (again: 200, nothing changes);
  someone else's or an unknown id: 404.
- `GET/PUT notifications/preferences/` per kind: `immediate`, `digest` or `app`.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vangnet.notifications import services
from vangnet.notifications.models import Notification

from ..common.pagination import Page
from ..common.schema import BAD_INPUT, ERRORS, not_found
from .serializers import NotificationSerializer, PreferencesSerializer

TAGS = ["notifications"]
NO_NOTIFICATION = not_found("No such notification, or it is someone else's (indistinguishable).")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


class NotificationList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    pagination_class = Page

    def get_queryset(self):
        queryset = services.inbox(self.request.user)
        unread = self.request.query_params.get("unread", "").strip().lower()
        if unread in TRUE:
            return queryset.filter(read_at__isnull=True)
        if unread not in FALSE:
            raise ValidationError({"unread": ["Geef true of false."]})
        return queryset

    @extend_schema(
        tags=TAGS,
        summary="The current user's notifications, newest first",
        parameters=[OpenApiParameter("unread", bool, description="Only the unread ones.")],
        responses={200: NotificationSerializer(many=True), **BAD_INPUT, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationRead(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Mark a notification read",
        request=None,
        responses={200: NotificationSerializer, **ERRORS, **NO_NOTIFICATION},
    )
    def post(self, request, pk: int):
        try:
            notification = services.mark_read(request.user, pk)
        except Notification.DoesNotExist:
            raise NotFound("Deze melding bestaat niet of is niet van u.") from None
        return Response(NotificationSerializer(notification, context={"request": request}).data)


class NotificationPreferences(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="How each kind of notification reaches the current user",
        responses={200: PreferencesSerializer, **ERRORS},
    )
    def get(self, request):
        return Response(services.preferences(request.user))

    @extend_schema(
        tags=TAGS,
        summary="Choose how kinds of notification reach the current user",
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **BAD_INPUT, **ERRORS},
    )
    def put(self, request):
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.set_preferences(request.user, dict(serializer.validated_data)))
