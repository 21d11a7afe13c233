"""Unhappy answers wait for the coordinator: listed in the include (and on its own
page) for a coordinator only, with "Gezien" (coordinator only: 403 for a handler) and
"Heropenen"; a reopening handles them too."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD
from vangnet.complaints.models import Event
from vangnet.surveys import selectors, services
from vangnet.surveys.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

INCLUDE = "backoffice/includes/unhappy_surveys.html"


def answer(complaint, satisfaction, comment=""):
    invitation = SurveyInvitation.objects.get(complaint=complaint, answered_at__isnull=True)
    return services.submit_response(
        invitation=invitation, satisfaction=satisfaction, comment=comment
    )


@pytest.fixture
def answers(make_complaint, close):
    """Three closed complaints: a very unhappy, an unhappy and a happy answer."""
    very = close(make_complaint(complainant_name="Anna Boer"))
    unhappy = close(make_complaint(complainant_name="Bram Kok"))
    happy = close(make_complaint(complainant_name="Chris Mol"))
    return {
        "very": answer(very, 1, "Niemand heeft mij teruggebeld."),
        "unhappy": answer(unhappy, 2),
        "happy": answer(happy, 5, "Prima."),
    }


def render_include(user, **extra):
    request = RequestFactory().get("/backoffice/")
    request.user = user
    return render_to_string(INCLUDE, {"limit": extra.get("limit")}, request=request)


def test_selector_lists_unhappy_answers_not_yet_handled(answers, users):
    listed = list(selectors.unhappy_unhandled())
    assert listed == [answers["very"], answers["unhappy"]]
    assert list(selectors.unhappy_unhandled(users.coordinator)) == listed
    assert not selectors.unhappy_unhandled(users.handler).exists()
    assert not selectors.unhappy_unhandled(users.viewer).exists()


def test_the_include_for_a_coordinator(answers, users):
    html = render_include(users.coordinator)
    very = answers["very"]
    complaint = very.invitation.complaint
    detail = reverse("backoffice:complaint_detail", args=[complaint.pk])
    assert f'href="{detail}">{complaint.reference}</a>' in html
    assert "Zeer ontevreden" in html
    assert "Niemand heeft mij teruggebeld." in html
    assert f'action="{reverse("surveys:mark_handled", args=[very.pk])}"' in html
    assert f'href="{detail}#reopen"' in html
    assert ">Gezien</button>" in html
    assert "Ontevreden indieners (2)" in html
    happy = answers["happy"].invitation.complaint
    assert happy.reference not in html
    assert "Prima." not in html


def test_the_include_shows_a_limited_number_with_a_link_to_all(answers, users):
    html = render_include(users.coordinator, limit=1)
    assert "U ziet er 1 van 2." in html
    assert reverse("surveys:unhappy") in html


@pytest.mark.parametrize("role", ["handler", "other_handler", "partner", "viewer"])
def test_the_include_shows_nothing_to_others(answers, users, role):
    html = render_include(getattr(users, role))
    assert html.strip() == ""


def test_the_coordinators_page(answers, users, client):
    client.force_login(users.coordinator)
    page = client.get(reverse("surveys:unhappy"))
    assert page.status_code == 200
    body = page.content.decode()
    assert answers["very"].invitation.complaint.reference in body
    assert answers["unhappy"].invitation.complaint.reference in body

    client.force_login(users.handler)
    assert client.get(reverse("surveys:unhappy")).status_code == 403


def test_the_page_needs_a_login(client):
    response = client.get(reverse("surveys:unhappy"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_gezien_takes_it_off_the_list(answers, users, client):
    very = answers["very"]
    complaint = very.invitation.complaint
    client.login(username="coordinator", password=PASSWORD)
    response = client.post(
        reverse("surveys:mark_handled", args=[very.pk]), {"next": "/backoffice/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"

    very.refresh_from_db()
    assert very.handled_at is not None
    assert very.handled_by == users.coordinator
    assert very.handling == SurveyResponse.Handling.SEEN
    event = Event.objects.get(complaint=complaint, action=services.SURVEY_HANDLED)
    assert event.actor == users.coordinator
    assert "Zeer ontevreden" in event.summary
    assert list(selectors.unhappy_unhandled()) == [answers["unhappy"]]
    assert complaint.reference not in render_include(users.coordinator)

    # A second click: a message, nothing changed, no second event.
    handled_at = very.handled_at
    again = client.post(reverse("surveys:mark_handled", args=[very.pk]), follow=True)
    assert again.status_code == 200
    assert "al afgehandeld" in again.content.decode()
    very.refresh_from_db()
    assert very.handled_at == handled_at
    assert Event.objects.filter(complaint=complaint, action=services.SURVEY_HANDLED).count() == 1


def test_gezien_goes_back_only_to_this_site(answers, users, client):
    client.force_login(users.coordinator)
    response = client.post(
        reverse("surveys:mark_handled", args=[answers["unhappy"].pk]),
        {"next": "https://evil.invalid/"},
    )
    assert response["Location"] == reverse("surveys:unhappy")


@pytest.mark.parametrize("role", ["handler", "partner", "viewer", "nobody"])
def test_gezien_is_refused_for_anyone_but_the_coordinator(answers, users, client, role):
    very = answers["very"]
    very.invitation.complaint.handler = users.handler
    very.invitation.complaint.save(update_fields=["handler"])
    client.force_login(getattr(users, role))
    response = client.post(reverse("surveys:mark_handled", args=[very.pk]))
    assert response.status_code == 403
    very.refresh_from_db()
    assert very.handled_at is None
    assert not Event.objects.filter(action=services.SURVEY_HANDLED).exists()


def test_gezien_needs_a_login_and_a_post(answers, users, client):
    url = reverse("surveys:mark_handled", args=[answers["very"].pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(users.coordinator)
    assert client.get(url).status_code == 405
    assert client.post(reverse("surveys:mark_handled", args=[999999])).status_code == 404


def test_the_service_refuses_a_handler(answers, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.mark_handled(actor=users.handler, response=answers["very"])
    assert SurveyResponse.objects.get(pk=answers["very"].pk).handled_at is None


def test_reopening_handles_the_waiting_answers(answers, users, reopen):
    very = answers["very"]
    complaint = very.invitation.complaint
    reopen(complaint)

    very.refresh_from_db()
    assert very.handling == SurveyResponse.Handling.REOPENED
    assert very.handled_by == users.coordinator
    assert very.handled_at is not None
    assert list(selectors.unhappy_unhandled()) == [answers["unhappy"]]
    assert Event.objects.filter(complaint=complaint, action=services.SURVEY_HANDLED).count() == 1


def test_complaint_reopened_called_directly(answers, users):
    complaint = answers["unhappy"].invitation.complaint
    assert services.complaint_reopened(complaint=complaint, actor=users.coordinator) == 1
    assert services.complaint_reopened(complaint=complaint, actor=users.coordinator) == 0
    assert SurveyResponse.objects.get(pk=answers["unhappy"].pk).handling == "reopened"


def test_latest_response_for_the_complaint_page(answers, make_complaint, close, reopen):
    complaint = answers["very"].invitation.complaint
    assert selectors.latest_response(complaint) == answers["very"]
    assert selectors.latest_response(close(make_complaint())) is None

    reopen(complaint)
    close(complaint)
    newer = answer(complaint, 4)
    assert selectors.latest_response(complaint) == newer


def test_the_complaint_page_include(answers, users):
    very = answers["very"]
    complaint = very.invitation.complaint
    request = RequestFactory().get("/backoffice/")
    request.user = users.coordinator
    html = render_to_string(
        "surveys/includes/complaint_survey.html", {"complaint": complaint}, request=request
    )
    assert "Zeer ontevreden (1/5)" in html
    assert "Niemand heeft mij teruggebeld." in html
    assert reverse("surveys:mark_handled", args=[very.pk]) in html

    request.user = users.handler
    html = render_to_string(
        "surveys/includes/complaint_survey.html", {"complaint": complaint}, request=request
    )
    assert "Zeer ontevreden (1/5)" in html
    assert reverse("surveys:mark_handled", args=[very.pk]) not in html


def test_the_admin_list_is_read_only(answers, users, client):
    url = reverse("admin:surveys_surveyresponse_changelist")
    client.force_login(users.handler)
    # Not staff: the admin sends a handler to its login page, and shows nothing.
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(users.coordinator)  # the coordinator's role has (core/setup.py)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert answers["very"].invitation.complaint.reference in body
    assert "Zeer ontevreden" in body
    change = reverse("admin:surveys_surveyresponse_change", args=[answers["very"].pk])
    detail = client.get(change)
    assert detail.status_code == 200
    assert 'name="satisfaction"' not in detail.content.decode()  # read-only
    assert client.get(reverse("admin:surveys_surveyresponse_add")).status_code == 403
