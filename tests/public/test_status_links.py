"""Status links (`vangnet.public.statuslinks`): only a hash is stored; a token resolves
while it is neither expired nor revoked; anything else resolves to None."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from vangnet.complaints import statuslinks
from vangnet.complaints.events import Action
from vangnet.complaints.models import StatusLink
from vangnet.core import tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(make_complaint):
    return make_complaint()


def test_issue_stores_only_a_hash(complaint):
    token = statuslinks.issue_status_link(complaint)
    assert len(token) == 43  # secrets.token_urlsafe(32)
    link = StatusLink.objects.get(complaint=complaint)
    assert link.token_hash == tokens.hash_token(token)
    assert token not in link.token_hash
    assert not StatusLink.objects.filter(token_hash=token).exists()
    stored = [str(value) for value in StatusLink.objects.values_list().get()]
    assert not any(token in value for value in stored)
    # The event says a link was made, never the token.
    event = complaint.events.get(action=Action.STATUS_LINK_ISSUED)
    assert event.actor is None
    assert token not in event.summary
    assert "geldig tot" in event.summary


def test_resolve_a_fresh_token(complaint):
    token = statuslinks.issue_status_link(complaint)
    link = statuslinks.resolve(token)
    assert link is not None
    assert link.complaint == complaint
    assert link.expires_at - link.created_at == timedelta(days=180)


def test_lifetime_is_configurable(complaint, settings):
    settings.VANGNET = {**settings.VANGNET, "STATUS_LINK_DAYS": 30}
    token = statuslinks.issue_status_link(complaint)
    link = statuslinks.resolve(token)
    assert link.expires_at - link.created_at == timedelta(days=30)


@pytest.mark.parametrize(
    "bad",
    [None, "", "abc", "x" * 1000, "a b" * 20, "../../etc/passwd", 12345, "é" * 43],
)
def test_malformed_tokens_resolve_to_none(complaint, bad):
    statuslinks.issue_status_link(complaint)
    assert statuslinks.resolve(bad) is None


def test_one_changed_character_resolves_to_none(complaint):
    token = statuslinks.issue_status_link(complaint)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert statuslinks.resolve(tampered) is None
    assert statuslinks.resolve(token.upper() if token != token.upper() else token.lower()) is None


def test_expired_token_resolves_to_none(complaint):
    token = statuslinks.issue_status_link(complaint)
    with time_machine.travel(timezone.now() + timedelta(days=179), tick=False):
        assert statuslinks.resolve(token) is not None
    with time_machine.travel(timezone.now() + timedelta(days=181), tick=False):
        assert statuslinks.resolve(token) is None


def test_a_new_link_leaves_the_old_one_working(complaint):
    first = statuslinks.issue_status_link(complaint)
    second = statuslinks.issue_status_link(complaint)
    assert first != second
    assert statuslinks.resolve(first) is not None
    assert statuslinks.resolve(second) is not None


def test_revoke_others_on_issue(complaint, users):
    first = statuslinks.issue_status_link(complaint)
    second = statuslinks.issue_status_link(complaint, revoke_others=True, actor=users.coordinator)
    assert statuslinks.resolve(first) is None
    assert statuslinks.resolve(second) is not None


def test_revoke_all(complaint, users):
    tokens = [statuslinks.issue_status_link(complaint) for _ in range(2)]
    assert statuslinks.revoke_all(complaint, users.coordinator) == 2
    assert all(statuslinks.resolve(token) is None for token in tokens)
    event = complaint.events.get(action=Action.STATUS_LINK_REVOKED)
    assert event.actor == users.coordinator
    assert "2" in event.summary
    assert statuslinks.summary_for_staff(complaint)["active"] == 0


def test_revoke_needs_the_coordinator(complaint, users):
    token = statuslinks.issue_status_link(complaint)
    for actor in (users.handler, users.partner, users.viewer):
        with pytest.raises(PermissionDenied):
            statuslinks.revoke_all(complaint, actor)
    assert statuslinks.resolve(token) is not None


def test_links_of_one_complaint_do_not_open_another(make_complaint):
    first = make_complaint()
    second = make_complaint()
    token = statuslinks.issue_status_link(first)
    assert statuslinks.resolve(token).complaint == first
    statuslinks.revoke_all(second, None)
    assert statuslinks.resolve(token) is not None


def test_summary_for_staff(complaint):
    token = statuslinks.issue_status_link(complaint)
    statuslinks.issue_status_link(complaint)
    summary = statuslinks.summary_for_staff(complaint)
    assert summary["active"] == 2
    assert summary["last_used_at"] is None
    assert summary["email"] == "fatima@example.invalid"
    statuslinks.mark_used(statuslinks.resolve(token))
    assert statuslinks.summary_for_staff(complaint)["last_used_at"] is not None
