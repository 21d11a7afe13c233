"""Case discussions (issue 6, part 3): the record, its rules, the timeline of the
complaints discussed, the pages and the minutes as a PDF without personal data."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    print_css = '<link rel="stylesheet" media="print" href="/static/vangnet/discussion-print.css">'
    assert print_css in detail and complaint.reference in detail

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


# --- deciding the bottlenecks on the agenda in the same save ---------------------------


def _flag(complaint, actor, today=date(2026, 3, 2)):
    return bottlenecks.flag(
        complaint,
        actor=actor,
        data={
            "rule": "Artikel 4",
            "problem": "Te laat door de gemeente.",
            "proposal": "Uitzondering.",
        },
        today=today,
    )


DECIDED = {
    "decision": "exception",
    "decision_note": "De vertraging lag bij de gemeente.",
    "follow_up": "Werkinstructie aanpassen.",
}


def test_a_discussion_decides_its_bottlenecks_dated_the_discussion(org, users, complaint):
    b = _flag(complaint, users.handler)
    other = _flag(complaint, users.handler)
    d = discussions.create_discussion(
        actor=users.coordinator,
        data=data(
            org,
            complaint,
            bottlenecks=[b, other],
            decisions=[
                {"bottleneck": b, **DECIDED},
                {"bottleneck": other, "decision": "", "decision_note": "", "follow_up": ""},
            ],
        ),
        today=TODAY,
    )
    b.refresh_from_db()
    other.refresh_from_db()
    assert (b.decision, b.decided_on, b.discussion) == ("exception", date(2026, 3, 12), d)
    assert b.follow_up == "Werkinstructie aanpassen."
    assert bottlenecks.state(b) == bottlenecks.FOLLOW_UP_OPEN
    assert other.decision == "" and other.discussion == d  # on the agenda, not decided
    assert complaint.events.filter(action=Action.BOTTLENECK_DECIDED).count() == 1

    # Saving again with the decision as stored is no new decision; the other is decided now.
    discussions.update_discussion(
        d,
        actor=users.coordinator,
        data=data(
            org,
            complaint,
            bottlenecks=[b, other],
            decisions=[
                {"bottleneck": b, **DECIDED},
                {"bottleneck": other.pk, "decision": "stays", "decision_note": "Wet is wet."},
            ],
        ),
        today=TODAY,
    )
    other.refresh_from_db()
    assert other.decision == "stays" and other.decided_on == date(2026, 3, 12)
    assert complaint.events.filter(action=Action.BOTTLENECK_DECIDED).count() == 2
    assert discussions.as_data(d)["decisions"][0]["decision"] in {"exception", "stays"}


def test_bad_decisions_in_a_discussion_store_nothing(org, users, complaint):
    b = _flag(complaint, users.handler)
    off_agenda = _flag(complaint, users.handler)
    late = _flag(complaint, users.handler, today=date(2026, 3, 14))  # after the discussion
    found = errors(
        lambda: discussions.create_discussion(
            actor=users.coordinator,
            data=data(
                org,
                complaint,
                bottlenecks=[b, late],
                decisions=[
                    {"bottleneck": b, "decision": "stays", "decision_note": " "},
                    {"bottleneck": off_agenda, **DECIDED},
                    {"bottleneck": late, **DECIDED},
                    {"bottleneck": 999999, **DECIDED},
                ],
            ),
            today=TODAY,
        )
    )
    assert found == {
        f"decisions.{b.pk}.decision_note": ["Licht het besluit toe: waarom is zo besloten?"],
        f"decisions.{off_agenda.pk}.decision": [
            "Zet dit knelpunt op de agenda van dit overleg om erover te besluiten."
        ],
        f"decisions.{late.pk}.decision": [
            "Het knelpunt is pas gemeld op 14 maart 2026, na dit overleg."
        ],
        "decisions.999999.bottleneck": ["Er is geen knelpunt met dit nummer."],
    }
    # A discussion in the future cannot decide yet.
    found = errors(
        lambda: discussions.create_discussion(
            actor=users.coordinator,
            data=data(
                org,
                complaint,
                held_on=TODAY + timedelta(days=7),
                bottlenecks=[b],
                decisions=[{"bottleneck": b, **DECIDED}],
            ),
            today=TODAY,
        )
    )
    assert "nog niet geweest" in found[f"decisions.{b.pk}.decision"][0]
    assert not CaseDiscussion.objects.exists() and not FollowUpAction.objects.exists()
    b.refresh_from_db()
    assert b.decision == "" and b.discussion is None
    assert not complaint.events.filter(action=Action.BOTTLENECK_DECIDED).exists()


def test_decide_on_the_discussion_page_in_one_form(client, org, users, complaint):
    today = date.today()
    b = _flag(complaint, users.handler, today=today - timedelta(days=2))
    client.force_login(users.coordinator)
    form = client.get(f"{LIST_URL}nieuw/?klacht={complaint.pk}")
    page = form.content.decode()
    assert f'name="decision_{b.pk}"' in page and "Uitzondering." in page
    assert form.context["form"].initial["bottlenecks"] == [b.pk]

    post = _post_data(
        complaint,
        held_on=today.isoformat(),
        bottlenecks=[b.pk],
        **{f"decision_{b.pk}": "changed", f"decision_note_{b.pk}": "", f"follow_up_{b.pk}": ""},
    )
    response = client.post(f"{LIST_URL}nieuw/", post)
    assert response.status_code == 400
    assert response.context["form"].errors[f"decision_note_{b.pk}"] == [
        "Licht het besluit toe: waarom is zo besloten?"
    ]
    # What was typed is kept: the chosen decision stays checked.
    assert re.search(
        rf'name="decision_{b.pk}" value="changed"[^>]*checked', response.content.decode()
    )
    assert not CaseDiscussion.objects.exists()
    b.refresh_from_db()
    assert b.decision == ""

    post[f"decision_note_{b.pk}"] = "De regel gaat eruit."
    post[f"follow_up_{b.pk}"] = "Raadsvoorstel."
    response = client.post(f"{LIST_URL}nieuw/", post)
    assert response.status_code == 302
    d = CaseDiscussion.objects.get()
    b.refresh_from_db()
    assert (b.decision, b.decided_on, b.discussion) == ("changed", today, d)
    detail = client.get(f"{LIST_URL}{d.pk}/").content.decode()
    assert "De regel wordt aangepast" in detail and "Raadsvoorstel." in detail

    # The edit form shows the decision as stored; saving it unchanged logs nothing new.
    edit = client.get(f"{LIST_URL}{d.pk}/wijzigen/")
    assert edit.context["form"][f"decision_note_{b.pk}"].value() == "De regel gaat eruit."
    response = client.post(f"{LIST_URL}{d.pk}/wijzigen/", post)
    assert response.status_code == 302
    assert complaint.events.filter(action=Action.BOTTLENECK_DECIDED).count() == 1
    # The complaint page shows the decision and the discussion it was on.
    page = client.get(f"/backoffice/klachten/{complaint.pk}/").content.decode()
    assert "De regel wordt aangepast" in page and f"{LIST_URL}{d.pk}/" in page


def test_a_bottleneck_on_the_agenda_brings_its_complaint(
    client, org, users, complaint, make_complaint
):
    other = make_complaint(received_on=date(2026, 2, 1))
    b = _flag(other, users.coordinator)
    d = discussions.create_discussion(
        actor=users.coordinator, data=data(org, complaint, bottlenecks=[b.pk]), today=TODAY
    )
    assert set(d.complaints.all()) == {complaint, other}
    assert other.events.filter(action=Action.CASE_DISCUSSED).count() == 1

    # The complaint page names the discussion at the bottleneck, with no query per
    # bottleneck.
    client.force_login(users.coordinator)
    address = f"/backoffice/klachten/{other.pk}/"
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        page = client.get(address).content.decode()
    assert "op de agenda van het casusoverleg van" in page and f"{LIST_URL}{d.pk}/" in page
    for _ in range(2):
        more = _flag(other, users.coordinator)
        more.discussion = d
        more.save()
    with CaptureQueriesContext(connection) as three:
        assert client.get(address).status_code == 200
    assert len(three.captured_queries) == len(one.captured_queries)
