"""An improvement measure past its due date (issue 6 acceptance): with the clock moved
past the date, it shows on its owner's overview marked late, in the coordinator's daily
digest and in an e-mail to the owner, through the outbox to a real SMTP server. The
owner's e-mail comes at most once a week per measure.

2026: Monday 13 April is the due date; Tuesday 14 April the first day it is late."""

from datetime import date

import pytest
import time_machine

from vangnet.learning.models import Measure

from .conftest import BASE_URL, at
from .test_reminders import html_of, run_on, text_of

pytestmark = pytest.mark.django_db

DUE = date(2026, 4, 13)


@pytest.fixture
def owned(org, staff):
    org.dept_social.email = "sociaal@testwijk.invalid"
    org.dept_social.save(update_fields=["email"])
    staff.partner.email = "partner@zorg.invalid"
    staff.partner.save(update_fields=["email"])
    common = {"due_on": DUE, "opened_on": date(2026, 1, 5), "created_by": staff.coordinator}
    department = Measure.objects.create(
        title="Terugbelafspraken vastleggen in het klantsysteem",
        department=org.dept_social,
        **common,
    )
    partner = Measure.objects.create(
        title="Wachttijd keukentafelgesprek terugbrengen", partner=org.partner, **common
    )
    done = Measure.objects.create(
        title="Brieven herschrijven op B1",
        department=org.dept_social,
        state=Measure.State.DONE,
        closed_on=date(2026, 4, 1),
        **common,
    )
    return department, partner, done


def overview(client, user, day: date) -> str:
    client.force_login(user)
    with time_machine.travel(at(day, 10), tick=False):
        response = client.get("/backoffice/leren/maatregelen/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_measure_past_its_due_date_reaches_its_owner_and_the_coordinator(
    owned, staff, deliver_all, client
):
    department, partner, done = owned
    # On the due day it is not late yet: no e-mail about it, not marked.
    mail = run_on(DUE, deliver_all)
    assert "sociaal@testwijk.invalid" not in mail and "partner@zorg.invalid" not in mail
    page = overview(client, staff.handler, DUE)
    assert department.title in page and "Te laat" not in page

    # The next working day it is.
    mail = run_on(date(2026, 4, 14), deliver_all)
    digest = mail["coordinator@testwijk.invalid"][0]
    for measure in (department, partner):
        assert measure.title in text_of(digest)
        assert f"{BASE_URL}/backoffice/leren/maatregelen/{measure.pk}/" in html_of(digest)
    assert done.title not in text_of(digest)
    assert "Verbetermaatregelen over de datum (2)" in text_of(digest)

    to_department = mail["sociaal@testwijk.invalid"]
    assert len(to_department) == 1
    assert department.title in text_of(to_department[0])
    assert partner.title not in text_of(to_department[0])
    to_partner = mail["partner@zorg.invalid"]
    assert partner.title in text_of(to_partner[0])
    assert department.title not in text_of(to_partner[0])

    # The owner's overview: the handler of the department, the partner's user.
    page = overview(client, staff.handler, date(2026, 4, 14))
    assert department.title in page and "Te laat: 1 dag" in page
    assert partner.title not in page  # a handler starts on their own department's
    page = overview(client, staff.partner, date(2026, 4, 14))
    assert partner.title in page and "Te laat: 1 dag" in page
    assert department.title not in page

    # The owner is not told again the next day; the coordinator's digest still lists it.
    mail = run_on(date(2026, 4, 15), deliver_all)
    assert "sociaal@testwijk.invalid" not in mail and "partner@zorg.invalid" not in mail
    assert department.title in text_of(mail["coordinator@testwijk.invalid"][0])
    # A week later it is.
    mail = run_on(date(2026, 4, 21), deliver_all)
    assert department.title in text_of(mail["sociaal@testwijk.invalid"][0])


def test_a_measure_done_in_time_is_never_in_a_reminder(owned, staff, deliver_all):
    department, partner, _done = owned
    Measure.objects.filter(pk__in=[department.pk, partner.pk]).update(
        state=Measure.State.DONE, closed_on=date(2026, 4, 10)
    )
    mail = run_on(date(2026, 4, 14), deliver_all)
    assert "sociaal@testwijk.invalid" not in mail and "partner@zorg.invalid" not in mail
    assert "coordinator@testwijk.invalid" not in mail
