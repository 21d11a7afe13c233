"""List pages run a fixed number of queries, whatever the data size (no N+1)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:complaint_list")
MY_WORK = reverse("backoffice:my_work")


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def spread(bulk_complaints, n, users, org, offset=0):
    """n complaints with varied relations and deadlines, so every column is filled."""
    today = date.today()
    per_kind = n // 4
    bulk_complaints(per_kind, handler=users.coordinator, decide_by=today - timedelta(days=2))
    bulk_complaints(per_kind, handler=users.coordinator, decide_by=today)
    bulk_complaints(per_kind, handler=users.handler, partner=org.partner, theme=org.debt)
    bulk_complaints(n - 3 * per_kind, department=org.dept_social, theme=org.public_space)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "container"},
        {"theme": "MAIN", "overdue": "on", "ordering": "-decide_by"},
    ],
    ids=["no-filters", "search", "filters"],
)
def test_complaint_list_query_count_does_not_grow(client, users, org, bulk_complaints, params):
    params = {k: (org.public_space.pk if v == "MAIN" else v) for k, v in params.items()}
    client.force_login(users.coordinator)
    spread(bulk_complaints, 10, users, org)
    client.get(LIST, params)  # warm up per-process caches (content types, ...)
    small = count_queries(client, LIST, params)
    spread(bulk_complaints, 990, users, org)
    large = count_queries(client, LIST, params)
    assert small == large, (small, large)
    assert large <= 20


def test_my_work_query_count_does_not_grow(client, users, org, bulk_complaints):
    client.force_login(users.coordinator)
    spread(bulk_complaints, 10, users, org)
    client.get(MY_WORK)
    small = count_queries(client, MY_WORK)
    spread(bulk_complaints, 990, users, org)
    large = count_queries(client, MY_WORK)
    assert small == large, (small, large)
    # 20, 1 for the copies still to send, 1 for the unread notifications, 1 for the
    # letters awaiting sign-off
    assert large <= 23


def test_my_work_of_a_partner_query_count_does_not_grow(client, users, org, bulk_complaints):
    from vangnet.complaints.models import Complaint, Forward

    def forward_all():
        Forward.objects.bulk_create(
            [
                Forward(complaint=c, partner=org.partner, forwarded_on=date.today())
                for c in Complaint.objects.exclude(forwards__partner=org.partner)
            ]
        )

    client.force_login(users.partner)
    spread(bulk_complaints, 10, users, org)
    forward_all()
    client.get(MY_WORK)
    small = count_queries(client, MY_WORK)
    spread(bulk_complaints, 990, users, org)
    forward_all()
    large = count_queries(client, MY_WORK)
    assert small == large, (small, large)
