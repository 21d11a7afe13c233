"""The procedure's records as the complaint's detail shows them (read-only): contacts,
the hearing, the advice, decisions with their judged parts and norms, postponements, a
cooperation complaint's contributions and joint discussions, the letters."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.complaints import norms
from vangnet.complaints.models import (
    Advice,
    Attachment,
    ComplaintPart,
    Contact,
    Contribution,
    Decision,
    Hearing,
    JointDiscussion,
    JudgmentPart,
    OpenTask,
    Postponement,
)
from vangnet.complaints.workflow import Outcome, outcome_of
from vangnet.letters.models import Letter

from ..common.enums import (
    ContactChannelField,
    HearingSkipGroundField,
    JudgmentField,
    LetterKindField,
    NormField,
    OpenTaskKindField,
    PostponementKindField,
)
from ..common.fields import DepartmentRefSerializer, PartnerRefSerializer, UserRefSerializer


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at"]
        read_only_fields = fields


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
            "respond_by",
            "held_early_reason",
            "person_heard_on",
            "person_record",
            "person_not_heard_reason",
        ]
        read_only_fields = fields


class OpenTaskSerializer(serializers.ModelSerializer):
    """A copy the law requires (Awb 9:9, 9:10) not yet sent for lack of an address:
    open until `record_copy` records how it was sent."""

    kind = OpenTaskKindField(read_only=True)

    class Meta:
        model = OpenTask
        fields = ["id", "kind", "document", "letter_id", "recipient", "created_at"]
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


class ComplaintPartSerializer(serializers.ModelSerializer):
    """A part of the complaint (klachtonderdeel). `norms`: the Behoorlijkheidswijzer
    norms the decision named for it (empty before the decision)."""

    department = DepartmentRefSerializer(read_only=True, allow_null=True)
    partner = PartnerRefSerializer(read_only=True, allow_null=True)
    norms = NormsField()

    class Meta:
        model = ComplaintPart
        fields = ["id", "position", "description", "department", "partner", "norms"]
        read_only_fields = fields


class JudgmentPartSerializer(serializers.ModelSerializer):
    """The judgment on one part: `part` is the id of the complaint's part it judges
    (null for a decision from before parts were kept), `summary` its description as
    it was when decided."""

    judgment = JudgmentField(read_only=True)
    norms = NormsField()

    class Meta:
        model = JudgmentPart
        fields = ["position", "part", "summary", "judgment", "norms", "reasoning"]
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
