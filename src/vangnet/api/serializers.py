"""Serializers of the JSON API v1.

Input serializers only parse and type-check what the client sends (dates, choices,
look-ups of themes, partners and users) and hand the service its model-field names; the
rules themselves (Awb 9:4, 9:7, the transition table, ...) stay in
`vangnet.complaints.services`. Output serializers show what `selectors` fetched and hide
fields the user may not see (personal data, the internal timeline) with the permission
rules of `vangnet.core.permissions`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from vangnet.complaints import selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Attachment,
    Channel,
    ContactPreference,
    Event,
    Forward,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.complaints.workflow import CLOSING_OUTCOMES, Outcome, State, allowed_transitions
from vangnet.organisations.models import Body, Department, Partner, Theme

User = get_user_model()

PERM_PERSONAL_DATA = "complaints.view_personal_data"
PERM_TIMELINE = "complaints.view_timeline"


# --- Errors --------------------------------------------------------------------------

#: Model field name (as the services report errors) -> path of the field in the API.
API_FIELD_PATHS: dict[str, tuple[str, ...]] = {
    "complainant_name": ("complainant", "name"),
    "complainant_street": ("complainant", "street"),
    "complainant_postcode": ("complainant", "postcode"),
    "complainant_city": ("complainant", "city"),
    "complainant_email": ("complainant", "email"),
    "complainant_phone": ("complainant", "phone"),
    "preferred_contact": ("complainant", "preferred_contact"),
    "representative_name": ("representative", "name"),
    "representative_email": ("representative", "email"),
    "representative_phone": ("representative", "phone"),
    "attachments": ("files",),
    NON_FIELD_ERRORS: (api_settings.NON_FIELD_ERRORS_KEY,),
}


def api_error_detail(message_dict: dict[str, list[str]]) -> dict:
    """A service's `ValidationError.message_dict` in the API's shape: the same messages,
    keyed by the API's field names and nested like the request body
    (`complainant_email` -> `{"complainant": {"email": [...]}}`)."""
    detail: dict = {}
    for field, messages in message_dict.items():
        path = API_FIELD_PATHS.get(field, (field,))
        node = detail
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node.setdefault(path[-1], []).extend(str(message) for message in messages)
    return detail


class ErrorSerializer(serializers.Serializer):
    """An error without field messages (401, 403, 404, malformed JSON)."""

    detail = serializers.CharField(read_only=True)


VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'Messages (in Dutch) per field: `{"field": ["message"]}`, nested like the request '
        '(`{"complainant": {"email": ["..."]}}`); messages about the whole under '
        f"`{api_settings.NON_FIELD_ERRORS_KEY}`; a malformed body gives `detail`."
    ),
    "additionalProperties": {},
}


# --- Look-up fields ------------------------------------------------------------------


@extend_schema_field(
    {
        "oneOf": [{"type": "string"}, {"type": "integer"}],
        "description": 'The theme\'s slug, e.g. "schulden", or its id as a number.',
        "example": "schulden",
    }
)
class ThemeField(serializers.Field):
    """A theme given by its slug ("schulden") or, as a JSON number, by its id."""

    default_error_messages = {
        "unknown": _("Onbekend thema: {value}."),
        "invalid": _('Geef het thema als korte naam (bijvoorbeeld "schulden") of als nummer.'),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            lookup = {"pk": data}
        elif isinstance(data, str) and data.strip():
            lookup = {"slug": data.strip()}
        else:
            self.fail("invalid")
        theme = Theme.objects.select_related("parent").filter(**lookup).first()
        if theme is None:
            self.fail("unknown", value=data)
        return theme

    def to_representation(self, value):
        return value.slug


def partner_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Partner.objects.all(),
        error_messages={"does_not_exist": _("Onbekende samenwerkingspartner: {value}.")},
        **kwargs,
    )


def user_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        error_messages={"does_not_exist": _("Onbekende medewerker: {value}.")},
        **kwargs,
    )


@extend_schema_field(
    {
        "type": "string",
        "enum": State.values,
        "description": "\n".join(f"* `{choice.value}` - {choice.label}" for choice in State),
    },
    component_name="State",
)
class StateField(serializers.ChoiceField):
    """A complaint state; one schema component for `state` and the transitions' `target`."""

    def __init__(self, **kwargs):
        super().__init__(choices=State.choices, **kwargs)


# --- Small read-only shapes ----------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class BodyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class DepartmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PartnerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ThemeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ThemeSerializer(ThemeRefSerializer):
    parent = ThemeRefSerializer(
        read_only=True, allow_null=True, help_text="The main theme; null for a main theme."
    )


class DeadlinesSerializer(serializers.Serializer):
    """The complaint's terms, after the Algemene termijnenwet; all null for a report,
    objection or question."""

    acknowledge_by = serializers.DateField(read_only=True, allow_null=True)
    first_contact_by = serializers.DateField(read_only=True, allow_null=True)
    decline_by = serializers.DateField(read_only=True, allow_null=True)
    decide_by = serializers.DateField(read_only=True, allow_null=True)


class ComplainantSerializer(serializers.Serializer):
    """The complainant. Written nested in a registration, read only by who may see
    personal data."""

    name = serializers.CharField(
        source="complainant_name", max_length=150, required=False, allow_blank=True
    )
    street = serializers.CharField(
        source="complainant_street",
        max_length=150,
        required=False,
        allow_blank=True,
        help_text="Street and house number.",
    )
    postcode = serializers.CharField(
        source="complainant_postcode", max_length=10, required=False, allow_blank=True
    )
    city = serializers.CharField(
        source="complainant_city", max_length=100, required=False, allow_blank=True
    )
    email = serializers.EmailField(
        source="complainant_email", max_length=254, required=False, allow_blank=True
    )
    phone = serializers.CharField(
        source="complainant_phone", max_length=30, required=False, allow_blank=True
    )
    preferred_contact = serializers.ChoiceField(choices=ContactPreference.choices, required=False)


class RepresentativeSerializer(serializers.Serializer):
    """Who files on behalf of the complainant (gemachtigde)."""

    name = serializers.CharField(
        source="representative_name", max_length=150, required=False, allow_blank=True
    )
    email = serializers.EmailField(
        source="representative_email", max_length=254, required=False, allow_blank=True
    )
    phone = serializers.CharField(
        source="representative_phone", max_length=30, required=False, allow_blank=True
    )


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at"]
        read_only_fields = fields


class ForwardSerializer(serializers.ModelSerializer):
    partner = PartnerRefSerializer(read_only=True)
    forwarded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Forward
        fields = ["partner", "forwarded_on", "forwarded_by", "note"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    actor = UserRefSerializer(read_only=True, allow_null=True)
    action = serializers.ChoiceField(choices=Action.choices, read_only=True)
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        read_only=True,
        help_text="Per field: [before, after].",
    )

    class Meta:
        model = Event
        fields = ["at", "actor", "action", "summary", "changes"]
        read_only_fields = fields


@extend_schema_field(EventSerializer(many=True))
class TimelineField(serializers.Field):
    """The complaint's timeline, read through `selectors.timeline`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        return EventSerializer(selectors.timeline(complaint), many=True).data


class TransitionOptionSerializer(serializers.Serializer):
    target = StateField(read_only=True)
    label = serializers.CharField(read_only=True)
    needs_outcome = serializers.BooleanField(read_only=True)


class AllowedActionsSerializer(serializers.Serializer):
    """What the user may do with this complaint now (the endpoints under the complaint)."""

    assign = serializers.BooleanField(read_only=True)
    transitions = TransitionOptionSerializer(many=True, read_only=True)
    note = serializers.BooleanField(read_only=True)
    theme = serializers.BooleanField(read_only=True)
    forward = serializers.BooleanField(read_only=True)
    attachments = serializers.BooleanField(read_only=True)


@extend_schema_field(AllowedActionsSerializer)
class AllowedActionsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        user = self.context["request"].user
        open_ = complaint.is_open
        return {
            "assign": open_ and user.has_perm("complaints.assign_complaint", complaint),
            "transitions": [
                {
                    "target": step.target,
                    "label": str(step.label),
                    "needs_outcome": step.needs_outcome,
                }
                for step in allowed_transitions(complaint.state)
                if complaint.is_complaint and user.has_perm(step.permission, complaint)
            ],
            "note": user.has_perm("complaints.add_note", complaint),
            "theme": user.has_perm("complaints.change_theme", complaint),
            "forward": open_ and user.has_perm("complaints.forward_complaint", complaint),
            "attachments": user.has_perm("complaints.add_attachment", complaint),
        }


# --- Complaints: output --------------------------------------------------------------


class PermissionGatedMixin:
    """Leaves out a field unless the request's user has the permission named for it in
    `gated_fields` on this complaint. A gated field is declared `required=False` so the
    schema shows it as optional. The check runs before the field is read, so a hidden
    field costs no query."""

    gated_fields: dict[str, str] = {}

    def to_representation(self, instance):
        user = self.context["request"].user
        granted: dict[str, bool] = {}
        ret = {}
        for field in self._readable_fields:
            perm = self.gated_fields.get(field.field_name)
            if perm is not None:
                if perm not in granted:
                    granted[perm] = user.has_perm(perm, instance)
                if not granted[perm]:
                    continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[field.field_name] = (
                None if check_for_none is None else field.to_representation(attribute)
            )
        return ret


class ComplaintListSerializer(PermissionGatedMixin, serializers.Serializer):
    """A row of the complaint list: no personal data, no timeline. `handler` only for
    the municipality's own staff (`complaints.view_timeline`)."""

    gated_fields = {"handler": PERM_TIMELINE}

    id = serializers.IntegerField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:complaint-detail", read_only=True)
    reference = serializers.CharField(
        read_only=True, help_text="Reference, YYYY-NNNNN, e.g. 2026-00123."
    )
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    state = StateField(read_only=True)
    received_on = serializers.DateField(read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, read_only=True)
    body = BodyRefSerializer(read_only=True)
    theme = ThemeSerializer(read_only=True, allow_null=True)
    subject_type = serializers.ChoiceField(choices=SubjectType.choices, read_only=True)
    department = DepartmentRefSerializer(read_only=True, allow_null=True)
    partner = PartnerRefSerializer(read_only=True, allow_null=True)
    handler = UserRefSerializer(
        required=False,
        allow_null=True,
        help_text="Only for the municipality's own staff (`complaints.view_timeline`).",
    )
    deadlines = DeadlinesSerializer(source="*", read_only=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True, read_only=True)
    closed_on = serializers.DateField(read_only=True, allow_null=True)


class ComplaintDetailSerializer(ComplaintListSerializer):
    """One complaint. Personal data (`complainant`, `representative`,
    `person_complained_about`) only with `complaints.view_personal_data`; `handler`,
    `forwards` and `timeline` only with `complaints.view_timeline`."""

    gated_fields = {
        "handler": PERM_TIMELINE,
        "forwards": PERM_TIMELINE,
        "timeline": PERM_TIMELINE,
        "complainant": PERM_PERSONAL_DATA,
        "representative": PERM_PERSONAL_DATA,
        "person_complained_about": PERM_PERSONAL_DATA,
    }

    involved_partners = PartnerRefSerializer(many=True, read_only=True)
    neighbourhood = serializers.CharField(read_only=True)
    person_complained_about = serializers.CharField(required=False)
    description = serializers.CharField(read_only=True)
    desired_outcome = serializers.CharField(read_only=True)
    is_formal = serializers.BooleanField(read_only=True)
    light_path_reason = serializers.ChoiceField(
        choices=LightPathReason.choices, allow_blank=True, read_only=True
    )
    formality_note = serializers.CharField(read_only=True)
    advisory_committee = serializers.BooleanField(read_only=True)
    redirected_to = serializers.CharField(read_only=True)
    complainant = ComplainantSerializer(source="*", required=False)
    representative = RepresentativeSerializer(source="*", required=False)
    attachments = AttachmentSerializer(many=True, read_only=True)
    forwards = ForwardSerializer(many=True, required=False)
    timeline = TimelineField()
    allowed_actions = AllowedActionsField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


# --- Complaints: input ---------------------------------------------------------------


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
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekende afdeling: {pk_value}.")},
        help_text="Id of the department complained about.",
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
    complainant = ComplainantSerializer(source="*", required=False)
    representative = RepresentativeSerializer(source="*", required=False)

    def service_arguments(self) -> tuple[dict, list[Partner]]:
        """(`data`, `involved_partners`) for `services.register_complaint`; the nested
        objects are already flattened to the model's field names by their `source`."""
        data = dict(self.validated_data)
        involved = data.pop("involved_partners", [])
        return data, involved


class AssignSerializer(serializers.Serializer):
    handler = user_field(help_text="Username of the handler.")


@extend_schema_field(
    {
        "type": "string",
        "enum": [choice.value for choice in CLOSING_OUTCOMES] + [""],
        "description": "\n".join(
            [f"* `{choice.value}` - {choice.label}" for choice in CLOSING_OUTCOMES]
            + ["* `` - none (a step that does not close the complaint)"]
        ),
    },
    component_name="ClosingOutcome",
)
class ClosingOutcomeField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=[(c.value, c.label) for c in CLOSING_OUTCOMES], **kwargs)


class TransitionSerializer(serializers.Serializer):
    target = StateField(help_text="The new state.")
    outcome = ClosingOutcomeField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when closing: how the complaint ended.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)


class ThemeChangeSerializer(serializers.Serializer):
    theme = ThemeField()


class ForwardToPartnerSerializer(serializers.Serializer):
    partner = partner_field(help_text="Slug of the partner.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


class AttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(),
        help_text="One or more files: PDF, JPG or PNG (recognised by content).",
    )
