"""Sign-off before a letter leaves (`vangnet.handling.signoff`): the conclusion and the
9:8 letter wait for the coordinator or a mandated signer; nothing is sent until then,
and the letter that goes names the signatory. Through the guard, the page and the API."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from tests.complaints.test_workflow import put_in_state
from tests.conftest import make_user
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Event
from vangnet.complaints.workflow import DeclineGround, State
from vangnet.core.roles import Role
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.outbox import flush
from vangnet.organisations.models import Municipality, Signatory

pytestmark = pytest.mark.django_db

SIGNER_FUNCTION = "Afdelingshoofd Werk en Inkomen"
#: A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def signoff_on(org):
    org.municipality.signoff_kinds = ["conclusion", "decline"]
    org.municipality.save()
    return org.municipality


@pytest.fixture
def signer(org):
    user = make_user("signer", Role.SIGNER, department=org.dept_social, last_name="Smit")
    user.first_name = "Sanne"
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    Signatory.objects.create(user=user, function=SIGNER_FUNCTION)
    return user


@pytest.fixture
def decided(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return put_in_state(complaint, State.DECIDED)


def pdf_text(letter: Letter) -> str:
    with letter.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def prepare_conclusion(complaint, handler):
    return perform("send_conclusion", actor=handler, complaint=complaint, data={})


def test_a_conclusion_waits_for_sign_off_and_goes_signed_after_approval(
    decided, users, signer, signoff_on, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = prepare_conclusion(decided, users.handler)
    draft = result.prepared
    assert draft is not None and draft.status == Letter.Status.AWAITING_APPROVAL
    complaint = Complaint.objects.get(pk=decided.pk)
    assert complaint.state == State.DECIDED and complaint.closed_on is None
    assert not complaint.letters.exists()  # no letter on the file, the status page ...
    assert OutboxMessage.objects.count() == 0
    flush()
    assert smtp_server.messages == []
    assert not draft.pdf
    assert Event.objects.filter(complaint=complaint, action=Action.LETTER_PREPARED).exists()
    assert not Event.objects.filter(complaint=complaint, action="send_conclusion").exists()

    with django_capture_on_commit_callbacks(execute=True):
        perform("approve_letter", actor=signer, complaint=complaint, data={"letter": draft.pk})
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED and complaint.closed_on is not None
    letter = complaint.letters.get()
    assert letter.pk == draft.pk and letter.status == Letter.Status.SENT
    assert (letter.signed_by, letter.signatory_name) == (signer, "Sanne Smit")
    text = pdf_text(letter)
    assert "Sanne Smit" in text and SIGNER_FUNCTION in text
    assert "College van B en W" in text
    flush()
    sent = [m for m in smtp_server.messages if m["Subject"] == letter.subject]
    assert [m["To"] for m in sent] == ["fatima@example.invalid"]
    [attachment] = list(sent[0].iter_attachments())
    assert "Sanne Smit" in re.sub(
        r"\s+",
        " ",
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(attachment.get_content())).pages
        ),
    )
    approved = Event.objects.get(complaint=complaint, action=Action.LETTER_APPROVED)
    assert "Sanne Smit" in approved.summary and approved.actor == signer


def test_the_letter_carries_the_logo_and_a_coordinator_signs_with_their_role(
    decided, users, signoff_on, django_capture_on_commit_callbacks
):
    signoff_on.logo.save("logo.png", ContentFile(PNG))
    draft = prepare_conclusion(decided, users.handler).prepared
    with django_capture_on_commit_callbacks(execute=True):
        perform(
            "approve_letter", actor=users.coordinator, complaint=decided, data={"letter": draft.pk}
        )
    letter = Letter.objects.get(pk=draft.pk)
    assert 'class="logo" src="data:image/png;base64,' in letter.html
    with letter.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert list(reader.pages[0].images)  # the logo is in the PDF
    assert "Klachtcoördinator" in pdf_text(letter)


def test_sending_back_needs_a_remark_and_the_handler_sees_it(
    decided, users, signer, signoff_on, client
):
    draft = prepare_conclusion(decided, users.handler).prepared
    client.force_login(signer)
    url = reverse("backoffice:complaint_return_letter", args=[decided.pk])
    response = client.post(url, {"letter": draft.pk, "remark": "  "})
    assert response.status_code == 400
    assert "Schrijf op wat er anders moet." in response.content.decode()
    assert Letter.all_objects.get(pk=draft.pk).status == Letter.Status.AWAITING_APPROVAL

    response = client.post(url, {"letter": draft.pk, "remark": "Noem de excuses expliciet."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Letter.Status.RETURNED and draft.returned_by == signer
    event = Event.objects.get(complaint=decided, action=Action.LETTER_RETURNED)
    assert "Noem de excuses expliciet." in event.summary
    assert Complaint.objects.get(pk=decided.pk).state == State.DECIDED

    client.force_login(users.handler)
    work = client.get(reverse("backoffice:my_work")).content.decode()
    assert "Noem de excuses expliciet." in work
    # Prepared again (edited): the returned draft is replaced, a new one waits.
    again = prepare_conclusion(decided, users.handler).prepared
    draft.refresh_from_db()
    assert draft.status == Letter.Status.REPLACED
    assert again.status == Letter.Status.AWAITING_APPROVAL
    work = client.get(reverse("backoffice:my_work")).content.decode()
    assert "Noem de excuses expliciet." not in work


def test_the_signer_approves_on_the_page_and_sees_the_waiting_letter_on_my_work(
    decided, users, signer, signoff_on, client
):
    draft = prepare_conclusion(decided, users.handler).prepared
    client.force_login(signer)
    work = client.get(reverse("backoffice:my_work")).content.decode()
    assert "Wacht op ondertekening" in work and decided.reference in work
    page = client.get(reverse("backoffice:complaint_detail", args=[decided.pk])).content.decode()
    assert reverse("backoffice:complaint_approve_letter", args=[decided.pk]) in page
    preview = client.get(reverse("backoffice:letter_draft", args=[decided.pk, draft.pk]))
    assert preview.status_code == 200 and draft.subject in preview.content.decode()

    response = client.post(
        reverse("backoffice:complaint_approve_letter", args=[decided.pk]), {"letter": draft.pk}
    )
    assert response.status_code == 302
    assert Complaint.objects.get(pk=decided.pk).state == State.CLOSED


def test_who_may_not_sign(decided, users, signoff_on, client, api):
    draft = prepare_conclusion(decided, users.handler).prepared
    client.force_login(users.handler)  # prepared it, no signer
    response = client.post(
        reverse("backoffice:complaint_approve_letter", args=[decided.pk]), {"letter": draft.pk}
    )
    assert response.status_code == 403
    # The person complained about (Awb 9:7), although a signer: 403 in the API, the
    # reason on the page.
    complained_about = make_user("beklaagde", Role.COORDINATOR)
    Complaint.objects.filter(pk=decided.pk).update(person_complained_about_user=complained_about)
    response = api(complained_about).post(
        f"/api/v1/complaints/{decided.pk}/approve-letter/", {"letter": draft.pk}, format="json"
    )
    assert response.status_code == 403 and "9:7" in response.json()["detail"]
    client.force_login(complained_about)
    response = client.post(
        reverse("backoffice:complaint_approve_letter", args=[decided.pk]), {"letter": draft.pk}
    )
    assert response.status_code == 400 and "Awb 9:7" in response.content.decode()
    assert Letter.all_objects.get(pk=draft.pk).status == Letter.Status.AWAITING_APPROVAL
    assert Complaint.objects.get(pk=decided.pk).state == State.DECIDED


def test_a_9_8_letter_waits_too_and_the_setting_off_sends_at_once(
    make_complaint, users, signoff_on
):
    complaint = make_complaint()
    data = {"ground": DeclineGround.values[0], "explanation": "Eerder behandeld."}
    draft = perform("decline", actor=users.coordinator, complaint=complaint, data=data).prepared
    assert draft.kind == "decline"
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED and not complaint.decline_ground
    perform(
        "approve_letter", actor=users.coordinator, complaint=complaint, data={"letter": draft.pk}
    )
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED and complaint.decline_ground == data["ground"]

    signoff_on.signoff_kinds = []
    signoff_on.save()
    other = make_complaint()
    result = perform("decline", actor=users.coordinator, complaint=other, data=data)
    assert result.prepared is None
    assert other.letters.get().status == Letter.Status.SENT
    assert OutboxMessage.objects.filter(complaint=other).exists()


def test_bad_input(decided, make_complaint, users, signoff_on, api):
    draft = prepare_conclusion(decided, users.handler).prepared
    other = make_complaint()
    stranger = Letter.all_objects.create(
        complaint=other,
        kind="decline",
        subject="x",
        html="x",
        sent_to="post",
        status=Letter.Status.AWAITING_APPROVAL,
        action="decline",
    )
    client = api(users.coordinator)
    url = f"/api/v1/complaints/{decided.pk}/approve-letter/"
    response = client.post(url, {"letter": 999_999}, format="json")
    assert response.status_code == 400 and "letter" in response.json()
    response = client.post(url, {"letter": stranger.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["letter"] == ["Deze brief hoort niet bij deze klacht."]
    response = client.post(url, {"letter": "twee"}, format="json")
    assert response.status_code == 400 and "letter" in response.json()
    response = client.post(
        f"/api/v1/complaints/{decided.pk}/return-letter/", {"letter": draft.pk}, format="json"
    )
    assert response.status_code == 400 and "remark" in response.json()

    assert client.post(url, {"letter": draft.pk}, format="json").status_code == 200
    again = client.post(url, {"letter": draft.pk}, format="json")
    assert again.status_code == 409  # nothing waits any more
    second = prepare_conclusion(make_decided(make_complaint, users), users.handler).prepared
    assert second is not None
    draft.refresh_from_db()
    assert draft.status == Letter.Status.SENT


def make_decided(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return put_in_state(complaint, State.DECIDED)


def test_a_letter_no_longer_waiting_is_refused(decided, users, signoff_on, api):
    first = prepare_conclusion(decided, users.handler).prepared
    client = api(users.coordinator)
    response = client.post(
        f"/api/v1/complaints/{decided.pk}/return-letter/",
        {"letter": first.pk, "remark": "Anders."},
        format="json",
    )
    assert response.status_code == 200
    prepare_conclusion(decided, users.handler)  # a new draft waits
    response = client.post(
        f"/api/v1/complaints/{decided.pk}/approve-letter/", {"letter": first.pk}, format="json"
    )
    assert response.status_code == 409
    assert "wacht niet" in response.json()["detail"]
    assert Complaint.objects.get(pk=decided.pk).state == State.DECIDED


def test_only_one_draft_per_step_waits(decided, users, signoff_on):
    prepare_conclusion(decided, users.handler)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="wacht al"):
        prepare_conclusion(decided, users.handler)
    assert Letter.all_objects.filter(complaint=decided).count() == 1


def test_the_default_municipality_signs_conclusions_and_9_8_letters():
    assert Municipality(name="X").signoff_kinds == ["conclusion", "decline"]


def test_a_letter_that_changed_since_it_was_prepared_is_not_signed(decided, users, signoff_on, api):
    """The signer signs what they read: a decision corrected after the letter was
    prepared refuses the approval; sent back and prepared again, it goes."""
    from vangnet.complaints.models import JudgmentPart

    draft = prepare_conclusion(decided, users.handler).prepared
    JudgmentPart.objects.filter(decision__complaint=decided).update(reasoning="Herzien.")
    client = api(users.coordinator)
    url = f"/api/v1/complaints/{decided.pk}/approve-letter/"
    response = client.post(url, {"letter": draft.pk}, format="json")
    assert response.status_code == 409 and "veranderd" in response.json()["detail"]
    assert Letter.all_objects.get(pk=draft.pk).status == Letter.Status.AWAITING_APPROVAL
    assert Complaint.objects.get(pk=decided.pk).state == State.DECIDED
    assert not OutboxMessage.objects.exists()

    client.post(
        f"/api/v1/complaints/{decided.pk}/return-letter/",
        {"letter": draft.pk, "remark": "Het besluit is herzien."},
        format="json",
    )
    again = prepare_conclusion(decided, users.handler).prepared
    assert "Herzien." in again.html
    assert client.post(url, {"letter": again.pk}, format="json").status_code == 200
    assert Complaint.objects.get(pk=decided.pk).state == State.CLOSED


def test_the_lesson_given_with_a_prepared_conclusion_is_the_handlers(
    decided, users, signer, signoff_on
):
    from vangnet.learning.models import Cause, Lesson

    cause = Cause.objects.create(name="Werkinstructie onduidelijk")
    draft = perform(
        "send_conclusion",
        actor=users.handler,
        complaint=decided,
        data={"cause": str(cause.pk), "lessons": "Instructie aanpassen.", "norms": []},
    ).prepared
    assert not Lesson.objects.exists()  # nothing of the step stays before sign-off
    perform("approve_letter", actor=signer, complaint=decided, data={"letter": draft.pk})
    lesson = Lesson.objects.get()
    assert lesson.cause == cause and lesson.recorded_by == users.handler
