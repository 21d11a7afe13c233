"""The timeline's line for a letter that went out: which letter (and the article it
rests on) went to whom, and what became of the copies."""

from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.people import CopyRecipient

from .models import Letter

#: The article each kind rests on, for the timeline.
LEGAL_BASIS = {
    Letter.Kind.ACKNOWLEDGEMENT: "Awb 9:6",
    Letter.Kind.INFORMAL_CONFIRMATION: "Awb 9:5",
    Letter.Kind.EXTENSION: "Awb 9:11",
    Letter.Kind.HEARING_INVITATION: "Awb 9:10",
    Letter.Kind.HEARING_RECORD: "Awb 9:10",
    Letter.Kind.DECLINE: "Awb 9:8",
    Letter.Kind.FORWARD_NOTICE: "Awb 2:3",
    Letter.Kind.CONCLUSION: "Awb 9:12",
}


def sent_record(kind: str, to: str, recipients: list[CopyRecipient]) -> str:
    """Which letter went to whom, for the timeline (in the register's language)."""
    name = RecordText(
        _lazy("%(letter)s (%(basis)s)"), letter=Letter.Kind(kind).label, basis=LEGAL_BASIS[kind]
    )
    if to:
        lines = [
            RecordText(_lazy("%(letter)s per e-mail verstuurd naar %(to)s."), letter=name, to=to)
        ]
    else:
        lines = [
            RecordText(
                _lazy("%(letter)s gemaakt; die gaat per post (geen e-mailadres)."), letter=name
            )
        ]
    for recipient in recipients:
        if recipient.email:
            lines.append(
                RecordText(
                    _lazy("Kopie per e-mail naar %(name)s: %(to)s."),
                    name=recipient.name,
                    to=recipient.email,
                )
            )
        else:
            lines.append(
                RecordText(
                    _lazy(
                        "Geen e-mailadres van %(name)s bekend: de kopie staat als open taak "
                        "op ‘Mijn werk’ tot is vastgelegd hoe die is verstuurd."
                    ),
                    name=recipient.name,
                )
            )
    return " ".join(str(line) for line in lines)
