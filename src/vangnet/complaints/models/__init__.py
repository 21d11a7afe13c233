"""The complaint register (Awb 9:12a), one module per part: the register, its
attachments and timeline (`register`), forwards to partners (`forwards`), the
procedure's records (`records`), the resident's status links (`statuslinks`). Models
hold data and invariants; every later write is an action (`vangnet.handling`), every
list read goes through `selectors.py`."""

from .forwards import Forward, PartnerOutcome
from .opentasks import OpenTask
from .records import (
    Advice,
    ComplaintPart,
    Contact,
    ContactChannel,
    Contribution,
    Decision,
    Hearing,
    JointDiscussion,
    JudgmentPart,
    Postponement,
)
from .register import (
    AcknowledgementNotSent,
    AppendOnlyError,
    Attachment,
    Channel,
    Complaint,
    ContactPreference,
    Event,
    Kind,
    LightPathReason,
    ReferenceCounter,
    SubjectType,
    attachment_path,
)
from .statuslinks import StatusLink

__all__ = [
    "AcknowledgementNotSent",
    "Advice",
    "AppendOnlyError",
    "Attachment",
    "Channel",
    "Complaint",
    "ComplaintPart",
    "Contact",
    "ContactChannel",
    "ContactPreference",
    "Contribution",
    "Decision",
    "Event",
    "Forward",
    "Hearing",
    "JointDiscussion",
    "JudgmentPart",
    "Kind",
    "OpenTask",
    "LightPathReason",
    "PartnerOutcome",
    "Postponement",
    "ReferenceCounter",
    "StatusLink",
    "SubjectType",
    "attachment_path",
]
