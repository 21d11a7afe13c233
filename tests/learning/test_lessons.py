"""The lesson recorded when a complaint is closed: the optional cause, lessons and
norms on the three steps that close a handled complaint (informally resolved, the
conclusion sent, closed after a partner), on the page, in the API and in the service.
Recorded in the step's transaction; a wrong lesson refuses the whole step.
(The lesson's own rules and its page: tests/learning/test_measures.py.)"""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from vangnet.complaints import norms
from vangnet.complaints.models import Complaint, Contact, Decision, Forward, JudgmentPart
from vangnet.complaints.workflow import Judgment, State, Step
from vangnet.handling.base import get
from vangnet.handling.guard import perform
from vangnet.learning.models import Cause, Lesson
from vangnet.letters.models import Letter

pytestmark = pytest.mark.django_db


def cause(name="Communicatie en informatie") -> Cause:
    # The default rows come from a migration; a transactional test run before may have
    # flushed them.
    return Cause.objects.get_or_create(name=name)[0]


@pytest.fixture
def decided(make_complaint, users):
    """A complaint assigned to `handler`, decided (one part well-founded, with two norms,
    kept on the part as the decide step does), ready for the conclusion letter."""
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    decision = Decision.objects.create(
        complaint=complaint, decided_on=date.today(), findings="F", conclusions="C"
    )
    part = complaint.parts.get()
    part.norms = ["promptness", "listening"]
    part.save()
    JudgmentPart.objects.create(
        decision=decision,
        part=part,
        position=1,
        summary="Niet teruggebeld",
        judgment=Judgment.WELL_FOUNDED,
        norms=["promptness", "listening"],
        reasoning="Er is niet gebeld.",
    )
    Complaint.objects.filter(pk=complaint.pk).update(state=State.DECIDED)
    return Complaint.objects.get(pk=complaint.pk)


@pytest.fixture
def in_progress(make_complaint, users):
    """A complaint in progress, the complainant reached (so it can be resolved
    informally) and a partner that reported back (so it can be closed after it)."""
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    Contact.objects.create(
        complaint=complaint, contacted_on=date.today(), channel="phone", notes="Gebeld."
    )
    Complaint.objects.filter(pk=complaint.pk).update(state=State.IN_PROGRESS)
    return Complaint.objects.get(pk=complaint.pk)


def step_url(complaint, step):
    return reverse("backoffice:complaint_step", args=[complaint.pk, step])


def detail(client, complaint) -> str:
    return client.get(reverse("backoffice:complaint_detail", args=[complaint.pk])).content.decode()


# --- on the page -------------------------------------------------------------------------


def test_the_conclusion_form_shows_the_parts_norms_ticked_and_read_only(client, users, decided):
    """The norms were asked once, per part, by the decision: the conclusion's lesson
    shows them and does not ask again."""
    client.force_login(users.handler)
    html = detail(client, decided)
    assert "Leren van deze klacht (mag leeg)" in html
    assert 'name="cause"' in html and cause().name in html
    # Grouped per family, like the decide step's norms; the parts' norms are ticked.
    assert "Betrokken en oplossingsgericht" in html
    boxes = re.findall(r'<input type="checkbox" name="norms" value="\w+"[^>]*>', html)
    assert len(boxes) == len(norms.NORMS)
    assert all(" disabled" in box for box in boxes)  # read-only
    ticked = [re.search(r'value="(\w+)"', box).group(1) for box in boxes if " checked" in box]
    assert ticked == ["listening", "promptness"]  # in the Behoorlijkheidswijzer's order


def test_closing_with_a_lesson_records_it_with_the_parts_norms(client, users, decided):
    client.force_login(users.handler)
    response = client.post(
        step_url(decided, Step.SEND_CONCLUSION),
        # Norms posted anyway are ignored: the lesson reuses the parts'.
        {"cause": cause().pk, "lessons": "Terugbellen vastleggen.", "norms": ["integrity"]},
    )
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.state == State.CLOSED
    lesson = Lesson.objects.get(complaint=decided)
    assert (lesson.cause, lesson.lessons, lesson.norms) == (
        cause(),
        "Terugbellen vastleggen.",
        ["listening", "promptness"],
    )
    assert (lesson.recorded_by, lesson.recorded_on) == (users.handler, decided.closed_on)
    actions = list(decided.events.order_by("id").values_list("action", flat=True))
    assert actions.index("lesson_recorded") == actions.index("send_conclusion") + 1
    # The complaint page shows it, with the norm's label.
    html = detail(client, decided)
    assert "Terugbellen vastleggen." in html and "Voortvarendheid" in html


def test_closing_without_a_cause_records_no_lesson(client, users, decided):
    """The decision's norms come ticked; without a cause they are not a lesson."""
    client.force_login(users.handler)
    response = client.post(
        step_url(decided, Step.SEND_CONCLUSION), {"cause": "", "norms": ["promptness"]}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=decided.pk).state == State.CLOSED
    assert not Lesson.objects.exists()
    assert "Les vastleggen" in detail(client, decided)  # asked for on the closed complaint


@pytest.mark.parametrize("bad", ["inactive", "unknown", "not a number", "²", "9" * 30])
def test_a_bad_cause_refuses_the_whole_step_next_to_the_field(client, users, decided, bad):
    value = {
        "inactive": lambda: Cause.objects.create(name="Oud", is_active=False).pk,
        "unknown": lambda: 999_999,
        "not a number": lambda: "abc",
    }.get(bad, lambda: bad)()
    client.force_login(users.handler)
    response = client.post(
        step_url(decided, Step.SEND_CONCLUSION),
        {"cause": value, "lessons": "Wat we leren.", "norms": ["listening"]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="send_conclusion_cause_error"' in html
    assert "Kies een oorzaak uit de lijst." in html.split('id="send_conclusion_cause_error"')[1]
    assert "Wat we leren.</textarea>" in html  # the input is kept
    # Nothing happened: not closed, no letter, no lesson, no event.
    decided.refresh_from_db()
    assert (decided.state, decided.closed_on) == (State.DECIDED, None)
    assert not Letter.objects.filter(complaint=decided, kind="conclusion").exists()
    assert not Lesson.objects.exists()
    assert not decided.events.filter(action__in=["send_conclusion", "lesson_recorded"]).exists()


def test_lessons_without_a_cause_are_not_lost_silently(client, users, in_progress):
    client.force_login(users.handler)
    response = client.post(
        step_url(in_progress, Step.RESOLVE_INFORMALLY),
        {"agreement": "", "lessons": "Eerder bellen.", "send_confirmation": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    # Both mistakes at once: the step's own and the lesson's.
    assert 'id="resolve_informally_agreement_error"' in html
    assert 'id="resolve_informally_cause_error"' in html
    assert "Kies de oorzaak, dan worden de geleerde lessen bewaard." in html
    assert Complaint.objects.get(pk=in_progress.pk).state == State.IN_PROGRESS


# --- the service: the other closing steps, and the one transaction -----------------------


def test_resolved_informally_and_closed_after_a_partner_take_a_lesson(
    users, org, in_progress, make_complaint
):
    perform(
        Step.RESOLVE_INFORMALLY,
        actor=users.handler,
        complaint=in_progress,
        data={"agreement": "Excuses.", "cause": str(cause().pk), "norms": ["listening"]},
    )
    assert Lesson.objects.get(complaint=in_progress).norms == ["listening"]

    forwarded = make_complaint()
    perform("assign", actor=users.coordinator, complaint=forwarded, data={"handler": users.handler})
    Forward.objects.create(
        complaint=forwarded,
        partner=org.partner,
        forwarded_on=date.today(),
        replied_at="2026-01-01T10:00Z",
        reply_action="Opgelost.",
        reply_outcome="resolved",
    )
    Complaint.objects.filter(pk=forwarded.pk).update(state=State.IN_PROGRESS)
    perform(
        Step.CLOSE_FORWARDED,
        actor=users.handler,
        complaint=forwarded,
        data={"note": "", "cause": cause("Bejegening"), "lessons": "Partner belt sneller."},
    )
    assert Lesson.objects.get(complaint=forwarded).cause.name == "Bejegening"


def test_only_the_steps_that_close_a_handled_complaint_take_a_lesson():
    """Declining, withdrawing or forwarding to another body closes a complaint that was
    not handled: there is no lesson to ask for then (the complaint page still can)."""
    for step in (Step.RESOLVE_INFORMALLY, Step.CLOSE_FORWARDED):
        assert {"cause", "lessons", "norms"} <= set(get(step).input.base_fields)
    # The conclusion follows a decision, which asked the norms per part already.
    assert {"cause", "lessons"} <= set(get(Step.SEND_CONCLUSION).input.base_fields)
    assert "norms" not in get(Step.SEND_CONCLUSION).input.base_fields
    for step in (Step.LOG_CONTACT, Step.DECLINE, Step.WITHDRAW, Step.DECIDE):
        assert not {"cause", "lessons"} & set(get(step).input.base_fields)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger")
def test_the_lesson_is_stored_in_the_steps_transaction(users, decided):
    """When storing the lesson fails in the database, the closing is undone too."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_lesson() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'lesson refused'; END; $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_lesson BEFORE INSERT ON learning_lesson "
            "FOR EACH ROW EXECUTE FUNCTION refuse_lesson()"
        )
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError, match="lesson refused"), transaction.atomic():
        perform(
            Step.SEND_CONCLUSION, actor=users.handler, complaint=decided, data={"cause": cause().pk}
        )
    decided.refresh_from_db()
    assert (decided.state, decided.outcome, decided.closed_on) == (State.DECIDED, "", None)
    assert not Letter.objects.filter(complaint=decided).exists()
    assert not decided.events.filter(action="send_conclusion").exists()


def test_a_wrong_norm_refuses_the_step(users, in_progress):
    with pytest.raises(ValidationError) as error:
        perform(
            Step.RESOLVE_INFORMALLY,
            actor=users.handler,
            complaint=in_progress,
            data={"agreement": "Excuses.", "cause": cause().pk, "norms": ["bestaat-niet"]},
        )
    assert set(error.value.message_dict) == {"norms"}
    assert Complaint.objects.get(pk=in_progress.pk).state == State.IN_PROGRESS


def test_the_conclusion_ignores_posted_norms_and_uses_the_parts(users, decided):
    perform(
        Step.SEND_CONCLUSION,
        actor=users.handler,
        complaint=decided,
        data={"cause": cause().pk, "norms": ["bestaat-niet"]},
    )
    assert Lesson.objects.get(complaint=decided).norms == ["listening", "promptness"]
