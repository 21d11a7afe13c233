"""The complainant's survey page: no login, the token is the key; an answer is stored
once; a link that does not work gets one friendly 404; errors are shown next to the
field with the input kept; the page is private (not cached, no referrer)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from vangnet.complaints.models import Event
from vangnet.surveys import services
from vangnet.surveys.models import Satisfaction, SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

QUESTION = "Hoe tevreden bent u over hoe wij uw klacht hebben behandeld?"


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    # The link never goes to another site; same-origin (not no-referrer) so that the
    # browser still sends the Origin the CSRF check needs (see test_browser.py).
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_form_without_login(invited, client):
    complaint, path = invited
    page = client.get(path)
    assert page.status_code == 200
    assert_private(page)
    body = page.content.decode()
    assert QUESTION in body
    # Five labelled radio buttons in a fieldset with the question as legend.
    assert body.count('type="radio" name="satisfaction"') == 5
    for label in ("Zeer ontevreden", "Ontevreden", "Tevreden", "Zeer tevreden"):
        assert f">{label}</label>" in body
    assert 'name="comment"' in body
    assert 'maxlength="2000"' in body


def test_an_answer_is_stored_once(invited, client):
    complaint, path = invited
    posted = client.post(path, {"satisfaction": "4", "comment": "  Snel geholpen.  "})
    assert posted.status_code == 302
    assert posted["Location"] == path + "bedankt/"

    thanks = client.get(posted["Location"])
    assert thanks.status_code == 200
    assert_private(thanks)
    assert "Dank u wel voor uw antwoord" in thanks.content.decode()

    response = SurveyResponse.objects.get()
    assert response.invitation.complaint == complaint
    assert response.satisfaction == Satisfaction.SATISFIED
    assert response.comment == "Snel geholpen."
    assert response.handled_at is None
    invitation = SurveyInvitation.objects.get(complaint=complaint)
    assert invitation.answered_at == response.created_at
    event = Event.objects.get(complaint=complaint, action=services.SURVEY_ANSWERED)
    assert "Tevreden" in event.summary
    assert event.actor is None

    # A second post (double click, back button) and a later visit: thanks, nothing new.
    again = client.post(path, {"satisfaction": "1", "comment": "Toch niet."})
    assert again.status_code == 200
    assert "U heeft al geantwoord" in again.content.decode()
    later = client.get(path)
    assert later.status_code == 200
    assert "U heeft de vragen over uw klacht" in later.content.decode()
    assert_private(later)
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().satisfaction == Satisfaction.SATISFIED


def test_the_service_refuses_a_second_answer(invited):
    complaint, _path = invited
    invitation = SurveyInvitation.objects.get(complaint=complaint)
    services.submit_response(invitation=invitation, satisfaction=2)
    with pytest.raises(ValidationError) as refused:
        services.submit_response(invitation=invitation, satisfaction=5)
    assert refused.value.error_dict["invitation"][0].code == services.ALREADY_ANSWERED
    assert SurveyResponse.objects.get().satisfaction == 2


def test_an_unhappy_answer_gets_a_word_about_the_coordinator(invited, client):
    _complaint, path = invited
    posted = client.post(path, {"satisfaction": "1"}, follow=True)
    assert "Een klachtcoördinator leest uw antwoord" in posted.content.decode()
    assert SurveyResponse.objects.get().comment == ""


def test_the_thanks_page_before_answering_leads_to_the_form(invited, client):
    _complaint, path = invited
    response = client.get(path + "bedankt/")
    assert response.status_code == 302
    assert response["Location"] == path


def test_errors_next_to_the_field_and_input_kept(invited, client):
    _complaint, path = invited
    comment = "De brief was onduidelijk & te laat."
    page = client.post(path, {"comment": comment})
    assert page.status_code == 400
    assert_private(page)
    body = page.content.decode()
    assert "<title>Fout:" in body
    assert 'id="survey_satisfaction_error"' in body
    assert "Kies hoe tevreden u bent." in body
    assert 'href="#survey_satisfaction_0"' in body  # the error summary links to it
    assert "De brief was onduidelijk &amp; te laat.</textarea>" in body
    assert not SurveyResponse.objects.exists()

    too_long = "x" * 2001
    page = client.post(path, {"satisfaction": "2", "comment": too_long})
    assert page.status_code == 400
    body = page.content.decode()
    assert "Uw tekst is 2001 tekens. Dat mag hoogstens 2000 zijn." in body
    assert 'id="survey_comment_error"' in body
    assert _checked(body, "2")
    assert not _checked(body, "1")
    assert too_long + "</textarea>" in body
    assert not SurveyResponse.objects.exists()


def _checked(body: str, value: str) -> bool:
    return bool(re.search(rf'<input[^>]*value="{value}"[^>]*checked', body))


def test_a_choice_that_is_not_on_the_form_is_refused(invited, client):
    _complaint, path = invited
    page = client.post(path, {"satisfaction": "9"})
    assert page.status_code == 400
    assert "Kies hoe tevreden u bent." in page.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well-formed, unknown
        "kort",
        "a" * 200,
        "abc.def-ghi_jkl%20mnopqrstuvwxyz0123456789",
    ],
)
def test_a_link_that_does_not_work_gets_a_friendly_404(invited, client, token):
    for path in (f"/tevredenheid/{token}/", f"/tevredenheid/{token}/bedankt/"):
        page = client.get(path)
        assert page.status_code == 404
        assert_private(page)
        body = page.content.decode()
        assert "Deze link werkt niet" in body
        assert "60 dagen" in body
    assert client.post(f"/tevredenheid/{token}/", {"satisfaction": "3"}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_an_expired_link_gets_the_404(invited, client):
    complaint, path = invited
    with time_machine.travel(timezone.now() + timedelta(days=59)):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=60, minutes=1)):
        page = client.get(path)
        assert page.status_code == 404
        assert "Deze link werkt niet" in page.content.decode()
        assert client.post(path, {"satisfaction": "1"}).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_a_link_that_expires_while_the_form_is_open(invited):
    complaint, _path = invited
    invitation = SurveyInvitation.objects.get(complaint=complaint)
    with (
        time_machine.travel(invitation.expires_at + timedelta(seconds=1)),
        pytest.raises(ValidationError) as refused,
    ):
        services.submit_response(invitation=invitation, satisfaction=3)
    assert refused.value.error_dict["invitation"][0].code == services.EXPIRED
    assert not SurveyResponse.objects.exists()
