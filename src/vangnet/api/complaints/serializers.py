"""What the API shows of a complaint: the list row, the detail with the procedure's
records, the timeline. Fields the user may not see (personal data, the internal file)
are left out with the permission rules of `core.permissions`, checked before the field
is read (`PermissionGatedMixin`)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from vangnet.complaints import norms, selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Advice,
    Attachment,
    Channel,
    Contact,
    ContactPreference,
    Contribution,
    Decision,
    Event,
    Forward,
    Hearing,
    JointDiscussion,
    JudgmentPart,
    Kind,
    LightPathReason,
    Postponement,
    SubjectType,
)
from vangnet.complaints.workflow import Outcome, outcome_of
from vangnet.letters.models import Letter

from ..common.enums import (
    ContactChannelField,
    DeclineGroundField,
    HearingSkipGroundField,
    JudgmentField,
    LetterKindField,
    NormField,
    PartnerOutcomeField,
    PostponementKindField,
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


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at"]
        read_only_fields = fields


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


# --- The procedure's records (read-only) ---------------------------------------------


class ContactSerializer(serializers.ModelSerializer):
    channel = ContactChannelField(read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Contact
        fields = ["id", "contacted_on", "channel", "reached", "notes", "agreed", "recorded_by"]
        read_only_fields = fields


class HearingSerializer(serializers.ModelSerializer):
    """The hearing (Awb 9:10): offered, planned, held with its record, or skipped with
    a ground."""

    skip_ground = HearingSkipGroundField(read_only=True, allow_null=True)

    class Meta:
        model = Hearing
        fields = [
            "offered_on",
            "planned_at",
            "location",
            "held_on",
            "participants",
            "record",
            "skip_ground",
            "skip_note",
        ]
        read_only_fields = fields


class AdviceSerializer(serializers.ModelSerializer):
    """The advisory committee's advice (Awb 9:13–9:16); `received_on` null while awaited."""

    recommended_judgment = JudgmentField(read_only=True, allow_null=True)
    attachment = AttachmentSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Advice
        fields = [
            "committee",
            "requested_on",
            "received_on",
            "text",
            "recommended_judgment",
            "attachment",
        ]
        read_only_fields = fields


class NormSerializer(serializers.Serializer):
    code = NormField(read_only=True)
    label = serializers.CharField(read_only=True)
    family = serializers.CharField(read_only=True)


@extend_schema_field(NormSerializer(many=True))
class NormsField(serializers.Field):
    """Norm codes shown with their label and family, in the Behoorlijkheidswijzer's order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, codes):
        wanted = set(codes or [])
        return [
            {"code": code, "label": str(label), "family": str(norms.FAMILY_OF[code])}
            for code, label in norms.NORMS.items()
            if code in wanted
        ]


class JudgmentPartSerializer(serializers.ModelSerializer):
    judgment = JudgmentField(read_only=True)
    norms = NormsField()

    class Meta:
        model = JudgmentPart
        fields = ["position", "summary", "judgment", "norms", "reasoning"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    """A decision (Awb 9:12). The last one in the list is the decision; earlier ones
    stay on the file when it was corrected."""

    decided_by = UserRefSerializer(read_only=True, allow_null=True)
    outcome = serializers.SerializerMethodField(help_text="Follows from the parts' judgments.")
    parts = JudgmentPartSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "decided_on",
            "findings",
            "conclusions",
            "measures",
            "deviates_from_advice",
            "deviation_reasons",
            "decided_by",
            "outcome",
            "parts",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Outcome.choices))
    def get_outcome(self, decision) -> str:
        return outcome_of([part.judgment for part in decision.parts.all()])


class PostponementSerializer(serializers.ModelSerializer):
    """The extension (Awb 9:11 lid 2) or a further delay with the complainant's consent."""

    kind = PostponementKindField(read_only=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Postponement
        fields = ["kind", "previous_due", "new_due", "reason", "consent_on", "recorded_by"]
        read_only_fields = fields


class ContributionSerializer(serializers.ModelSerializer):
    """A party's contribution to a cooperation complaint: `partner` or `department`."""

    partner = PartnerRefSerializer(read_only=True, allow_null=True)
    department = DepartmentRefSerializer(read_only=True, allow_null=True)
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Contribution
        fields = ["id", "partner", "department", "received_on", "text", "recorded_by"]
        read_only_fields = fields


class JointDiscussionSerializer(serializers.ModelSerializer):
    recorded_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = JointDiscussion
        fields = ["id", "held_on", "participants", "agreements", "recorded_by"]
        read_only_fields = fields


class LetterSerializer(serializers.ModelSerializer):
    """A letter on the complaint file (the text and PDF stay in the back office)."""

    kind = LetterKindField(read_only=True)
    sent_to = serializers.CharField(
        read_only=True, help_text="The e-mail address, or `post` when printed and posted."
    )
    sent_copy_to = serializers.CharField(
        read_only=True,
        help_text="Where the copy for the person complained about was e-mailed; empty: none.",
    )

    class Meta:
        model = Letter
        fields = ["id", "kind", "subject", "sent_to", "sent_copy_to", "created_at"]
        read_only_fields = fields


@extend_schema_field(HearingSerializer(allow_null=True))
class HearingField(serializers.Field):
    """The one-to-one hearing, or null (a reverse one-to-one raises when missing)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        try:
            hearing = complaint.hearing
        except Hearing.DoesNotExist:
            return None
        return HearingSerializer(hearing).data


@extend_schema_field(AdviceSerializer(allow_null=True))
class AdviceField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        try:
            advice = complaint.advice
        except Advice.DoesNotExist:
            return None
        return AdviceSerializer(advice).data


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
    desired_outcome = serializers.CharField(read_only=True)
    is_formal = serializers.BooleanField(read_only=True)
    light_path_reason = serializers.ChoiceField(
        choices=LightPathReason.choices, allow_blank=True, read_only=True
    )
    formality_note = serializers.CharField(read_only=True)
    advisory_committee = serializers.BooleanField(read_only=True)
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
    timeline = TimelineField()
    allowed_actions = AllowedActionsField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
