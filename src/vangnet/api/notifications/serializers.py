from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.core.urls import absolute_url
from vangnet.notifications.models import Delivery, Kind, Notification


class NotificationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    complaint = serializers.IntegerField(source="complaint_id", help_text="The complaint's id.")
    reference = serializers.CharField(source="complaint.reference")
    read = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The complaint in the API.")
    page_url = serializers.SerializerMethodField(help_text="The complaint in the back office.")

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "text",
            "complaint",
            "reference",
            "created_at",
            "read",
            "read_at",
            "url",
            "page_url",
        ]
        read_only_fields = fields

    def get_read(self, notification) -> bool:
        return notification.read_at is not None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, notification) -> str:
        path = reverse("api:complaint-detail", args=[notification.complaint_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, notification) -> str:
        return absolute_url(
            reverse("backoffice:complaint_detail", args=[notification.complaint_id])
        )


class PreferencesSerializer(serializers.Serializer):
    """Per kind of notification how it reaches the user: `immediate` (an e-mail at
    once), `digest` (in the daily digest) or `app` (only in Vangnet). A PUT may give
    some kinds; the others stay as they are."""

    def get_fields(self):
        return {
            kind.value: serializers.ChoiceField(
                choices=Delivery.choices,
                required=False,
                help_text=str(kind.label),
                error_messages={
                    "invalid_choice": "Kies immediate, digest of app.",
                },
            )
            for kind in Kind
        }

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(Kind.values))
        if unknown:
            raise serializers.ValidationError(
                {name: ["Deze soort melding bestaat niet."] for name in unknown}
            )
        return attrs
