"""What the cost endpoints show: an arrangement with an ombudsman, the year's cost per
body part by part, and a scenario (every ombudsman's cost at a range of numbers of
cases, with the break-even points). Money is a string with two decimals, null when
unknown."""

from rest_framework import serializers

from vangnet.organisations.models import CostModel

from ..common.fields import NamedSerializer
from ..common.forms import enum_field

CostModelField = enum_field("CostModel", CostModel.choices)
MONEY = {"max_digits": 14, "decimal_places": 2, "allow_null": True, "read_only": True}


class ArrangementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    ombudsman = NamedSerializer(read_only=True)
    effective_from = serializers.DateField(read_only=True)
    cost_model = CostModelField(
        read_only=True, allow_null=True, help_text='Null: not known. "none": no cost of its own.'
    )
    amount_per_inhabitant = serializers.DecimalField(
        max_digits=8, decimal_places=4, allow_null=True, read_only=True
    )
    yearly_amount = serializers.DecimalField(**MONEY)
    included_complaints = serializers.IntegerField(allow_null=True, read_only=True)
    price_per_extra_complaint = serializers.DecimalField(**MONEY)


class PartSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    days = serializers.IntegerField(read_only=True)
    arrangement = ArrangementSerializer(read_only=True, allow_null=True)
    cases = serializers.IntegerField(read_only=True)
    inhabitants = serializers.IntegerField(read_only=True, allow_null=True)
    cost = serializers.DecimalField(**MONEY)


class BodyCostSerializer(serializers.Serializer):
    body = NamedSerializer(read_only=True)
    arrangement = ArrangementSerializer(read_only=True, allow_null=True)
    cases = serializers.IntegerField(read_only=True)
    cost = serializers.DecimalField(**MONEY)
    per_case = serializers.DecimalField(**MONEY)
    parts = PartSerializer(many=True, read_only=True)


class CostsSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    bodies = BodyCostSerializer(many=True, read_only=True)


class TariffSerializer(ArrangementSerializer):
    kind = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    ombudsman = None
    effective_from = None


class ScenarioCostSerializer(serializers.Serializer):
    ombudsman = serializers.IntegerField(read_only=True)
    cost = serializers.DecimalField(**MONEY)


class ScenarioRowSerializer(serializers.Serializer):
    cases = serializers.IntegerField(read_only=True)
    costs = ScenarioCostSerializer(many=True, read_only=True)


class BreakEvenSerializer(serializers.Serializer):
    dearer = serializers.IntegerField(read_only=True, help_text="The dearer ombudsman's id.")
    cheaper = serializers.IntegerField(read_only=True)
    cases = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="From this number of cases a year on, `dearer` costs more.",
    )
    inhabitants = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Per inhabitant: from this number of inhabitants on, at `at_cases`.",
    )
    at_cases = serializers.IntegerField(read_only=True, allow_null=True)


class ScenarioSerializer(serializers.Serializer):
    to = serializers.IntegerField(read_only=True)
    step = serializers.IntegerField(read_only=True)
    inhabitants = serializers.IntegerField(read_only=True, allow_null=True)
    ombudsmen = TariffSerializer(many=True, read_only=True)
    rows = ScenarioRowSerializer(many=True, read_only=True)
    break_even = BreakEvenSerializer(many=True, read_only=True)

    def get_fields(self):
        # "from" is a Python keyword: declared here.
        return {"from": serializers.IntegerField(read_only=True), **super().get_fields()}
