"""Case discussions (issue 6, part 3): the record, its rules, the timeline of the
complaints discussed, the pages and the minutes as a PDF without personal data."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from vangnet.complaints.events import Action
from vangnet.learning import bottlenecks, discussions
from vangnet.learning.models import CaseDiscussion, FollowUpAction

TODAY = date(2026, 3, 16)
LIST_URL = "/backoffice/leren/casusoverleg/"


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=date(2026, 1, 5))


def data(org, complaint, **overrides):
    values = {
        "held_on": date(2026, 3, 12),
        "subject": "Schuldhulp en bijstand",
        "participants": "Anna Jansen (coördinator)\nPiet Bakker (Werk en Inkomen)",
        "departments": [org.dept_social],
        "partners": [org.partner],
        "complaints": [complaint.reference],
        "agreements": "Aanvragen ook telefonisch aannemen.",
        "actions": [
            {
                "description": "Werkinstructie aanpassen",
                "owner": "Piet Bakker",
                "due_on": date(2026, 4, 1),
                "done_on": None,
            },
        ],
    }
    values.update(overrides)
    return values


def errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def test_create_with_event_once_per_complaint(org, users, complaint):
    b = bottlenecks.flag(
        complaint,
        actor=users.handler,
        data={"rule": "Artikel 4", "problem": "x", "proposal": "y"},
        today=TODAY,
    )
    d = discussions.create_discussion(
        actor=users.coordinator, data=data(org, complaint, bottlenecks=[b]), today=TODAY
    )
    assert list(d.complaints.all()) == [complaint]
    assert list(d.departments.all()) == [org.dept_social]
    assert d.actions.get().owner == "Piet Bakker"
    b.refresh_from_db()
    assert b.discussion == d
    event = complaint.events.get(action=Action.CASE_DISCUSSED)
    assert event.summary == (
        "Besproken in het casusoverleg van 12 maart 2026 (Schuldhulp en bijstand)."
    )
    # Editing keeps the link: no second event; removing the bottleneck unlinks it.
    discussions.update_discussion(
        d, actor=users.coordinator, data=data(org, complaint, agreements="Nieuw."), today=TODAY
    )
    assert complaint.events.filter(action=Action.CASE_DISCUSSED).count() == 1
    b.refresh_from_db()
    assert b.discussion is None
    d.refresh_from_db()
    assert d.agreements == "Nieuw." and d.actions.count() == 1


def test_bad_input_every_error_and_nothing_stored(org, users, complaint):
    found = errors(
        lambda: discussions.create_discussion(
            actor=users.coordinator,
            data=data(
                org,
                complaint,
                held_on=None,
                participants=" ",
                complaints=[complaint.reference, "2099-99999"],
                actions=[
                    {"description": "", "owner": "", "due_on": None, "done_on": None},
                    {"description": "Bellen", "owner": "", "due_on": None, "done_on": None},
                    {
                        "description": "Mail",
                        "owner": "Jan",
                        "due_on": None,
                        "done_on": TODAY + timedelta(days=1),
                    },
                ],
            ),
            today=TODAY,
        )
    )
    assert found["complaints"] == ["Er is geen klacht met kenmerk 2099-99999."]
    assert set(found) == {
        "held_on",
        "participants",
        "complaints",
        "actions.1.owner",
        "actions.2.done_on",
    }
    assert found["actions.1.owner"] == ["Vul in wie de actie doet."]
    assert not CaseDiscussion.objects.exists() and not FollowUpAction.objects.exists()
    assert not complaint.events.filter(action=Action.CASE_DISCUSSED).exists()


def test_only_coordinators_write(org, users, complaint):
    with pytest.raises(PermissionDenied):
        discussions.create_discussion(actor=users.handler, data=data(org, complaint), today=TODAY)


def _post_data(complaint, **overrides):
    values = {
        "held_on": "2026-03-12",
        "subject": "Schuldhulp",
        "participants": "Anna Jansen\nPiet Bakker",
        "complaints": complaint.reference,
        "agreements": "Aanvragen ook telefonisch aannemen.",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "50",
        "actions-0-description": "Werkinstructie aanpassen",
        "actions-0-owner": "Piet Bakker",
        "actions-0-due_on": "2026-04-01",
        "actions-0-done_on": "",
        "actions-1-description": "",
        "actions-1-owner": "",
    }
    values.update(overrides)
    return values


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def test_pages_create_edit_and_minutes_pdf(client, org, users, complaint):
    client.force_login(users.coordinator)
    assert client.get(f"{LIST_URL}nieuw/").status_code == 200

    # Bad input: message next to the field, input kept, nothing stored.
    response = client.post(
        f"{LIST_URL}nieuw/",
        _post_data(
            complaint,
            complaints=f"{complaint.reference}, 2099-99999",
            **{
                "actions-0-owner": "",
                "participants": "",
            },
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["complaints"] == [
        "Er is geen klacht met kenmerk 2099-99999."
    ]
    assert "participants" in response.context["form"].errors
    assert response.context["formset"].forms[0].errors["owner"] == ["Vul in wie de actie doet."]
    assert "Werkinstructie aanpassen" in response.content.decode()
    assert not CaseDiscussion.objects.exists()

    response = client.post(
        f"{LIST_URL}nieuw/",
        _post_data(complaint, departments=[org.dept_social.pk], partners=[org.partner.pk]),
    )
    assert response.status_code == 302, response.context["form"].errors
    d = CaseDiscussion.objects.get()
    assert response.url == f"{LIST_URL}{d.pk}/"
    assert complaint.events.filter(action=Action.CASE_DISCUSSED).count() == 1

    edit = client.get(f"{LIST_URL}{d.pk}/wijzigen/")
    assert edit.status_code == 200 and "Piet Bakker" in edit.content.decode()
    response = client.post(
        f"{LIST_URL}{d.pk}/wijzigen/",
        _post_data(
            complaint,
            departments=[org.dept_social.pk],
            partners=[org.partner.pk],
            **{"actions-1-description": "Raad informeren", "actions-1-owner": "Wethouder"},
        ),
    )
    assert response.status_code == 302
    assert d.actions.count() == 2

    detail = client.get(f"{LIST_URL}{d.pk}/").content.decode()
    assert '<style media="print">' in detail and complaint.reference in detail

    pdf = client.get(f"{LIST_URL}{d.pk}/verslag.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = _pdf_text(pdf.content)
    for expected in (
        "12 maart 2026",
        "Anna Jansen",
        "Piet Bakker",
        "Aanvragen ook telefonisch aannemen.",
        "Werkinstructie aanpassen",
        "Raad informeren",
        "Wethouder",
        "Werk en Inkomen",
        "Schuldhulp Samen",
        complaint.reference,
    ):
        assert expected in text, expected
    for personal in (
        complaint.complainant_name,
        complaint.complainant_email,
        complaint.complainant_phone,
        "Kerkstraat",
    ):
        assert personal not in text

    # The complaint page lists the discussion.
    page = client.get(f"/backoffice/klachten/{complaint.pk}/").content.decode()
    assert f"{LIST_URL}{d.pk}/" in page


def test_list_year_search_paging_and_permissions(client, org, users, complaint, settings):
    old = discussions.create_discussion(
        actor=users.coordinator,
        data=data(org, complaint, held_on=date(2025, 5, 1), subject="Afval", complaints=[]),
        today=TODAY,
    )
    new = discussions.create_discussion(
        actor=users.coordinator, data=data(org, complaint), today=TODAY
    )
    client.force_login(users.handler)

    def pks(params=None):
        response = client.get(LIST_URL, params or {})
        assert response.status_code == 200
        return [d.pk for d in response.context["rows"]]

    assert pks() == [new.pk, old.pk]
    assert pks({"year": 2025}) == [old.pk]
    assert pks({"q": complaint.reference}) == [new.pk]
    assert pks({"q": "afval"}) == [old.pk]
    response = client.get(LIST_URL, {"year": "twee"})
    assert response.status_code == 200 and "year" in response.context["form"].errors
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 1}
    assert pks({"page": 2}) == [old.pk]

    # Handlers read, also the minutes, but do not write.
    assert client.get(f"{LIST_URL}{new.pk}/").status_code == 200
    assert client.get(f"{LIST_URL}nieuw/").status_code == 403
    assert client.post(f"{LIST_URL}{new.pk}/wijzigen/", {}).status_code == 403
    client.force_login(users.partner)
    for url in (LIST_URL, f"{LIST_URL}{new.pk}/", f"{LIST_URL}{new.pk}/verslag.pdf"):
        assert client.get(url).status_code == 403
