"""What the bottleneck and case-discussion endpoints show and take: a bottleneck, the
flag that raises one and the decision on it; a discussion with its follow-up actions,
and its input with the decisions on the bottlenecks on its agenda."""

from rest_framework import serializers

from vangnet.learning import bottlenecks
from vangnet.learning.models import Bottleneck, CaseDiscussion, FollowUpAction

from ..common.fields import ComplaintRefSerializer, NamedSerializer

ID = {"min_value": 1, "max_value": 2**31 - 1}


class BottleneckSerializer(serializers.ModelSerializer):
    complaint = ComplaintRefSerializer(read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Bottleneck
        fields = [
            "id",
            "complaint",
            "rule",
            "problem",
            "proposal",
            "raised_on",
            "state",
            "discussion",
            "decision",
            "decision_note",
            "decided_on",
            "follow_up",
            "follow_up_done_on",
        ]
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return bottlenecks.state(obj)


class FlagSerializer(serializers.Serializer):
    complaint = serializers.IntegerField(**ID)
    rule = serializers.CharField(required=False, allow_blank=True, default="")
    problem = serializers.CharField(required=False, allow_blank=True, default="")
    proposal = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=Bottleneck.Decision.choices, required=False, allow_blank=True, default=""
    )
    decision_note = serializers.CharField(required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "due_on", "done_on"]
        extra_kwargs = {
            "description": {"required": False, "allow_blank": True, "default": ""},
            "owner": {"required": False, "allow_blank": True, "default": ""},
            "due_on": {"required": False, "allow_null": True, "default": None},
            "done_on": {"required": False, "allow_null": True, "default": None},
        }


class DiscussionSerializer(serializers.ModelSerializer):
    departments = NamedSerializer(many=True, read_only=True)
    partners = NamedSerializer(many=True, read_only=True)
    complaints = ComplaintRefSerializer(many=True, read_only=True)
    bottlenecks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = CaseDiscussion
        fields = [
            "id",
            "held_on",
            "subject",
            "participants",
            "departments",
            "partners",
            "complaints",
            "bottlenecks",
            "agreements",
            "actions",
        ]
        read_only_fields = fields


class DiscussionDecisionSerializer(serializers.Serializer):
    bottleneck = serializers.IntegerField(**ID)
    decision = serializers.ChoiceField(
        choices=Bottleneck.Decision.choices, required=False, allow_blank=True, default=""
    )
    decision_note = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")


class DiscussionInputSerializer(serializers.Serializer):
    held_on = serializers.DateField(required=False, allow_null=True, default=None)
    subject = serializers.CharField(required=False, allow_blank=True, default="")
    participants = serializers.CharField(required=False, allow_blank=True, default="")
    agreements = serializers.CharField(required=False, allow_blank=True, default="")
    departments = serializers.ListField(
        child=serializers.IntegerField(**ID), required=False, default=list
    )
    partners = serializers.ListField(
        child=serializers.IntegerField(**ID), required=False, default=list
    )
    complaints = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Complaint references, e.g. 2026-00012.",
    )
    bottlenecks = serializers.ListField(
        child=serializers.IntegerField(**ID), required=False, default=list
    )
    actions = ActionSerializer(many=True, required=False, default=list)
    decisions = DiscussionDecisionSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Decisions on bottlenecks on the agenda, dated the discussion's date.",
    )
