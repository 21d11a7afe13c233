"""The list runs a fixed number of queries, whatever the number of complaints."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from vangnet.complaints.models import Channel, Complaint, Forward, Kind
from vangnet.handling.guard import perform

from .conftest import COMPLAINTS_URL

pytestmark = pytest.mark.django_db

SIZES = (10, 1_000)


def bulk_complaints(org, users, start: int, count: int) -> None:
    """`count` complaints straight into the table, varied over themes, departments,
    partners and handlers, each forwarded to the partner."""
    themes = [org.debt, org.waste, org.social]
    departments = [org.dept_social, org.dept_space]
    handlers = [users.handler, users.other_handler, None]
    today = date.today()
    complaints = []
    for n in range(start, start + count):
        received = today - timedelta(days=(n * 7) % 300)
        complaints.append(
            Complaint(
                reference=f"2026-{n + 1:05d}",
                search_text=f"2026-{n + 1:05d}\nklacht nummer {n}",
                kind=Kind.COMPLAINT,
                received_on=received,
                channel=Channel.values[n % len(Channel.values)],
                body=org.college,
                theme=themes[n % 3],
                department=departments[n % 2],
                partner=org.partner if n % 5 == 0 else None,
                handler=handlers[n % 3],
                description=f"Klacht nummer {n}.",
                decide_by=received + timedelta(weeks=6),
            )
        )
    created = Complaint.objects.bulk_create(complaints)
    Forward.objects.bulk_create(
        Forward(complaint=c, partner=org.partner, forwarded_on=today) for c in created
    )


def count_list_queries(user, params) -> tuple[int, int]:
    """(queries, rows) of one list request, authenticated with a token (no cached user)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(COMPLAINTS_URL, params)
    assert response.status_code == 200, response.json()
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("role", ["coordinator", "handler", "partner"])
@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 200},
        {"page_size": 200, "theme": "SOCIAL", "ordering": "decide_by", "q": "klacht"},
        {"page_size": 200, "overdue": "true", "unassigned": "true"},
    ],
    ids=["plain", "filtered", "urgency"],
)
def test_list_queries_do_not_grow_with_the_data(org, users, role, params):
    user = getattr(users, role)
    if params.get("theme") == "SOCIAL":
        params = {**params, "theme": org.social.pk}
    measured = []
    bulk_complaints(org, users, 0, SIZES[0])
    measured.append(count_list_queries(user, params))
    bulk_complaints(org, users, SIZES[0], SIZES[1] - SIZES[0])
    measured.append(count_list_queries(user, params))

    (small, small_rows), (large, large_rows) = measured
    assert 0 < small_rows < large_rows
    assert small == large, f"{role}: {small} queries for {SIZES[0]}, {large} for {SIZES[1]}"
    print(f"{role} {params}: {small} queries ({small_rows} / {large_rows} rows)")


def test_page_size_is_capped_at_200(org, users):
    bulk_complaints(org, users, 0, 250)
    client = APIClient()
    client.force_authenticate(users.coordinator)

    response = client.get(COMPLAINTS_URL, {"page_size": 500})

    assert len(response.json()["results"]) == 200
    assert response.json()["count"] == 250
    assert len(client.get(COMPLAINTS_URL).json()["results"]) == 50


# --- The detail -------------------------------------------------------------------------


def add_records(complaint, org, users, count: int) -> None:
    """`count` of each of the procedure's records, straight into the tables."""
    from vangnet.complaints.events import log
    from vangnet.complaints.models import (
        Contact,
        Contribution,
        Decision,
        JointDiscussion,
        JudgmentPart,
        Postponement,
    )
    from vangnet.letters.models import Letter

    today = date.today()
    handler = users.handler
    for n in range(count):
        Contact.objects.create(
            complaint=complaint,
            contacted_on=today,
            channel="phone",
            notes=f"Gesprek {n}",
            recorded_by=handler,
        )
        decision = Decision.objects.create(
            complaint=complaint,
            decided_on=today,
            findings="B",
            conclusions="C",
            decided_by=handler,
        )
        JudgmentPart.objects.bulk_create(
            JudgmentPart(
                decision=decision,
                position=p,
                summary="S",
                judgment="well_founded",
                norms=["listening"],
                reasoning="R",
            )
            for p in range(1, 4)
        )
        Postponement.objects.create(
            complaint=complaint,
            kind=Postponement.Kind.CONSENT,
            previous_due=today + timedelta(days=n),
            new_due=today + timedelta(days=n + 1),
            reason="R",
            consent_on=today,
            recorded_by=handler,
        )
        Contribution.objects.create(
            complaint=complaint,
            partner=org.partner if n % 2 else None,
            department=None if n % 2 else org.dept_social,
            received_on=today,
            text="T",
            recorded_by=handler,
        )
        JointDiscussion.objects.create(
            complaint=complaint,
            held_on=today,
            participants="P",
            agreements="A",
            recorded_by=handler,
        )
        Letter.objects.create(
            complaint=complaint,
            kind="acknowledgement",
            subject="S",
            html="<p>x</p>",
            sent_to="post",
        )
        log(complaint=complaint, actor=handler, action="note_added", summary=f"Notitie {n}")


def count_detail_queries(user, pk) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{COMPLAINTS_URL}{pk}/")
    assert response.status_code == 200, response.json()
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "handler", "partner"])
def test_detail_queries_do_not_grow_with_the_records(org, users, make_complaint, role):
    from vangnet.complaints.models import Hearing, SubjectType

    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION, involved_partners=[org.partner, org.other_partner]
    )
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    Hearing.objects.create(complaint=complaint, location="Stadhuis")
    user = getattr(users, role)

    add_records(complaint, org, users, 1)
    few = count_detail_queries(user, complaint.pk)
    add_records(complaint, org, users, 10)
    many = count_detail_queries(user, complaint.pk)

    assert few == many, f"{role}: {few} queries with 1 of each record, {many} with 11"
    assert many <= 40, many
    print(f"detail as {role}: {many} queries")
