"""The demo loaded once per test module (60 messages), inside a transaction that is rolled
back afterwards, so the tests of other modules still start from an empty database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

DEMO_COMPLAINTS = 60


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", complaints=DEMO_COMPLAINTS, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    """The loaded demo, for a test that runs in its own (rolled back) transaction."""
    return demo_output
