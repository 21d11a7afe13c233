"""bench/generate.py's core function: bulk rows with valid deadlines, references and
timelines, on the test database."""

from collections import Counter

import pytest

from bench import generate as bench
from vangnet.complaints import deadlines, selectors, services
from vangnet.complaints.models import Complaint, Event, Forward, Kind, ReferenceCounter
from vangnet.complaints.workflow import State
from vangnet.core import workdays
from vangnet.core.models import User
from vangnet.demo import organisation
from vangnet.organisations.models import Municipality

pytestmark = pytest.mark.django_db

COUNT = 200


def test_generate_inserts_rows_with_valid_deadlines():
    result = bench.generate(count=COUNT, seed=7, batch_size=64)
    assert result["rows"] == COUNT
    assert (
        organisation.demo_is_loaded()
    )  # the demo organisation was loaded first, without complaints
    assert Complaint.objects.count() == COUNT

    policy = Municipality.current()
    calendar = workdays.working_calendar()
    today = deadlines.today()
    fields = ("acknowledge_by", "first_contact_by", "decline_by", "decide_by")
    years = Counter()
    for complaint in Complaint.objects.all():
        values = {name: getattr(complaint, name) for name in fields}
        if complaint.kind == Kind.COMPLAINT:
            assert (
                values
                == deadlines.compute(
                    received_on=complaint.received_on,
                    committee_on=services.committee_on(complaint),
                    policy=policy,
                    calendar=calendar,
                ).as_dict()
            )
        else:
            assert values == dict.fromkeys(fields)
        assert (complaint.state == State.CLOSED) == (complaint.closed_on is not None)
        if complaint.closed_on:
            assert complaint.received_on <= complaint.closed_on <= today
        assert complaint.reference.startswith(f"{complaint.received_on.year}-")
        assert complaint.search_text == complaint.build_search_text()
        assert complaint.created_at.date() <= today
        years[complaint.received_on.year] += 1
    for year, number in years.items():
        assert ReferenceCounter.objects.get(year=year).last_number == number

    # A timeline per complaint, starting with its registration, at the planned moments.
    first_events = Event.objects.filter(action="registered")
    assert first_events.count() == COUNT
    assert Event.objects.count() > COUNT
    for complaint in Complaint.objects.prefetch_related("events")[:50]:
        moments = [event.at for event in complaint.events.all()]
        assert moments == sorted(moments)
        assert moments[0] == complaint.created_at
    # Handlers are assigned; some complaints are forwarded.
    assert Complaint.objects.exclude(handler=None).count() > COUNT // 2
    assert Forward.objects.exists()


def test_generate_continues_numbering_and_is_deterministic():
    bench.generate(count=50, seed=3)
    first = list(Complaint.objects.order_by("id").values_list("reference", "description"))
    bench.generate(count=50, seed=3)  # appended: same content, new numbers
    second = list(Complaint.objects.order_by("id").values_list("reference", "description"))[50:]
    assert [d for _r, d in first] == [d for _r, d in second]
    references = Complaint.objects.values_list("reference", flat=True)
    assert len(set(references)) == 100


def test_partner_user_sees_forwarded_complaints():
    bench.generate(count=COUNT, seed=11)
    partner = User.objects.get(username="partner")
    for complaint in selectors.visible_complaints(partner):
        assert complaint.forwards.filter(partner=partner.partner).exists()
