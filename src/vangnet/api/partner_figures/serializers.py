"""What the partner-figures endpoints show and take: a submission with its lines (one
per theme, null for other/unknown), and the input of a new submission."""

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.organisations.models import Partner, Theme
from vangnet.partnerportal import figures, figures_csv
from vangnet.partnerportal.models import PartnerReport, PartnerReportLine, Period

from ..common.fields import PartnerRefSerializer

NUMBER_FIELDS = figures.NUMBER_FIELDS


SLUG = re.compile(r"[-\w]{1,100}")


@extend_schema_field({"type": "string", "nullable": True, "example": "schulden"})
class ThemeOrOtherField(serializers.Field):
    """A theme by slug or id; null (or "other") for other/unknown."""

    default_error_messages = {
        "unknown": "Het thema ‘{value}’ kennen we niet.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data in (None, "", "other"):
            return None
        theme = None
        if isinstance(data, int) and not isinstance(data, bool):
            theme = Theme.objects.filter(pk=data).first()
        elif isinstance(data, str) and SLUG.fullmatch(data):
            # Only a slug's characters reach the query (never a NUL, which PostgreSQL
            # refuses in a query's text).
            theme = Theme.objects.filter(slug=data).first()
        if theme is None:
            self.fail("unknown", value=data)
        return theme

    def to_representation(self, value):
        return value.slug if value is not None else None


class LineSerializer(serializers.ModelSerializer):
    theme = ThemeOrOtherField(help_text="The theme's slug (or id); null for other/unknown.")
    theme_name = serializers.SerializerMethodField()

    class Meta:
        model = PartnerReportLine
        fields = ["theme", "theme_name", *NUMBER_FIELDS]
        # The same range on every database (the schema must not depend on it).
        extra_kwargs = dict.fromkeys(
            NUMBER_FIELDS, {"min_value": 0, "max_value": figures_csv.MAX_INTEGER}
        )

    def get_theme_name(self, line) -> str:
        return str(line.theme) if line.theme_id else "Overig/onbekend"


class LineInputSerializer(serializers.Serializer):
    theme = ThemeOrOtherField(help_text="The theme's slug (or id); null for other/unknown.")

    def get_fields(self):
        fields = super().get_fields()
        for name in NUMBER_FIELDS:
            # Any whole number: negatives are refused by the service, with its message.
            fields[name] = serializers.IntegerField(required=False, default=0)
        return fields


class ReportSerializer(serializers.ModelSerializer):
    partner = PartnerRefSerializer(read_only=True)
    label = serializers.CharField(source="period_label", read_only=True)
    submitted_by = serializers.SerializerMethodField()
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = PartnerReport
        fields = [
            "id",
            "partner",
            "year",
            "period",
            "label",
            "period_start",
            "period_end",
            "version",
            "is_current",
            "submitted_at",
            "submitted_by",
            "source",
            "note",
            "lines",
        ]
        # Read-only output: the same schema on every database.
        read_only_fields = fields
        extra_kwargs = {
            "year": {"min_value": 2000, "max_value": 2200},
            "version": {"min_value": 1, "max_value": 32767},
        }

    def get_submitted_by(self, report) -> str | None:
        user = report.submitted_by
        if user is None:
            return None
        return (user.get_full_name() or "").strip() or user.get_username()


class ReportInputSerializer(serializers.Serializer):
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Partner.objects.all(),
        required=False,
        allow_null=True,
        help_text="The partner's id; a partner user may leave it out (their own partner).",
    )
    year = serializers.IntegerField()
    period = serializers.ChoiceField(choices=Period.choices, help_text="Y, H1, H2 or Q1..Q4.")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    lines = LineInputSerializer(many=True)
