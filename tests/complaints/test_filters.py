"""The shared list filter: yes/no parameters are read strictly, so a typo is an error
instead of silently meaning 'yes'."""

import pytest

from vangnet.complaints import selectors
from vangnet.complaints.filters import ComplaintFilter


def filtered(user, params):
    f = ComplaintFilter(params, queryset=selectors.visible_complaints(user))
    return f, (list(f.qs) if f.is_valid() else None)


@pytest.mark.parametrize("word", ["1", "true", "on", "yes", "True", "ja"])
def test_yes_words_filter(make_complaint, users, word):
    unassigned = make_complaint()
    assigned = make_complaint()
    from vangnet.complaints import services

    services.assign_handler(actor=users.coordinator, complaint=assigned, handler=users.handler)
    _f, rows = filtered(users.coordinator, {"unassigned": word})
    assert rows == [unassigned]


@pytest.mark.parametrize("word", ["0", "false", "off", "no", ""])
def test_no_words_do_not_filter(make_complaint, users, word):
    make_complaint()
    make_complaint()
    _f, rows = filtered(users.coordinator, {"unassigned": word, "overdue": word})
    assert len(rows) == 2


def test_nonsense_is_an_error(users):
    f, rows = filtered(users.coordinator, {"overdue": "misschien"})
    assert rows is None
    assert "overdue" in f.errors
    assert "misschien" in f.errors["overdue"][0]


def test_open_state_means_received_or_in_progress(make_complaint, users):
    from vangnet.complaints import services
    from vangnet.complaints.workflow import Outcome, State

    received = make_complaint()
    started = make_complaint()
    services.transition(actor=users.coordinator, complaint=started, target=State.IN_PROGRESS)
    closed = make_complaint()
    services.transition(
        actor=users.coordinator, complaint=closed, target=State.CLOSED, outcome=Outcome.WITHDRAWN
    )
    _f, rows = filtered(users.coordinator, {"state": "open"})
    assert set(rows) == {received, started}
    _f, rows = filtered(users.coordinator, {"state": "closed"})
    assert rows == [closed]
