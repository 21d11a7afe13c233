"""What the ombudsman-case endpoints show and take: a case with its recommendations, a
recommendation with the state of its response, and the input of a case, of a
recommendation and of the municipality's response."""

from rest_framework import serializers

from vangnet.complaints import deadlines
from vangnet.learning import second_line
from vangnet.learning.models import OmbudsmanCase, Recommendation
from vangnet.organisations.models import Body, Ombudsman

from ..common.fields import ComplaintRefSerializer, NamedSerializer
from ..common.forms import enum_field

OmbudsmanCaseKindField = enum_field("OmbudsmanCaseKind", OmbudsmanCase.Kind.choices)
OmbudsmanCaseOutcomeField = enum_field("OmbudsmanCaseOutcome", OmbudsmanCase.Outcome.choices)
RecommendationResponseField = enum_field("RecommendationResponse", Recommendation.Response.choices)


class RecommendationSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id", read_only=True)
    response = RecommendationResponseField(
        read_only=True, allow_null=True, help_text="Null until the municipality responded."
    )
    state = serializers.SerializerMethodField(
        help_text="awaiting, overdue (no response and the term passed), answered or answered_late."
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "case",
            "text",
            "made_on",
            "respond_by",
            "responded_on",
            "response",
            "response_text",
            "state",
        ]
        read_only_fields = fields

    def get_state(self, recommendation) -> str:
        return second_line.response_state(recommendation, deadlines.today())


class OmbudsmanCaseSerializer(serializers.ModelSerializer):
    ombudsman = NamedSerializer(read_only=True)
    body = NamedSerializer(read_only=True)
    complaint = ComplaintRefSerializer(read_only=True, allow_null=True)
    kind = OmbudsmanCaseKindField(read_only=True)
    outcome = OmbudsmanCaseOutcomeField(
        read_only=True, allow_null=True, help_text="Null while the case is open."
    )
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = OmbudsmanCase
        fields = [
            "id",
            "ombudsman",
            "reference",
            "received_on",
            "body",
            "complaint",
            "kind",
            "summary",
            "closed_on",
            "outcome",
            "outcome_note",
            "recommendations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CaseInputSerializer(serializers.Serializer):
    ombudsman = serializers.PrimaryKeyRelatedField(
        queryset=Ombudsman.objects.all(), required=False, help_text="The ombudsman's id."
    )
    reference = serializers.CharField(
        required=False, allow_blank=True, max_length=50, help_text="The ombudsman's reference."
    )
    received_on = serializers.DateField(required=False, allow_null=True)
    body = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        required=False,
        allow_null=True,
        help_text="The body's id; default: the complaint's, else the default body.",
    )
    complaint = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=30,
        help_text="The linked complaint's reference (e.g. 2026-00123); null or empty: none.",
    )
    kind = OmbudsmanCaseKindField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    closed_on = serializers.DateField(required=False, allow_null=True)
    outcome = OmbudsmanCaseOutcomeField(
        required=False, allow_blank=True, allow_null=True, help_text="Empty or null: open."
    )
    outcome_note = serializers.CharField(required=False, allow_blank=True, max_length=10_000)


class RecommendationInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, max_length=10_000)
    made_on = serializers.DateField(allow_null=True)
    respond_by = serializers.DateField(
        allow_null=True, help_text="The term the ombudsman set for the response (Awb 9:36)."
    )


class ResponseInputSerializer(serializers.Serializer):
    response = RecommendationResponseField()
    responded_on = serializers.DateField(allow_null=True)
    response_text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10_000
    )
