"""Daily reminders by e-mail: a daily job of `vangnet.core.scheduler` (working days only,
once a day, at the municipality's reminder hour).

- To each handler (active, with an e-mail address) with open complaints that need
  attention, one e-mail listing:
  - overdue: the decision term (`decide_by`) has passed;
  - due soon: `decide_by` within the policy's "due soon" window (`due_soon_working_days`
    working days, `deadlines.due_soon_until`; the same urgency as on the screens);
  - acknowledge: still *received* and `acknowledge_by` is today or has passed;
  - first contact: still *acknowledged* and `first_contact_by` is today or has passed.
  The two policy terms are short (a few working days), so they are listed on the day
  they fall due, not during the whole window: otherwise every new complaint would be
  "due soon" from the day it arrives.
- To each active coordinator with an e-mail address, one digest: counts and (capped)
  lists of all overdue and due-soon complaints (`selectors.overdue`, `due_soon`: every
  deadline still to meet, as on the screens), open complaints without a handler,
  e-mail that failed for good (about an open complaint, or about none in the last
  `FAILED_EMAIL_DAYS` days), partner forwards escalated without a reply and
  improvement measures past their due date.
- To the owner of improvement measures past their due date (a department's e-mail
  address; a partner's active users, or else its forward address), one e-mail listing
  them; a measure is in it at most once every `MEASURE_REMINDER_DAYS` days.
Nothing is sent to whom there is nothing to say. Only references, themes, states and
dates are in the e-mail (no complainant's data); links go to the back office at the
configured base address (`core.urls`). Texts are in the register's language (Dutch).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.complaints import deadlines, selectors
from vangnet.complaints.models import Complaint, Forward
from vangnet.complaints.workflow import State
from vangnet.core import workdays
from vangnet.core.dates import long_date
from vangnet.core.i18n import register_language
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.core.urls import absolute_url
from vangnet.learning import measures
from vangnet.learning.models import Measure
from vangnet.letters import outbox, rendering
from vangnet.letters.models import OutboxMessage
from vangnet.organisations.models import Municipality

from .forwarding import coordinators_with_email

logger = logging.getLogger(__name__)

HANDLER_TEMPLATE = "reminders/handler.html"
DIGEST_TEMPLATE = "reminders/coordinator_digest.html"
#: Rows per list in the coordinator's digest; the rest is one link away.
DIGEST_LIST_LIMIT = 25
#: Failed e-mail about no complaint (a reminder, a digest) stays in the digest this long.
FAILED_EMAIL_DAYS = 7
OWNER_TEMPLATE = "reminders/measure_owner.html"
#: An overdue improvement measure is sent to its owner at most this often.
MEASURE_REMINDER_DAYS = 7


@dataclass
class HandlerReminder:
    handler: User
    overdue: list[Complaint] = field(default_factory=list)
    due_soon: list[Complaint] = field(default_factory=list)
    acknowledge: list[Complaint] = field(default_factory=list)
    first_contact: list[Complaint] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Complaints in the e-mail (one complaint may be in two lists)."""
        return len(
            {c.pk for c in self.overdue + self.due_soon + self.acknowledge + self.first_contact}
        )


@dataclass
class Digest:
    overdue: list[Complaint]
    overdue_count: int
    due_soon: list[Complaint]
    due_soon_count: int
    unassigned: list[Complaint]
    unassigned_count: int
    failed_emails: list[OutboxMessage]
    failed_email_count: int
    escalated: list[Forward]
    escalated_count: int
    overdue_measures: list = field(default_factory=list)
    overdue_measure_count: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.overdue_count
            or self.due_soon_count
            or self.unassigned_count
            or self.failed_email_count
            or self.escalated_count
            or self.overdue_measure_count
        )


def _recipients(queryset):
    return queryset.filter(is_active=True).exclude(email="")


def handler_reminders(*, today: date, until: date) -> list[HandlerReminder]:
    """What each handler must hear about today (handlers with nothing are left out)."""
    decide_overdue = Q(decide_by__lt=today)
    decide_soon = Q(decide_by__gte=today, decide_by__lte=until)
    acknowledge = Q(state=State.RECEIVED, acknowledge_by__lte=today)
    first_contact = Q(state=State.ACKNOWLEDGED, first_contact_by__lte=today)
    complaints = (
        selectors.open_complaints(Complaint.objects.all())
        .filter(handler__in=_recipients(User.objects.all()))
        .filter(decide_overdue | decide_soon | acknowledge | first_contact)
        .select_related("handler", "theme")
        .order_by("handler_id", "decide_by", "id")
    )
    reminders: dict[int, HandlerReminder] = {}
    for complaint in complaints:
        reminder = reminders.setdefault(
            complaint.handler_id, HandlerReminder(handler=complaint.handler)
        )
        if complaint.decide_by and complaint.decide_by < today:
            reminder.overdue.append(complaint)
        elif complaint.decide_by and complaint.decide_by <= until:
            reminder.due_soon.append(complaint)
        ack_by, contact_by = complaint.acknowledge_by, complaint.first_contact_by
        if complaint.state == State.RECEIVED and ack_by and ack_by <= today:
            reminder.acknowledge.append(complaint)
        if complaint.state == State.ACKNOWLEDGED and contact_by and contact_by <= today:
            reminder.first_contact.append(complaint)
    for reminder in reminders.values():
        reminder.acknowledge.sort(key=lambda c: (c.acknowledge_by, c.pk))
        reminder.first_contact.sort(key=lambda c: (c.first_contact_by, c.pk))
    return list(reminders.values())


def coordinator_digest(*, today: date, until: date) -> Digest:
    """The coordinator's daily overview, the same for every coordinator."""
    limit = DIGEST_LIST_LIMIT
    open_ = selectors.open_complaints(Complaint.objects.all()).select_related("theme", "handler")
    overdue = selectors.overdue(open_, on=today).order_by("decide_by", "id")
    due_soon = selectors.due_soon(open_, on=today, until=until).order_by("decide_by", "id")
    unassigned = open_.filter(handler__isnull=True).order_by("received_on", "id")
    since = today - timedelta(days=FAILED_EMAIL_DAYS)
    failed = (
        OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED)
        .filter(
            Q(complaint__in=selectors.open_complaints(Complaint.objects.all()))
            | Q(complaint__isnull=True, created_at__date__gte=since)
        )
        .select_related("complaint")
        .order_by("-created_at", "-id")
    )
    escalated = (
        Forward.objects.filter(escalated_on__isnull=False, replied_at__isnull=True)
        .select_related("complaint", "partner")
        .order_by("escalated_on", "id")
    )
    late_measures = measures.overdue(Measure.objects.all(), on=today).select_related(
        "department", "partner"
    )
    late_measures = late_measures.order_by("due_on", "id")
    return Digest(
        overdue_measures=list(late_measures[:limit]),
        overdue_measure_count=late_measures.count(),
        overdue=list(overdue[:limit]),
        overdue_count=overdue.count(),
        due_soon=list(due_soon[:limit]),
        due_soon_count=due_soon.count(),
        unassigned=list(unassigned[:limit]),
        unassigned_count=unassigned.count(),
        failed_emails=list(failed[:limit]),
        failed_email_count=failed.count(),
        escalated=list(escalated[:limit]),
        escalated_count=escalated.count(),
    )


def send_daily_reminders(*, today: date) -> int:
    """Queue today's reminders to handlers and the digest to coordinators (a daily job:
    `vangnet.core.scheduler`). Returns the number of e-mails queued."""
    policy = Municipality.current()
    until = deadlines.due_soon_until(on=today, policy=policy, calendar=workdays.working_calendar())
    links = _Links()
    sent = 0
    for reminder in handler_reminders(today=today, until=until):
        links.add_to(
            reminder.overdue + reminder.due_soon + reminder.acknowledge + reminder.first_contact
        )
        with register_language():
            subject = ngettext(
                "Herinnering: %(count)s klacht vraagt uw aandacht",
                "Herinnering: %(count)s klachten vragen uw aandacht",
                reminder.count,
            ) % {"count": reminder.count}
            context = {
                "subject": subject,
                "municipality": policy,
                "today": today,
                "until": until,
                "reminder": reminder,
                "user": reminder.handler,
                "links": links,
            }
            html = rendering.render_html(HANDLER_TEMPLATE, context)
        sent += _queue(to=reminder.handler.email, subject=subject, html=html)

    digest = coordinator_digest(today=today, until=until)
    if not digest.is_empty:
        links.add_to(digest.overdue + digest.due_soon + digest.unassigned)
        links.add_to([message.complaint for message in digest.failed_emails])
        links.add_to([forward.complaint for forward in digest.escalated])
        for coordinator in coordinators_with_email():
            with register_language():
                subject = _("Dagoverzicht klachten %(date)s") % {"date": long_date(today)}
                context = {
                    "subject": subject,
                    "municipality": policy,
                    "today": today,
                    "until": until,
                    "digest": digest,
                    "user": coordinator,
                    "links": links,
                }
                html = rendering.render_html(DIGEST_TEMPLATE, context)
            sent += _queue(to=coordinator.email, subject=subject, html=html)
    sent += send_measure_reminders(today=today, links=links, policy=policy)
    return sent


def _owner_addresses(measure) -> list[str]:
    if measure.department_id:
        return [measure.department.email] if measure.department.email else []
    users = _recipients(User.objects.filter(partner_id=measure.partner_id))
    addresses = sorted({user.email for user in users if user.has_role(Role.PARTNER)})
    if not addresses and measure.partner.forward_address:
        addresses = [measure.partner.forward_address]
    return addresses


def send_measure_reminders(*, today: date, links, policy) -> int:
    """One e-mail per owner of improvement measures past their due date that were not
    sent to it in the last `MEASURE_REMINDER_DAYS` days; marks them sent."""
    due = (
        measures.overdue(Measure.objects.all(), on=today)
        .filter(
            Q(reminded_on__isnull=True)
            | Q(reminded_on__lte=today - timedelta(days=MEASURE_REMINDER_DAYS))
        )
        .select_related("department", "partner")
        .order_by("due_on", "id")
    )
    by_owner: dict[tuple, list] = {}
    for measure in due:
        by_owner.setdefault((measure.department_id, measure.partner_id), []).append(measure)
    sent = 0
    for owned in by_owner.values():
        owner = owned[0].owner
        for measure in owned:
            measure.url = links.absolute(reverse("learning:measure_detail", args=[measure.pk]))
        with register_language():
            subject = ngettext(
                "Verbetermaatregel over de datum: %(owner)s",
                "%(count)s verbetermaatregelen over de datum: %(owner)s",
                len(owned),
            ) % {"count": len(owned), "owner": owner}
            html = rendering.render_html(
                OWNER_TEMPLATE,
                {
                    "subject": subject,
                    "municipality": policy,
                    "today": today,
                    "owner": owner,
                    "measures": owned,
                    "overview": links.absolute(reverse("learning:measures")) + "?owner=mine",
                },
            )
        delivered = sum(
            _queue(to=address, subject=subject, html=html) for address in _owner_addresses(owned[0])
        )
        if delivered:
            Measure.objects.filter(pk__in=[m.pk for m in owned]).update(reminded_on=today)
        sent += delivered
    return sent


def _queue(*, to: str, subject: str, html: str) -> int:
    """One e-mail into the outbox; a recipient whose stored address the outbox refuses
    is logged and skipped, so the others still get theirs."""
    try:
        with transaction.atomic():
            outbox.queue(to=to, subject=subject, text=rendering.html_to_text(html), html=html)
    except Exception:
        logger.exception("Reminder to %s not queued", to)
        return 0
    return 1


class _Links:
    """Absolute back-office links for e-mail sent without a request."""

    def __init__(self) -> None:
        list_url = reverse("backoffice:complaint_list")
        self.my_work = self.absolute(reverse("backoffice:my_work"))
        self.overdue = self.absolute(f"{list_url}?kind=complaint&overdue=on&ordering=decide_by")
        self.due_soon = self.absolute(f"{list_url}?kind=complaint&due_soon=on&ordering=decide_by")
        self.unassigned = self.absolute(f"{list_url}?kind=complaint&unassigned=on")
        self.measures = self.absolute(reverse("learning:measures"))

    def absolute(self, path: str) -> str:
        return absolute_url(path)

    def add_to(self, complaints) -> None:
        """Give each complaint its `backoffice_url` for the template."""
        for complaint in complaints:
            if complaint is not None:
                complaint.backoffice_url = self.absolute(
                    reverse("backoffice:complaint_detail", args=[complaint.pk])
                )
