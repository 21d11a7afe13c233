"""What the API shows of a complaint: the list row, the detail with the procedure's
records, the timeline. Fields the user may not see (personal data, the internal file)
are left out with the permission rules of `core.permissions`, checked before the field
is read (`PermissionGatedMixin`)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from vangnet.complaints import conduct, selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    AcknowledgementNotSent,
    Channel,
    ContactPreference,
    Event,
    Forward,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.complaints.workflow import Outcome

from ..common.enums import (
    DeclineGroundField,
    PartnerOutcomeField,
)
from ..common.fields import (
    BodyRefSerializer,
    DepartmentRefSerializer,
    PartnerRefSerializer,
    StateField,
    ThemeSerializer,
    UserRefSerializer,
)
from .allowed import AllowedActionsField
from .record_serializers import (
    AdviceField,
    AttachmentSerializer,
    ComplaintPartSerializer,
    ContactSerializer,
    ContributionSerializer,
    DecisionSerializer,
    HearingField,
    JointDiscussionSerializer,
    LetterSerializer,
    OpenTaskSerializer,
    PostponementSerializer,
)

PERM_PERSONAL_DATA = "complaints.view_personal_data"
PERM_TIMELINE = "complaints.view_timeline"


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


class ForwardSerializer(serializers.ModelSerializer):
    """A forward to a partner and what the partner reported back (null until it did)."""

    partner = PartnerRefSerializer(read_only=True)
    forwarded_by = UserRefSerializer(read_only=True, allow_null=True)
    sent_to = serializers.CharField(
        read_only=True, help_text="The address the reply link was e-mailed to; empty: portal only."
    )
    reply_outcome = PartnerOutcomeField(read_only=True, allow_null=True)

    class Meta:
        model = Forward
        fields = [
            "partner",
            "forwarded_on",
            "forwarded_by",
            "note",
            "sent_to",
            "reply_due_on",
            "reminded_on",
            "escalated_on",
            "replied_at",
            "replied_by_name",
            "reply_action",
            "reply_outcome",
        ]
        read_only_fields = fields


class PartnerReplyResultSerializer(serializers.ModelSerializer):
    """The forward as the partner sees it after replying."""

    partner = PartnerRefSerializer(read_only=True)
    reply_outcome = PartnerOutcomeField(read_only=True, allow_null=True)

    class Meta:
        model = Forward
        fields = [
            "partner",
            "forwarded_on",
            "reply_due_on",
            "replied_at",
            "replied_by_name",
            "reply_action",
            "reply_outcome",
        ]
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
    `person_complained_about`) only with `complaints.view_personal_data`; the internal
    file (`handler`, `timeline`, the procedure's records `contacts`, `hearing`, `advice`,
    `decisions`, `postponements`, `forwards`, `letters`, `contributions`,
    `joint_discussions`) only with `complaints.view_timeline` (the municipality's own
    staff); absent otherwise."""

    gated_fields = {
        "handler": PERM_TIMELINE,
        "timeline": PERM_TIMELINE,
        **dict.fromkeys(
            [
                "contacts",
                "hearing",
                "advice",
                "decisions",
                "postponements",
                "forwards",
                "letters",
                "contributions",
                "joint_discussions",
                "open_tasks",
            ],
            PERM_TIMELINE,
        ),
        "complainant": PERM_PERSONAL_DATA,
        "representative": PERM_PERSONAL_DATA,
        "person_complained_about": PERM_PERSONAL_DATA,
    }

    involved_partners = PartnerRefSerializer(many=True, read_only=True)
    neighbourhood = serializers.CharField(read_only=True)
    person_complained_about = serializers.CharField(required=False)
    description = serializers.CharField(read_only=True)
    conduct_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When the conduct happened (or began)."
    )
    conduct_until = serializers.DateField(
        read_only=True, allow_null=True, help_text="For a period of conduct: its last day."
    )
    conduct_older_than_a_year = serializers.SerializerMethodField(
        help_text="Whether the conduct ended more than a year before the complaint was "
        "received (Awb 9:8 lid 1 b: ground `older_than_a_year` of `decline`); null when "
        "the date of the conduct is not known."
    )
    desired_outcome = serializers.CharField(read_only=True)
    parts = ComplaintPartSerializer(
        many=True,
        read_only=True,
        help_text="The parts of the complaint (klachtonderdelen), in order; the decision "
        "judges each (`decisions[].parts[].part`).",
    )
    is_formal = serializers.BooleanField(read_only=True)
    light_path_reason = serializers.ChoiceField(
        choices=LightPathReason.choices, allow_blank=True, read_only=True
    )
    formality_note = serializers.CharField(read_only=True)
    advisory_committee = serializers.BooleanField(read_only=True)
    committee_known_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=(
            "The day the advisory committee was asked; null with `advisory_committee`: "
            "known from receipt. Ten weeks only when on or before the end of the six "
            "(Awb 9:11)."
        ),
    )
    acknowledgement_not_sent = serializers.ChoiceField(
        choices=AcknowledgementNotSent.choices,
        allow_blank=True,
        read_only=True,
        help_text=(
            "Why no acknowledgement could be sent (`no_address`: no e-mail or postal "
            "address); empty otherwise. Such a complaint is not counted as acknowledged."
        ),
    )
    redirected_to = serializers.CharField(read_only=True)
    decline_ground = DeclineGroundField(
        read_only=True, allow_null=True, help_text="Not handled (Awb 9:8): the ground."
    )
    forwarded_to_body = serializers.CharField(
        read_only=True, help_text="Forwarded to another body (Awb 2:3): its name."
    )
    complainant = ComplainantSerializer(source="*", required=False)
    representative = RepresentativeSerializer(source="*", required=False)
    attachments = AttachmentSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, required=False)
    hearing = HearingField()
    advice = AdviceField()
    decisions = DecisionSerializer(many=True, required=False)
    postponements = PostponementSerializer(many=True, required=False)
    forwards = ForwardSerializer(many=True, required=False)
    contributions = ContributionSerializer(many=True, required=False)
    joint_discussions = JointDiscussionSerializer(many=True, required=False)
    letters = LetterSerializer(many=True, required=False)
    open_tasks = OpenTaskSerializer(
        many=True,
        read_only=True,
        source="open_task_list",
        help_text="Copies the law requires not yet sent (no address known): `record_copy`.",
    )
    timeline = TimelineField()
    allowed_actions = AllowedActionsField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_conduct_older_than_a_year(self, complaint) -> bool | None:
        return conduct.older_than_a_year(complaint)
