"""Registering a complaint through the API: the request body, flattened to the model's
field names for `complaints.services.register_complaint` (the rules stay there)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vangnet.complaints.models import Channel, Kind, LightPathReason, SubjectType
from vangnet.complaints.parts import PARTS_MAX
from vangnet.handling.actions.parts import PartRowInput
from vangnet.organisations.models import Body, Partner

from ..common.fields import ThemeField, partner_field, user_field
from ..common.forms import serializer_from_form
from ..common.lookups import department_field
from .serializers import ComplainantSerializer, RepresentativeSerializer

#: One part of the complaint at registration: its description, optionally a department
#: (id) or partner (slug); the same row as the `parts` action's, without `id`.
PartCreateSerializer = serializer_from_form(
    PartRowInput, name="ComplaintPartCreateSerializer", exclude=["id"]
)


class ComplaintCreateSerializer(serializers.Serializer):
    """A complaint registered by a staff member, or a report, objection or question that
    is registered and redirected (`kind`, with `redirected_to`)."""

    received_on = serializers.DateField(help_text="Date of receipt, YYYY-MM-DD; not in the future.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    description = serializers.CharField(allow_blank=True, trim_whitespace=True)
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.COMPLAINT)
    theme = ThemeField(required=False, allow_null=True)
    body = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekend bestuursorgaan: {pk_value}.")},
        help_text="Id of the body (bestuursorgaan); default: the default body.",
    )
    subject_type = serializers.ChoiceField(
        choices=SubjectType.choices, default=SubjectType.MUNICIPALITY
    )
    department = department_field(
        required=False, allow_null=True, help_text="Id of the department complained about."
    )
    partner = partner_field(
        required=False,
        allow_null=True,
        help_text="Slug of the partner complained about (required when `subject_type` is partner).",
    )
    involved_partners = partner_field(
        many=True,
        required=False,
        help_text="For a cooperation complaint: slugs of the parties involved.",
    )
    person_complained_about = serializers.CharField(
        max_length=150, required=False, allow_blank=True
    )
    person_complained_about_user = user_field(
        required=False,
        allow_null=True,
        help_text="Username of the staff member complained about; never their handler (Awb 9:7).",
    )
    desired_outcome = serializers.CharField(required=False, allow_blank=True)
    neighbourhood = serializers.CharField(max_length=100, required=False, allow_blank=True)
    is_formal = serializers.BooleanField(
        default=True,
        help_text="Formal procedure (Awb 9:4: needs the complainant's name and address); "
        "false: the lighter path, with `light_path_reason`.",
    )
    light_path_reason = serializers.ChoiceField(
        choices=LightPathReason.choices, required=False, allow_blank=True
    )
    formality_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    advisory_committee = serializers.BooleanField(
        default=False,
        help_text="Advisory committee (Awb 9:14): decide within 10 weeks instead of 6.",
    )
    redirected_to = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="For a report, objection or question (`kind`): where it was redirected to.",
    )
    conduct_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When the conduct complained about happened (a day, or the first day of a "
        "period), YYYY-MM-DD; not in the future, not after `received_on`. Awb 9:8 lid 1 b: "
        "conduct more than a year before the complaint need not be handled.",
    )
    conduct_until = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="For a period: its last day (not before `conduct_on`).",
    )
    complainant = ComplainantSerializer(source="*", required=False)
    representative = RepresentativeSerializer(source="*", required=False)
    parts = PartCreateSerializer(
        many=True,
        required=False,
        help_text=f"The parts of the complaint (klachtonderdelen), in order, at most "
        f"{PARTS_MAX}: each a `description` and optionally a `department` (id) or "
        "`partner` (slug). Leave out (or empty) for a complaint that is one part: its "
        "description. Can be changed later (`parts` action) until the decision.",
    )
    acknowledge = serializers.BooleanField(
        default=False,
        write_only=True,
        help_text="Acknowledge receipt (Awb 9:6) right after registering, as the "
        "`acknowledge` step does: only when the user may take that step on the new "
        "complaint (a coordinator; not a handler, as a new complaint has no handler yet) "
        "and only for a complaint; otherwise the complaint is registered as `received`. "
        "Default false.",
    )

    def service_arguments(self) -> tuple[dict, list[Partner], list[dict]]:
        """(`data`, `involved_partners`, `parts`) for `services.register_complaint`; the
        nested objects are already flattened to the model's field names by their
        `source`."""
        data = dict(self.validated_data)
        data.pop("acknowledge", None)
        involved = data.pop("involved_partners", [])
        parts = [dict(part) for part in data.pop("parts", None) or []]
        return data, involved, parts


class ComplaintUpdateSerializer(ComplaintCreateSerializer):
    """A correction of what registration recorded (`PATCH`): the registration's fields,
    each optional; only the fields given change, inside `complainant` and
    `representative` too. `reason` is required when `received_on` changes."""

    acknowledge = None
    parts = None  # changed by the `parts` action, not by a correction
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1_000,
        help_text="Why the registration is corrected; required when `received_on` changes "
        "(the deadlines move with it). Recorded on the timeline.",
    )

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)

    def action_data(self) -> dict:
        """The `correct` action's `data`: only what the request gave."""
        return dict(self.validated_data)
