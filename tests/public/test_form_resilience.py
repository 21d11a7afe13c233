"""A letter that cannot be made never loses the resident's complaint."""

import pytest
from django.urls import reverse

from tests.public.conftest import form_data
from vangnet.complaints.models import Complaint


@pytest.mark.django_db
def test_failing_acknowledgement_keeps_the_complaint(
    public_org, resident_side, post_complaint, monkeypatch
):
    import vangnet.letters.services as letters

    def broken(**kwargs):
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(letters, "send_letter", broken)
    response = post_complaint(form_data(public_org))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "web"
    assert not complaint.letters.exists()
    confirmation = response.client.get(response["Location"])
    assert complaint.reference in confirmation.content.decode()
    assert reverse("public:home")  # the site still works
