"""Helpers for the back-office tests: many complaints at once (bulk, without the service),
and small files that pass or fail the content sniffing."""

from datetime import date, timedelta
from itertools import count

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vangnet.complaints.models import Channel, Complaint, Kind
from vangnet.complaints.workflow import State

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf_file(name="brief.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


_numbers = count(1)


@pytest.fixture
def bulk_complaints(org):
    """`bulk_complaints(n, **fields)` inserts n complaints in one query. Each gets a unique
    reference and search text; deadlines are set from `received_on` (6 weeks) unless
    given."""

    def make(n: int, **fields) -> list[Complaint]:
        received_on = fields.pop("received_on", date.today() - timedelta(days=10))
        defaults = {
            "kind": Kind.COMPLAINT,
            "state": State.RECEIVED,
            "received_on": received_on,
            "channel": Channel.EMAIL,
            "body": org.college,
            "theme": org.waste,
            "department": org.dept_space,
            "description": "Container al weken niet geleegd.",
            "complainant_name": "Bulk Indiener",
            "decide_by": received_on + timedelta(weeks=6),
            "acknowledge_by": received_on + timedelta(days=7),
            "first_contact_by": received_on + timedelta(days=5),
            "decline_by": received_on + timedelta(weeks=4),
        }
        defaults.update(fields)
        objects = []
        for _ in range(n):
            number = next(_numbers)
            complaint = Complaint(reference=f"2019-{number:05d}", **defaults)
            complaint.search_text = complaint.build_search_text()
            objects.append(complaint)
        return Complaint.objects.bulk_create(objects)

    return make


def forward(complaint, actor, partner):
    """Forward a complaint to a partner through the `forward` action."""
    from vangnet.handling.guard import perform

    return perform("forward", actor=actor, complaint=complaint, data={"partner": partner}).record
