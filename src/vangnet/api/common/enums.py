"""The API's named enums of the handling procedure: each choice set is one schema
component, used for input and output alike (see `form_serializers.enum_field`)."""

from vangnet.complaints import norms
from vangnet.complaints.models import ContactChannel, OpenTask, PartnerOutcome, Postponement
from vangnet.complaints.workflow import DeclineGround, HearingSkipGround, Judgment, Step
from vangnet.letters.models import Letter

from .forms import enum_field

StepField = enum_field("Step", Step.choices)
ContactChannelField = enum_field("ContactChannel", ContactChannel.choices)
HearingSkipGroundField = enum_field("HearingSkipGround", HearingSkipGround.choices)
DeclineGroundField = enum_field("DeclineGround", DeclineGround.choices)
JudgmentField = enum_field("Judgment", Judgment.choices)
NormField = enum_field(
    "NormCode",
    norms.CHOICES,
    describe=lambda code, label: f"* `{code}` - {label} ({norms.FAMILY_OF[code]})",
)
PartnerOutcomeField = enum_field("PartnerOutcome", PartnerOutcome.choices)
PostponementKindField = enum_field("PostponementKind", Postponement.Kind.choices)
LetterKindField = enum_field("LetterKind", Letter.Kind.choices)
OpenTaskKindField = enum_field("OpenTaskKind", OpenTask.Kind.choices)
