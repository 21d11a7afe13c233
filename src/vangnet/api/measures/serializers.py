"""What the lessons and measures endpoints show and take: a cause, a complaint's lesson,
a measure; the input of a lesson and of a measure (a PATCH also takes its state and
result)."""

from rest_framework import serializers

from vangnet.complaints import deadlines
from vangnet.learning.models import Cause, Lesson, Measure
from vangnet.organisations.models import Department, Partner

from ..common.fields import NamedSerializer

ID = {"min_value": 1, "max_value": 2**31 - 1}


class CauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cause
        fields = ["id", "name", "description"]


class LessonSerializer(serializers.ModelSerializer):
    cause = CauseSerializer(read_only=True)

    class Meta:
        model = Lesson
        fields = ["cause", "lessons", "norms", "recorded_on"]
        read_only_fields = fields


class LessonInputSerializer(serializers.Serializer):
    cause = serializers.IntegerField(**ID)
    lessons = serializers.CharField(required=False, allow_blank=True, default="")
    norms = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        default=list,
        help_text="Behoorlijkheidswijzer norm codes.",
    )


class MeasureSerializer(serializers.ModelSerializer):
    department = NamedSerializer(read_only=True, allow_null=True)
    partner = NamedSerializer(read_only=True, allow_null=True)
    complaints = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Measure
        fields = [
            "id",
            "title",
            "description",
            "department",
            "partner",
            "due_on",
            "state",
            "result",
            "opened_on",
            "closed_on",
            "overdue",
            "complaints",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(deadlines.today())


class MeasureInputSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    department = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    partner = serializers.IntegerField(required=False, allow_null=True, default=None, **ID)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    complaints = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Complaint references, e.g. 2026-00012.",
    )

    def validate_department(self, value):
        if value is not None and not Department.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Kies een afdeling uit de lijst.")
        return value

    def validate_partner(self, value):
        if value is not None and not Partner.objects.filter(pk=value).exists():
            raise serializers.ValidationError("Kies een partner uit de lijst.")
        return value


class MeasurePatchSerializer(MeasureInputSerializer):
    state = serializers.ChoiceField(choices=Measure.State.choices, required=False)
    result = serializers.CharField(required=False, allow_blank=True)
