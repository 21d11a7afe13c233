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
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from vangnet.complaints import deadlines, inputs, norms, selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import (
    Advice,
    Attachment,
    Channel,
    Complaint,
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
from vangnet.complaints.workflow import (
    HANDLE,
    Outcome,
    State,
    allowed_transitions,
    outcome_of,
)
from vangnet.letters.models import Letter
from vangnet.organisations.models import Body, Department, Partner, Theme

from .enums import (
    ContactChannelField,
    DeclineGroundField,
    HearingSkipGroundField,
    JudgmentField,
    LetterKindField,
    NormField,
    PartnerOutcomeField,
    PostponementKindField,
    StepField,
)
from .form_serializers import serializer_from_form

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
    # The procedure reports about the step as a whole under "step".
    "step": (api_settings.NON_FIELD_ERRORS_KEY,),
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


# --- What the user may do now --------------------------------------------------------


class StepOptionSerializer(serializers.Serializer):
    step = StepField(read_only=True)
    label = serializers.CharField(read_only=True)
    target = StateField(
        read_only=True,
        help_text="The state after the step (the same state for a step that "
        "is recorded without moving the complaint).",
    )
    url = serializers.URLField(read_only=True, help_text="The step's endpoint (POST).")


class AllowedActionsSerializer(serializers.Serializer):
    """What the user may do with this complaint now (the endpoints under the complaint).
    `steps` are the procedure steps the transition table allows from the current state
    and the user's role permits; a step may still refuse its input (400)."""

    steps = StepOptionSerializer(many=True, read_only=True)
    assign = serializers.BooleanField(read_only=True)
    note = serializers.BooleanField(read_only=True)
    theme = serializers.BooleanField(read_only=True)
    forward = serializers.BooleanField(read_only=True)
    attachments = serializers.BooleanField(read_only=True)
    extension = serializers.BooleanField(
        read_only=True, help_text="The one extension (Awb 9:11) is still possible."
    )
    delay = serializers.BooleanField(
        read_only=True, help_text="A further delay with the complainant's written consent."
    )
    contributions = serializers.BooleanField(
        read_only=True, help_text="A cooperation complaint: record a party's contribution."
    )
    joint_discussions = serializers.BooleanField(
        read_only=True, help_text="A cooperation complaint: record the joint case discussion."
    )
    reply = serializers.BooleanField(
        read_only=True,
        help_text="A partner user: report back on the complaint forwarded to their partner.",
    )


def step_url(request, complaint: Complaint, step: str) -> str:
    from .steps import STEP_ENDPOINTS

    name = f"api:complaint-{STEP_ENDPOINTS[step].url_name}"
    return reverse(name, kwargs={"pk": complaint.pk}, request=request)


def can_extend(complaint: Complaint) -> bool:
    """The one extension is still possible: none yet and the term has not passed.
    (Uses the prefetched postponements.)"""
    if any(p.kind == Postponement.Kind.EXTENSION for p in complaint.postponements.all()):
        return False
    return complaint.decide_by is None or deadlines.today() <= complaint.decide_by


@extend_schema_field(AllowedActionsSerializer)
class AllowedActionsField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, complaint):
        request = self.context["request"]
        user = request.user
        open_ = complaint.is_open
        handles = complaint.is_complaint and user.has_perm(HANDLE, complaint)
        granted: dict[str, bool] = {HANDLE: handles}

        def may(perm: str) -> bool:
            if perm not in granted:
                granted[perm] = user.has_perm(perm, complaint)
            return granted[perm]

        steps = []
        if complaint.is_complaint:
            for transition in allowed_transitions(complaint.state):
                if may(transition.permission):
                    steps.append(
                        {
                            "step": transition.step,
                            "label": str(transition.label),
                            "target": transition.target_for(complaint.state),
                            "url": step_url(request, complaint, transition.step),
                        }
                    )
        cooperation = handles and complaint.subject_type == SubjectType.COOPERATION
        reply = (
            user.partner_id is not None
            and any(
                f.partner_id == user.partner_id and f.replied_at is None
                for f in complaint.forwards.all()
            )
            and may("complaints.reply_to_forward")
        )
        return {
            "steps": steps,
            "assign": open_ and may("complaints.assign_complaint"),
            "note": may("complaints.add_note"),
            "theme": may("complaints.change_theme"),
            "forward": open_ and complaint.is_complaint and may("complaints.forward_complaint"),
            "attachments": may("complaints.add_attachment"),
            "extension": open_ and handles and can_extend(complaint),
            "delay": open_ and handles,
            "contributions": cooperation,
            "joint_discussions": cooperation,
            "reply": reply,
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
    acknowledge = serializers.BooleanField(
        default=False,
        write_only=True,
        help_text="Acknowledge receipt (Awb 9:6) right after registering, as the "
        "`acknowledge` step does: only when the user may take that step on the new "
        "complaint (a coordinator; not a handler, as a new complaint has no handler yet) "
        "and only for a complaint; otherwise the complaint is registered as `received`. "
        "Default false.",
    )

    def service_arguments(self) -> tuple[dict, list[Partner]]:
        """(`data`, `involved_partners`) for `services.register_complaint`; the nested
        objects are already flattened to the model's field names by their `source`."""
        data = dict(self.validated_data)
        data.pop("acknowledge", None)
        involved = data.pop("involved_partners", [])
        return data, involved


class AssignSerializer(serializers.Serializer):
    handler = user_field(help_text="Username of the handler.")


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


# --- The term and cooperation complaints: input ---------------------------------------

ExtendSerializer = serializer_from_form(
    inputs.ExtendInput,
    name="ExtendSerializer",
    doc="The one extension of Awb 9:11 lid 2: at most 4 weeks, before the due date.",
)
DelaySerializer = serializer_from_form(
    inputs.DelayInput,
    name="DelaySerializer",
    doc="A further delay, only with the complainant's written consent (Awb 9:11).",
)
JointDiscussionInputSerializer = serializer_from_form(
    inputs.JointDiscussionInput,
    name="JointDiscussionInputSerializer",
    doc="The joint case discussion of a cooperation complaint.",
)


class PartySerializer(serializers.Serializer):
    """A party of a cooperation complaint: `{"partner": "<slug>"}` (one of the
    complaint's partners) or `{"department": <id>}`."""

    partner = partner_field(required=False, allow_null=True, help_text="The partner's slug.")
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Onbekende afdeling: {pk_value}.")},
        help_text="The department's id.",
    )

    def validate(self, attrs):
        chosen = [value for value in (attrs.get("partner"), attrs.get("department")) if value]
        if len(chosen) != 1:
            raise serializers.ValidationError(
                _("Kies één partij: een samenwerkingspartner of een afdeling.")
            )
        return chosen[0]


ContributionInputSerializer = serializer_from_form(
    inputs.ContributionInput,
    name="ContributionInputSerializer",
    doc="What one party of a cooperation complaint contributed (its account, what it did).",
    exclude=["party"],
    extra={"party": PartySerializer(required=False, allow_null=True)},
)


class PartnerReplySerializer(serializers.Serializer):
    """The partner's reply on a forwarded complaint, once."""

    action = serializers.CharField(
        required=False, allow_blank=True, help_text="What the partner did with the complaint."
    )
    outcome = PartnerOutcomeField(required=False, allow_blank=True)
