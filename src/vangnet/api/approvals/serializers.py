from rest_framework import serializers
from rest_framework.reverse import reverse

from vangnet.letters.models import Letter

from ..common.enums import LetterKindField


class ApprovalSerializer(serializers.ModelSerializer):
    """A letter waiting for sign-off (`handling.signoff`)."""

    complaint = serializers.IntegerField(source="complaint_id", read_only=True)
    complaint_reference = serializers.CharField(source="complaint.reference", read_only=True)
    kind = LetterKindField(read_only=True)
    prepared_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    prepared_at = serializers.DateTimeField(source="created_at", read_only=True)
    approve_url = serializers.SerializerMethodField(
        help_text='POST `{"letter": id}` here to approve (sign) and send it.'
    )
    return_url = serializers.SerializerMethodField(
        help_text='POST `{"letter": id, "remark": "..."}` here to send it back.'
    )

    class Meta:
        model = Letter
        fields = [
            "id",
            "complaint",
            "complaint_reference",
            "kind",
            "subject",
            "sent_to",
            "prepared_by",
            "prepared_at",
            "approve_url",
            "return_url",
        ]
        read_only_fields = fields

    def _action(self, letter: Letter, name: str) -> str:
        return reverse(
            f"api:complaint-{name}",
            args=[letter.complaint_id],
            request=self.context.get("request"),
        )

    def get_approve_url(self, letter: Letter) -> str:
        return self._action(letter, "approve-letter")

    def get_return_url(self, letter: Letter) -> str:
        return self._action(letter, "return-letter")
