"""Registrations at the same moment never share a reference (row lock on the counter)."""

import threading

import pytest
from django.db import connection, connections

from tests.conftest import complaint_data
from vangnet.complaints import services
from vangnet.complaints.models import Complaint


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_references(org, users):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks")
    workers = 6
    barrier = threading.Barrier(workers)
    references: list[str] = []
    errors: list[BaseException] = []

    def register():
        try:
            barrier.wait(timeout=10)
            complaint = services.register_complaint(
                actor=users.coordinator, data=complaint_data(org)
            )
            references.append(complaint.reference)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len(set(references)) == workers
    assert sorted(int(ref.split("-")[1]) for ref in references) == list(range(1, workers + 1))
    assert Complaint.objects.count() == workers
