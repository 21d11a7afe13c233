"""What the trends endpoint shows: the windows compared, every row with its two
comparisons (same period last year, running average), and the trends among them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.learning import trends

from ..common.forms import enum_field

TrendDimensionField = enum_field(
    "TrendDimension",
    [
        (trends.THEME, "Thema (hoofdthema; subthema's tellen mee)"),
        (trends.DEPARTMENT, "Afdeling"),
        (trends.PARTNER, "Samenwerkingspartner"),
        (trends.NEIGHBOURHOOD, "Wijk"),
    ],
)
TrendDirectionField = enum_field(
    "TrendDirection", [(trends.RISING, "Gestegen"), (trends.FALLING, "Gedaald")]
)
TrendBaselineField = enum_field(
    "TrendBaseline",
    [
        (trends.LAST_YEAR, "Dezelfde periode vorig jaar"),
        (trends.AVERAGE, "Gemiddelde van de periodes ervoor"),
    ],
)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "description": "The id of the theme, department or partner; the neighbourhood's name.",
    }
)
class KeyField(serializers.Field):
    def to_representation(self, value):
        return value


class TrendWindowSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True, help_text="Inclusive.")
    days = serializers.IntegerField(read_only=True)


class TrendComparisonSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        source="baseline_count",
        read_only=True,
        help_text="Complaints in the baseline (last year's period, or all periods averaged).",
    )
    exposure = serializers.FloatField(
        read_only=True, help_text="How many periods of the current length the baseline covers."
    )
    expected = serializers.FloatField(
        read_only=True, help_text="What one period has at the baseline's rate (count / exposure)."
    )
    p_value = serializers.FloatField(
        read_only=True, help_text="Exact two-sided conditional Poisson test."
    )
    direction = TrendDirectionField(
        read_only=True, allow_null=True, help_text="Null: no trend in this comparison."
    )


class TrendRowSerializer(serializers.Serializer):
    dimension = TrendDimensionField(read_only=True)
    key = KeyField(read_only=True)
    label = serializers.CharField(read_only=True)
    current = serializers.IntegerField(read_only=True, help_text="Complaints in the period.")
    last_year = TrendComparisonSerializer(read_only=True)
    average = TrendComparisonSerializer(read_only=True)
    list_url = serializers.SerializerMethodField(
        help_text="The back-office list with the period's complaints; null for neighbourhoods."
    )

    def get_list_url(self, row) -> str | None:
        request = self.context.get("request")
        if not row.list_url:
            return None
        return request.build_absolute_uri(row.list_url) if request else row.list_url


class TrendSerializer(TrendRowSerializer):
    """A row (see `TrendRowSerializer`) in one comparison that shows a trend."""

    baseline = TrendBaselineField(read_only=True, help_text="The comparison that shows it.")
    direction = TrendDirectionField(read_only=True)
    expected = serializers.FloatField(read_only=True)
    p_value = serializers.FloatField(read_only=True)
    text = serializers.CharField(read_only=True, help_text="The page's sentence (Dutch).")


class TrendAnalysisSerializer(serializers.Serializer):
    months = serializers.IntegerField(read_only=True)
    current = TrendWindowSerializer(read_only=True)
    last_year = TrendWindowSerializer(read_only=True)
    previous = TrendWindowSerializer(
        read_only=True, help_text="The periods the running average covers."
    )
    average_periods = serializers.IntegerField(read_only=True)
    alpha = serializers.FloatField(read_only=True, help_text="A trend needs p below this ...")
    min_change = serializers.IntegerField(
        read_only=True, help_text="... and at least this many complaints more or fewer."
    )
    trends = TrendSerializer(many=True, read_only=True)
    rows = TrendRowSerializer(many=True, read_only=True)
