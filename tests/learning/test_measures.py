"""Lessons and improvement measures: the services' rules, the pages and who may do
what. (Overdue measures in the reminders: tests/reminders/test_measure_reminders.py.)"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints.models import Event
from vangnet.learning import lessons, measures
from vangnet.learning.models import Cause, Lesson, Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(make_complaint, users):
    complaint = make_complaint()
    complaint.handler = users.handler
    complaint.save(update_fields=["handler"])
    return complaint


def cause(name="Communicatie en informatie") -> Cause:
    # The default rows come from a migration; a transactional test run before may have
    # flushed them.
    return Cause.objects.get_or_create(name=name)[0]


def measure_data(org, complaint=None, **overrides) -> dict:
    data = {
        "title": "Terugbelafspraken vastleggen",
        "description": "Elke toegezegde terugbelafspraak komt in het klantsysteem.",
        "department": org.dept_social,
        "partner": None,
        "due_on": date.today() + timedelta(days=30),
        "complaints": [complaint.reference] if complaint else [],
    }
    data.update(overrides)
    return data


# --- lessons -----------------------------------------------------------------------------


def test_the_default_causes_are_there_for_a_fresh_installation():
    assert Cause.objects.filter(is_active=True).count() >= 5


def test_a_lesson_is_recorded_then_changed_with_an_event(users, complaint):
    lesson = lessons.record_lesson(
        actor=users.handler,
        complaint=complaint,
        data={"cause": cause(), "lessons": "Eerder terugbellen.", "norms": ["listening"]},
    )
    assert (lesson.cause, lesson.norms, lesson.recorded_by) == (
        cause(),
        ["listening"],
        users.handler,
    )
    lessons.record_lesson(
        actor=users.handler,
        complaint=complaint,
        data={"cause": cause("Bejegening").pk, "lessons": "", "norms": []},
    )
    assert Lesson.objects.get().cause.name == "Bejegening"
    assert Event.objects.filter(complaint=complaint, action="lesson_recorded").count() == 2


def test_a_bad_lesson_names_each_mistake_and_stores_nothing(users, complaint):
    inactive = Cause.objects.create(name="Oud", is_active=False)
    with pytest.raises(ValidationError) as error:
        lessons.record_lesson(
            actor=users.handler,
            complaint=complaint,
            data={"cause": inactive, "lessons": "x" * 10_001, "norms": ["bestaat-niet"]},
        )
    assert set(error.value.message_dict) == {"cause", "lessons", "norms"}
    assert not Lesson.objects.exists()


def test_only_who_may_handle_the_complaint_records_its_lesson(users, complaint):
    for actor in (users.other_handler, users.partner, users.viewer):
        with pytest.raises(PermissionDenied):
            lessons.record_lesson(
                actor=actor, complaint=complaint, data={"cause": cause(), "norms": []}
            )


def test_the_lesson_page_and_the_complaint_page(client, users, complaint):
    client.force_login(users.handler)
    url = f"/backoffice/leren/lessen/{complaint.pk}/"
    response = client.post(url, {"cause": "", "lessons": "Iets"})
    assert response.status_code == 400
    assert "Kies een oorzaak uit de lijst." in response.content.decode()
    assert "Iets" in response.content.decode()  # what was typed is kept
    response = client.post(
        url, {"cause": cause().pk, "lessons": "Eerder terugbellen.", "norms": ["listening"]}
    )
    assert response.status_code == 302
    page = client.get(f"/backoffice/klachten/{complaint.pk}/").content.decode()
    assert "Eerder terugbellen." in page and cause().name in page
    client.force_login(users.other_handler)
    assert client.get(url).status_code in (403, 404)


# --- measures ----------------------------------------------------------------------------


def test_the_coordinator_opens_a_measure_linked_to_a_complaint(org, users, complaint):
    measure = measures.create_measure(actor=users.coordinator, data=measure_data(org, complaint))
    assert measure.owner == org.dept_social and measure.state == Measure.State.OPEN
    assert list(measure.complaints.all()) == [complaint]
    assert measure.opened_on == date.today()
    assert Event.objects.filter(complaint=complaint, action="measure_linked").exists()


def test_a_bad_measure_names_each_mistake_and_stores_nothing(org, users):
    with pytest.raises(ValidationError) as error:
        measures.create_measure(
            actor=users.coordinator,
            data=measure_data(
                org, title=" ", due_on=None, partner=org.partner, complaints=["2099-99999"]
            ),
        )
    assert set(error.value.message_dict) == {"title", "due_on", "department", "complaints"}
    assert not Measure.objects.exists()


def test_a_handler_may_not_open_measures(org, users):
    with pytest.raises(PermissionDenied):
        measures.create_measure(actor=users.handler, data=measure_data(org))


def test_the_owner_records_progress_and_done_sets_the_closing_date(org, users):
    measure = measures.create_measure(actor=users.coordinator, data=measure_data(org))
    with pytest.raises(ValidationError) as error:
        measures.set_state(actor=users.handler, measure=measure, state="done", result="")
    assert "result" in error.value.message_dict
    measure = measures.set_state(
        actor=users.handler, measure=measure, state="done", result="Staat in het systeem."
    )
    assert (measure.state, measure.closed_on) == ("done", date.today())
    measure = measures.set_state(actor=users.coordinator, measure=measure, state="open")
    assert measure.closed_on is None
    # Not the owner: another department's handler, the partner's user.
    for actor in (users.other_handler, users.partner):
        with pytest.raises(PermissionDenied):
            measures.set_state(actor=actor, measure=measure, state="in_progress")


def test_a_partner_user_sees_only_its_partners_measures(client, org, users):
    own = measures.create_measure(
        actor=users.coordinator,
        data=measure_data(org, title="Eigen maatregel", department=None, partner=org.partner),
    )
    other = measures.create_measure(
        actor=users.coordinator,
        data=measure_data(
            org, title="Andere maatregel", department=None, partner=org.other_partner
        ),
    )
    client.force_login(users.partner)
    page = client.get("/backoffice/leren/maatregelen/?state=all").content.decode()
    assert own.title in page and other.title not in page
    assert client.get(f"/backoffice/leren/maatregelen/{other.pk}/").status_code == 404
    response = client.post(
        f"/backoffice/leren/maatregelen/{own.pk}/", {"state": "in_progress", "result": ""}
    )
    assert response.status_code == 302
    assert Measure.objects.get(pk=own.pk).state == "in_progress"
    assert client.get("/backoffice/leren/maatregelen/nieuw/").status_code == 403


def test_the_list_filters_searches_sorts_and_pages(client, org, users, settings):
    settings.VANGNET = {**settings.VANGNET, "PAGE_SIZE": 2}
    for n, days in enumerate([-3, 10, 20]):
        measures.create_measure(
            actor=users.coordinator,
            data=measure_data(org, title=f"Maatregel {n}", due_on=date.today() + timedelta(days)),
        )
    client.force_login(users.coordinator)
    overdue = client.get("/backoffice/leren/maatregelen/?state=overdue").content.decode()
    assert "Maatregel 0" in overdue and "Maatregel 1" not in overdue
    first = client.get("/backoffice/leren/maatregelen/").content.decode()
    assert "Maatregel 0" in first and "Maatregel 2" not in first
    second = client.get("/backoffice/leren/maatregelen/?page=2").content.decode()
    assert "Maatregel 2" in second
    found = client.get("/backoffice/leren/maatregelen/?q=regel+1").content.decode()
    assert "Maatregel 1" in found and "Maatregel 0" not in found
    response = client.get("/backoffice/leren/maatregelen/?state=nonsense")
    assert "Kies wat u wilt zien uit de lijst." in response.content.decode()


def test_the_create_page_keeps_input_and_prefills_the_complaint(client, org, users, complaint):
    client.force_login(users.coordinator)
    page = client.get(f"/backoffice/leren/maatregelen/nieuw/?klacht={complaint.pk}")
    assert complaint.reference in page.content.decode()
    response = client.post(
        "/backoffice/leren/maatregelen/nieuw/",
        {"title": "Iets beters", "due_on": "", "complaints": complaint.reference},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul in wanneer de maatregel klaar moet zijn." in body and "Iets beters" in body
    assert not Measure.objects.exists()


def test_the_detail_page_links_only_the_complaints_the_user_may_open(
    client, org, users, complaint, make_complaint
):
    other = make_complaint(department=org.dept_space)
    measure = measures.create_measure(
        actor=users.coordinator,
        data=measure_data(
            org,
            department=None,
            partner=org.partner,
            complaints=[complaint.reference, other.reference],
        ),
    )
    address = f"/backoffice/leren/maatregelen/{measure.pk}/"
    link = '<a class="utrecht-link utrecht-link--html-a" href="/backoffice/klachten/{}/">'
    client.force_login(users.handler)  # may open the first, not the other department's
    page = client.get(address).content.decode()
    assert link.format(complaint.pk) in page and link.format(other.pk) not in page
    assert other.reference in page
    assert "afgesproken" in page  # the course of the measure
    client.force_login(users.partner)  # the owner: references, no complaint pages
    page = client.get(address).content.decode()
    assert complaint.reference in page and link.format(complaint.pk) not in page


def test_a_strange_complaint_number_on_the_create_page_is_ignored(client, users):
    client.force_login(users.coordinator)
    for value in ("²", "9" * 30, "abc", "-1"):
        response = client.get("/backoffice/leren/maatregelen/nieuw/", {"klacht": value})
        assert response.status_code == 200
