"""Carrying the plans out: every plan's registration and steps in one time line, in
the order of their moments, each through the services (`steps.perform`) under
`deadlines.as_of(its day)`, so the rules that look at today (9:8's four weeks, 9:11's
due date, dates not in the future) judge the step's own day. The daily partner
follow-up (`forwarding.remind_partners`) runs on the working days it would have run.
Afterwards the timestamps move to the plan (`clock`), the letters' PDFs are made
(`pdfpool`) and the demo's e-mail is marked as sent."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import models

from vangnet.complaints import deadlines, services
from vangnet.complaints.models import Complaint, Forward
from vangnet.complaints.workflow import OPEN_STATES
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.handling import forwarding
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.notifications.models import Notification

from .clock import Clock, move_timestamps
from .organisation import Org
from .pdfpool import PdfPool
from .plans import TZ, Plan
from .steps import leave_waiting_for_signoff, perform


def _partner_job_days(plans: list[Plan], org: Org, today: date) -> list[date]:
    """The working days on which the daily partner follow-up may have work: from the
    first forward to today."""
    forwarded = [step.day for plan in plans for step in plan.forwards]
    if not forwarded:
        return []
    day, days = min(forwarded), []
    while day <= today:
        if org.calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _registration_parts(plan: Plan, index: int) -> list[dict] | None:
    """Every other complaint that will be decided is divided into its parts when it is
    registered by staff; the rest gets them just before the decision (`steps`)."""
    if plan.registrar is None or index % 2:
        return None
    decide = next((s for s in plan.handling if s.action == ProcedureStep.DECIDE), None)
    if decide is None:
        return None
    return [{"description": part["summary"]} for part in decide.data["parts"]]


def execute_plans(plans: list[Plan], org: Org, *, today: date) -> list[Complaint]:
    """Carry out every plan's registration and steps in one time line, in the order of
    their moments, each under `deadlines.as_of(its day)`, with the daily partner
    follow-up on the working days it would have run. Then move the timestamps to the
    plan and mark the e-mail as sent. Returns the complaints in the order of `plans`."""
    hour = org.municipality.reminder_hour
    timeline: list[tuple] = []
    for index, plan in enumerate(plans):
        timeline.append((plan.registered_at, index, -1, plan, None))
        timeline += [(step.at, index, n, plan, step) for n, step in enumerate(plan.handling)]
    for day in _partner_job_days(plans, org, today):
        timeline.append((datetime.combine(day, time(hour, 0), TZ), -1, -1, None, day))
    timeline.sort(key=lambda item: item[:3])

    first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
    first_notification = first_notification or 0
    first_message = (
        OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()
    ) or 0
    clock = Clock()
    complaints: dict[int, Complaint] = {}
    waiting = Forward.objects.filter(
        replied_at__isnull=True, complaint__state__in=OPEN_STATES
    ).filter(models.Q(reminded_on__isnull=True) | models.Q(escalated_on__isnull=True))
    first_letter = Letter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for at, index, _n, plan, step in timeline:
        if plan is None:  # the daily partner follow-up (scheduler.DAILY_JOBS)
            day = step
            if waiting.filter(reply_due_on__lt=day).exists():
                with deadlines.as_of(day), clock.step(at):
                    forwarding.remind_partners(today=day)
            continue
        if step is None:
            with deadlines.as_of(plan.received_on), clock.step(at):
                complaints[index] = services.register_complaint(
                    actor=org.users[plan.registrar] if plan.registrar else None,
                    data=plan.data,
                    involved_partners=plan.involved,
                    parts=_registration_parts(plan, index),
                )
            continue
        with deadlines.as_of(step.day), clock.step(at):
            perform(step, complaints[index], org)

    with deadlines.as_of(today):
        leave_waiting_for_signoff(list(complaints.values()))
    # The letters' PDFs (a task makes each after its step commits) are made now, on
    # the other cores, so the loaded demo is complete (see pdfpool.py).
    PdfPool().make_pdfs(Letter.objects.filter(pk__gt=first_letter, pdf=""))
    move_timestamps(clock)
    # The demo's e-mail (acknowledgements, letters, forwards, surveys: over a thousand
    # messages) belongs to its invented past and must not be delivered when `make run`
    # starts the worker: it is marked as sent at the moment of its step, as if the
    # worker had delivered it then. (The delivery tasks queued for it on commit find
    # it sent and do nothing.)
    OutboxMessage.objects.filter(pk__gt=first_message).update(
        state=OutboxMessage.State.SENT,
        sent_at=models.F("created_at"),
        attempts=1,
        next_attempt_at=None,
        last_error="",
    )
    _settle_notifications(first_notification, today)
    ordered = [complaints[index] for index in range(len(plans))]
    _check(plans, ordered)
    return ordered


#: Notifications of the demo's last days stay unread; older ones were read then.
UNREAD_DAYS = 14


def _settle_notifications(first: int, today: date) -> None:
    """The staff's notifications belong to the invented past too: those in the digest
    count as digested (no digest of two years the next morning), and all but the last
    `UNREAD_DAYS` days' were read."""
    made = Notification.objects.filter(pk__gt=first)
    made.filter(digested_at__isnull=True).update(digested_at=models.F("created_at"))
    since = datetime.combine(today - timedelta(days=UNREAD_DAYS), time.min, tzinfo=TZ)
    made.filter(read_at__isnull=True, created_at__lt=since).update(read_at=models.F("created_at"))


def _check(plans: list[Plan], complaints: list[Complaint]) -> None:
    """The register ends where the plans said (a drift between planner and procedure
    shows here rather than as odd demo data)."""
    stored = dict(
        Complaint.objects.filter(pk__in=[c.pk for c in complaints]).values_list("pk", "state")
    )
    wrong = [
        (complaint.pk, plan.state, stored[complaint.pk])
        for plan, complaint in zip(plans, complaints, strict=True)
        if stored[complaint.pk] != plan.state
    ]
    if wrong:  # pragma: no cover
        raise RuntimeError(f"Demo complaints not in their planned state: {wrong[:5]}")
