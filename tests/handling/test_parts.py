"""The parts of a complaint (klachtonderdelen) through the back office's pages: given at
registration (none, one, three), changed later with the `parts` action (timeline
before → after) until the decision, judged one by one by the decision, whose norms the
lesson at closing reuses; the letter lists each part. The API: tests/api/test_parts.py."""

from datetime import date

import pytest
from django.urls import reverse

from tests.backoffice.test_registration import form_data
from vangnet.complaints.models import Complaint, ComplaintPart, Decision, Event
from vangnet.complaints.workflow import State, Step
from vangnet.handling.guard import perform
from vangnet.learning.models import Cause, Lesson
from vangnet.letters.models import Letter

pytestmark = pytest.mark.django_db

CREATE = reverse("backoffice:complaint_create")


def registration_rows(*rows, total=3) -> dict:
    data = {
        "parts-TOTAL_FORMS": str(total),
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "20",
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"parts-{number}-{key}"] = value
    return data


def action_rows(parts, *new, delete=(), order=None) -> dict:
    """The `parts` action's formset: the existing `parts` (kept, or in `delete`), then
    `new` rows; `order` maps a part to its number."""
    rows = list(parts) + list(new)
    data = {
        "parts-TOTAL_FORMS": str(len(rows)),
        "parts-INITIAL_FORMS": str(len(parts)),
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "20",
    }
    for number, row in enumerate(rows):
        prefix = f"parts-{number}-"
        if isinstance(row, ComplaintPart):
            data[prefix + "id"] = str(row.pk)
            data[prefix + "description"] = row.description
            data[prefix + "ORDER"] = str((order or {}).get(row.pk, row.position))
            if row.department_id:
                data[prefix + "department"] = str(row.department_id)
            if row.pk in delete:
                data[prefix + "DELETE"] = "on"
        else:
            for key, value in row.items():
                data[prefix + key] = value
    return data


def detail_url(complaint) -> str:
    return reverse("backoffice:complaint_detail", args=[complaint.pk])


def parts_url(complaint) -> str:
    return reverse("backoffice:complaint_parts", args=[complaint.pk])


def step_url(complaint, step) -> str:
    return reverse("backoffice:complaint_step", args=[complaint.pk, step])


@pytest.fixture
def as_coordinator(client, users):
    client.force_login(users.coordinator)
    return client


@pytest.fixture
def assigned(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def heard(complaint, users):
    """Acknowledged, formal, the hearing skipped: ready for the decision."""
    for step, data in [
        ("acknowledge", {}),
        ("start_formal", {"copy_note": "Per post."}),
        ("skip_hearing", {"ground": "waived", "person_not_heard_reason": "Niemand genoemd."}),
    ]:
        perform(step, actor=users.handler, complaint=complaint, data=data)
    complaint.refresh_from_db()
    return complaint


# --- At registration ------------------------------------------------------------------


def test_the_registration_page_offers_empty_part_rows_and_more(as_coordinator, org):
    html = as_coordinator.get(CREATE).content.decode()
    assert "Klachtonderdelen (niet verplicht)" in html
    assert html.count('name="parts-') >= 3 * 3  # three rows of description, department, partner
    assert 'name="parts-2-description"' in html and 'name="parts-3-description"' not in html
    assert 'name="meer_onderdelen"' in html
    # More rows keep what was typed, register nothing and show no errors yet.
    typed = {**form_data(org), "complainant_name": "", "description": "Twee dingen gingen mis."}
    data = {
        **typed,
        **registration_rows({"description": "Niet teruggebeld."}),
        "meer_onderdelen": "1",
    }
    response = as_coordinator.post(CREATE, data)
    assert response.status_code == 200
    more = response.content.decode()
    assert 'name="parts-5-description"' in more and 'name="parts-6-description"' not in more
    assert "Niet teruggebeld." in more and "Twee dingen gingen mis." in more
    assert "utrecht-form-field-error-message" not in more
    assert Complaint.objects.count() == 0
    # At the most rows, no button.
    data["parts-TOTAL_FORMS"] = "18"
    most = as_coordinator.post(CREATE, data).content.decode()
    assert 'name="parts-19-description"' in most and 'name="meer_onderdelen"' not in most


def test_registered_without_parts_the_complaint_is_one_part(as_coordinator, org):
    data = {**form_data(org), **registration_rows()}
    assert as_coordinator.post(CREATE, data).status_code == 302
    complaint = Complaint.objects.get()
    [part] = complaint.parts.all()
    assert (part.position, part.description) == (1, complaint.description)


def test_register_one_part(as_coordinator, org):
    data = {**form_data(org), **registration_rows({"description": "Niet teruggebeld."})}
    assert as_coordinator.post(CREATE, data).status_code == 302
    assert [p.description for p in Complaint.objects.get().parts.all()] == ["Niet teruggebeld."]


def test_register_three_parts_with_department_and_partner(as_coordinator, org):
    data = {
        **form_data(org),
        **registration_rows(
            {"description": "De aanvraag raakte kwijt.", "department": str(org.dept_social.pk)},
            {"description": "De medewerker was onbeleefd."},
            {"description": "De aannemer liet rommel achter.", "partner": str(org.partner.pk)},
            total=4,
        ),
    }
    response = as_coordinator.post(CREATE, data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert [
        (p.position, p.description, p.department, p.partner) for p in complaint.parts.all()
    ] == [
        (1, "De aanvraag raakte kwijt.", org.dept_social, None),
        (2, "De medewerker was onbeleefd.", None, None),
        (3, "De aannemer liet rommel achter.", None, org.partner),
    ]
    html = as_coordinator.get(detail_url(complaint)).content.decode()
    assert "3 klachtonderdelen" in html
    assert "De aannemer liet rommel achter." in html


@pytest.mark.parametrize(
    "row, message",
    [
        ({"description": "", "department": "DEPT"}, "Onderdeel 1: beschrijf waar dit onderdeel"),
        ({"description": "Kwijt.", "department": "999999"}, "Kies een afdeling uit de lijst."),
        ({"description": "Kwijt.", "partner": "999999"}, "Kies een partner uit de lijst."),
    ],
)
def test_a_bad_part_at_registration_stores_nothing(as_coordinator, org, row, message):
    row = {k: str(org.dept_social.pk) if v == "DEPT" else v for k, v in row.items()}
    data = {**form_data(org), **registration_rows(row)}
    response = as_coordinator.post(CREATE, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert form_data(org)["description"] in html  # what was typed is kept
    assert not Complaint.objects.exists()


# --- Later, until the decision --------------------------------------------------------


def test_add_change_remove_and_reorder_parts_on_the_page(as_coordinator, assigned, org):
    complaint = assigned
    html = as_coordinator.get(detail_url(complaint)).content.decode()
    assert f'action="{parts_url(complaint)}"' in html and "Klachtonderdelen" in html
    [first] = complaint.parts.all()
    response = as_coordinator.post(
        parts_url(complaint),
        action_rows(
            [first],
            {"description": "Niet teruggebeld.", "department": str(org.dept_social.pk)},
            {"description": "Onbeleefd aan de balie.", "ORDER": "0"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    parts = list(complaint.parts.all())
    assert [p.description for p in parts] == [
        "Onbeleefd aan de balie.",  # number 0: first
        complaint.description,
        "Niet teruggebeld.",
    ]
    assert parts[1].pk == first.pk  # changed in place, not made anew
    event = Event.objects.filter(complaint=complaint, action="parts_changed").get()
    before, after = event.changes["parts"]
    assert before.startswith("1. ") and "Niet teruggebeld." not in before
    assert "1. Onbeleefd aan de balie." in after
    assert f"3. Niet teruggebeld. ({org.dept_social.name})" in after
    # The timeline shows before → after.
    html = as_coordinator.get(detail_url(complaint)).content.decode()
    assert "Klachtonderdelen gewijzigd" in html and "klachtonderdelen" in html

    # Remove one, change another.
    onbeleefd, original, teruggebeld = parts
    teruggebeld.description = "Niet teruggebeld, twee keer."
    response = as_coordinator.post(parts_url(complaint), action_rows(parts, delete={original.pk}))
    assert response.status_code == 302
    assert [p.description for p in complaint.parts.all()] == [
        "Onbeleefd aan de balie.",
        "Niet teruggebeld, twee keer.",
    ]
    assert [p.position for p in complaint.parts.all()] == [1, 2]


def test_an_emptied_description_is_refused_and_nothing_changes(as_coordinator, assigned):
    [part] = assigned.parts.all()
    part.description = ""
    response = as_coordinator.post(parts_url(assigned), action_rows([part]))
    assert response.status_code == 400
    assert "Onderdeel 1: beschrijf waar dit onderdeel over gaat." in response.content.decode()
    assert assigned.parts.get().description == assigned.description
    assert not Event.objects.filter(complaint=assigned, action="parts_changed").exists()


def test_no_part_changes_after_the_decision_or_when_closed(client, users, assigned):
    complaint = heard(assigned, users)
    [part] = complaint.parts.all()
    perform(
        Step.DECIDE,
        actor=users.handler,
        complaint=complaint,
        data={
            "findings": "F.",
            "conclusions": "C.",
            "parts": [{"part": part.pk, "judgment": "unfounded", "reasoning": "Nee."}],
        },
    )
    client.force_login(users.handler)
    html = client.get(detail_url(complaint)).content.decode()
    assert f'action="{parts_url(complaint)}"' not in html
    response = client.post(parts_url(complaint), action_rows([part], {"description": "Nieuw."}))
    assert response.status_code == 400
    assert "Na het besluit liggen de klachtonderdelen vast." in response.content.decode()
    perform(Step.SEND_CONCLUSION, actor=users.handler, complaint=complaint, data={})
    response = client.post(parts_url(complaint), action_rows([part], {"description": "Nieuw."}))
    assert response.status_code == 400
    assert complaint.parts.count() == 1


# --- The decision judges each part; the lesson reuses the norms --------------------------


def decision_rows(parts, judgments) -> dict:
    data = {
        "findings": "Bevindingen.",
        "conclusions": "Conclusies.",
        "parts-TOTAL_FORMS": str(len(judgments)),
        "parts-INITIAL_FORMS": str(len(judgments)),
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "20",
    }
    for number, (part, (judgment, norms)) in enumerate(zip(parts, judgments, strict=False)):
        data[f"parts-{number}-part"] = str(part.pk)
        data[f"parts-{number}-judgment"] = judgment
        data[f"parts-{number}-reasoning"] = f"Motivering {number + 1}."
        if norms:
            data[f"parts-{number}-norms"] = norms
    return data


def four_parts(complaint, users):
    perform(
        "parts",
        actor=users.handler,
        complaint=complaint,
        data={"parts": [{"description": f"Onderdeel {n}: wat er misging."} for n in "ABCD"]},
    )
    return list(complaint.parts.all())


def test_decide_on_the_page_with_four_parts_then_close_with_the_lesson(client, users, assigned):
    complaint = heard(assigned, users)
    parts = four_parts(complaint, users)
    client.force_login(users.handler)
    html = client.get(detail_url(complaint)).content.decode()
    # One row per part, each showing the part it judges; no fixed number of rows.
    for number, part in enumerate(parts):
        assert f'name="parts-{number}-part" value="{part.pk}"' in html
        assert part.description in html
    assert 'name="parts-4-part"' not in html
    judgments = [
        ("well_founded", ["promptness", "listening"]),
        ("unfounded", []),
        ("partly_well_founded", ["reliability"]),
        ("no_judgment", []),
    ]
    response = client.post(step_url(complaint, Step.DECIDE), decision_rows(parts, judgments))
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(complaint=complaint)
    judged = list(decision.parts.all())
    assert [(j.part_id, j.judgment, j.summary) for j in judged] == [
        (p.pk, j, p.description) for p, (j, _n) in zip(parts, judgments, strict=True)
    ]
    # The norms are asked once and kept on the part.
    assert [p.norms for p in complaint.parts.all()] == [n for _j, n in judgments]
    html = client.get(detail_url(complaint)).content.decode()
    assert "Oordeel: Gegrond" in html and "Oordeel: Ongegrond" in html

    # Closing: the lesson reuses them, shown ticked and read-only, not asked again.
    cause = Cause.objects.get_or_create(name="Communicatie en informatie")[0]
    assert 'name="norms" value="promptness"' in html
    response = client.post(
        step_url(complaint, Step.SEND_CONCLUSION), {"cause": cause.pk, "lessons": "Bellen."}
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(complaint=complaint)
    # Each once, in the Behoorlijkheidswijzer's order.
    assert lesson.norms == ["listening", "promptness", "reliability"]
    # The letter lists each part with its judgment.
    letter = Letter.objects.get(complaint=complaint, kind="conclusion")
    assert "Uw klacht bestaat uit 4 onderdelen" in letter.html
    for number, part in enumerate(parts, start=1):
        assert f"Klachtonderdeel {number}" in letter.html
        assert part.description in letter.html
    assert letter.html.count("Ongegrond") >= 1 and "Deels gegrond" in letter.html


def test_a_part_left_out_or_judged_twice_is_refused_on_the_page(client, users, assigned):
    complaint = heard(assigned, users)
    parts = four_parts(complaint, users)
    client.force_login(users.handler)
    judgments = [("unfounded", [])] * 3  # the fourth part not judged
    response = client.post(step_url(complaint, Step.DECIDE), decision_rows(parts, judgments))
    assert response.status_code == 400
    assert "Onderdeel 4 heeft nog geen oordeel." in response.content.decode()
    twice = decision_rows([parts[0], parts[0], parts[2], parts[3]], [("unfounded", [])] * 4)
    response = client.post(step_url(complaint, Step.DECIDE), twice)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Onderdeel 1 heeft meer dan één oordeel." in html
    assert "Onderdeel 2 heeft nog geen oordeel." in html
    assert not Decision.objects.filter(complaint=complaint).exists()
    assert Complaint.objects.get(pk=complaint.pk).state == State.HEARD


def test_a_legacy_decision_without_parts_still_shows(client, users, assigned):
    """A decision from before parts were kept (no link to a part) stays on the page."""
    complaint = heard(assigned, users)
    decision = Decision.objects.create(
        complaint=complaint, decided_on=date.today(), findings="Oud.", conclusions="C."
    )
    decision.parts.create(position=1, summary="Oud onderdeel.", judgment="unfounded", reasoning="R")
    client.force_login(users.coordinator)
    html = client.get(detail_url(complaint)).content.decode()
    assert "Oud onderdeel." in html


def test_the_migration_gives_existing_complaints_their_parts(make_complaint, users):
    """Complaints from before parts were kept: a decided one gets the parts its latest
    decision judged (every decision's judgments linked by position), another one part,
    its description."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("vangnet.complaints.migrations.0008_parts_complaintpart")
    decided, plain = make_complaint(), make_complaint(description="Alleen de omschrijving.")
    ComplaintPart.objects.all().delete()  # as before the migration
    for version in (1, 2):
        decision = Decision.objects.create(
            complaint=decided, decided_on=date.today(), findings=f"F{version}", conclusions="C"
        )
        for position in (1, 2):
            decision.parts.create(
                position=position,
                summary=f"Onderdeel {position} (besluit {version})",
                judgment="well_founded",
                norms=["promptness"] if position == 1 else [],
                reasoning="R",
            )

    migration.parts_for_existing_complaints(apps, None)

    parts = list(decided.parts.all())
    assert [(p.description, p.norms) for p in parts] == [
        ("Onderdeel 1 (besluit 2)", ["promptness"]),
        ("Onderdeel 2 (besluit 2)", []),
    ]
    for decision in decided.decisions.all():
        assert [j.part_id for j in decision.parts.all()] == [p.pk for p in parts]
    assert [p.description for p in plain.parts.all()] == ["Alleen de omschrijving."]
