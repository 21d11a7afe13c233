"""The shared list filter: yes/no parameters are read strictly, so a typo is an error
instead of silently meaning 'yes'."""

import pytest

from vangnet.complaints import selectors
from vangnet.complaints.filters import ComplaintFilter
from vangnet.handling.guard import perform


def filtered(user, params):
    f = ComplaintFilter(params, queryset=selectors.visible_complaints(user))
    return f, (list(f.qs) if f.is_valid() else None)


@pytest.mark.parametrize("word", ["1", "true", "on", "yes", "True", "ja"])
def test_yes_words_filter(make_complaint, users, word):
    unassigned = make_complaint()
    assigned = make_complaint()

    perform("assign", actor=users.coordinator, complaint=assigned, data={"handler": users.handler})
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


def test_open_state_means_not_closed(make_complaint, users):
    from vangnet.complaints.workflow import State, Step

    received = make_complaint()
    started = perform(
        Step.ACKNOWLEDGE, actor=users.coordinator, complaint=make_complaint(), data={}
    ).complaint
    assert started.state == State.ACKNOWLEDGED
    closed = perform(
        Step.WITHDRAW,
        actor=users.coordinator,
        complaint=make_complaint(),
        data={"note": "Ingetrokken aan de telefoon."},
    ).complaint
    _f, rows = filtered(users.coordinator, {"state": "open"})
    assert set(rows) == {received, started}
    _f, rows = filtered(users.coordinator, {"state": "closed"})
    assert rows == [closed]
