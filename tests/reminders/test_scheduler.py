"""The scheduler of the daily jobs: working days only (weekends, Atw holidays and decree
days skipped), at or after the reminder hour, once per day however many schedulers run,
a failing job rolled back and tried again without stopping the others. The clock is
moved with time-machine; expected dates are worked out by hand in the comments."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from vangnet.complaints.workflow import State
from vangnet.core import scheduler
from vangnet.core.models import DailyRun, DecreeDay
from vangnet.letters.models import OutboxMessage

from .conftest import at

REMINDERS = "vangnet.handling.reminders.send_daily_reminders"
HERE = __name__

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_for_handler(received, staff):
    """A complaint of the handler that is overdue from 25 March 2026 on: received Tuesday
    10 February, six weeks later is Tuesday 24 March (a working day)."""
    complaint = received(date(2026, 2, 10), handler=staff.handler, state=State.IN_PROGRESS)
    assert complaint.decide_by == date(2026, 3, 24)
    return complaint


def reminders_on(day: date, *, hour: int = 8, jobs=(REMINDERS,)) -> list[str]:
    with time_machine.travel(at(day, hour), tick=False):
        return scheduler.tick(jobs=list(jobs))


def test_easter_weekend_no_run_on_good_friday_weekend_or_easter_monday(
    overdue_for_handler, staff, deliver_all
):
    ran_on = {}
    day = date(2026, 4, 2)  # Thursday before Good Friday
    while day <= date(2026, 4, 8):
        with time_machine.travel(at(day, 8), tick=False):
            ran_on[day] = scheduler.tick(jobs=[REMINDERS])
            mail = deliver_all()
        ran_on[day] = (ran_on[day], sorted(mail))
        day += timedelta(days=1)

    handler = staff.handler.email
    assert ran_on == {
        date(2026, 4, 2): ([REMINDERS], [staff.coordinator.email, handler]),  # Thursday
        date(2026, 4, 3): ([], []),  # Good Friday (Atw art. 3 lid 2)
        date(2026, 4, 4): ([], []),  # Saturday
        date(2026, 4, 5): ([], []),  # Easter Sunday
        date(2026, 4, 6): ([], []),  # Easter Monday
        date(2026, 4, 7): ([REMINDERS], [staff.coordinator.email, handler]),  # Tuesday
        date(2026, 4, 8): ([REMINDERS], [staff.coordinator.email, handler]),  # Wednesday
    }
    assert sorted(DailyRun.objects.values_list("day", flat=True)) == [
        date(2026, 4, 2),
        date(2026, 4, 7),
        date(2026, 4, 8),
    ]


@pytest.mark.parametrize(
    "first_day, next_working_day",
    [
        # King's Day, Monday 27 April 2026 (the 27th is not a Sunday this year).
        (date(2026, 4, 25), date(2026, 4, 28)),
        # Liberation Day, Tuesday 5 May: every year under the Atw, not only in lustrum years.
        (date(2026, 5, 5), date(2026, 5, 6)),
        # Ascension Day, Thursday 14 May, then Friday 15 May as a decree day, then the weekend.
        (date(2026, 5, 14), date(2026, 5, 18)),
        # Whit Monday, 25 May (after the weekend of Whit Sunday).
        (date(2026, 5, 23), date(2026, 5, 26)),
        # Christmas on Friday 25 December, Boxing Day on Saturday; New Year's Day on Friday.
        (date(2026, 12, 25), date(2026, 12, 28)),
        (date(2027, 1, 1), date(2027, 1, 4)),
    ],
)
def test_no_run_on_a_holiday_then_once_on_the_next_working_day(
    overdue_for_handler, staff, deliver_all, first_day, next_working_day
):
    DecreeDay.objects.create(date=date(2026, 5, 15), description="Vrijdag na Hemelvaart")
    day = first_day
    while day < next_working_day:
        for hour in (7, 12, 23):
            assert reminders_on(day, hour=hour) == [], day
        day += timedelta(days=1)
    assert not DailyRun.objects.exists()
    with time_machine.travel(at(next_working_day, 8), tick=False):
        assert deliver_all() == {}

    assert reminders_on(next_working_day, hour=7) == [REMINDERS]
    assert reminders_on(next_working_day, hour=8) == []
    assert reminders_on(next_working_day, hour=23) == []
    with time_machine.travel(at(next_working_day, 23), tick=False):
        mail = deliver_all()
    assert len(mail[staff.handler.email]) == 1
    assert len(mail[staff.coordinator.email]) == 1
    run = DailyRun.objects.get()
    assert (run.job, run.day, run.messages) == (REMINDERS, next_working_day, 2)


def test_runs_at_or_after_the_reminder_hour_dutch_time(org, overdue_for_handler):
    org.municipality.reminder_hour = 9
    org.municipality.save()
    tuesday = date(2026, 4, 7)

    assert scheduler.tick(at(tuesday, 0, 0), jobs=[REMINDERS]) == []
    assert scheduler.tick(at(tuesday, 8, 59), jobs=[REMINDERS]) == []
    # 07:00 UTC is 09:00 in Amsterdam in April (summer time).
    assert scheduler.tick(datetime(2026, 4, 7, 7, 0, tzinfo=UTC), jobs=[REMINDERS]) == [REMINDERS]
    assert scheduler.tick(at(tuesday, 9, 1), jobs=[REMINDERS]) == []
    # Next day before the hour: nothing yet; a late start (say 16:00) still runs.
    assert scheduler.tick(at(tuesday + timedelta(days=1), 8, 0), jobs=[REMINDERS]) == []
    assert scheduler.tick(at(tuesday + timedelta(days=1), 16, 0), jobs=[REMINDERS]) == [REMINDERS]
    # In winter 08:00 UTC is 09:00 in Amsterdam.
    assert scheduler.tick(datetime(2026, 12, 1, 7, 59, tzinfo=UTC), jobs=[REMINDERS]) == []
    assert scheduler.tick(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), jobs=[REMINDERS]) == [REMINDERS]


def test_the_default_jobs_are_the_reminders_and_the_partner_follow_up(org):
    assert scheduler.DAILY_JOBS == [
        REMINDERS,
        "vangnet.handling.forwarding.remind_partners",
        "vangnet.notifications.warnings.warn_deadlines",
        "vangnet.notifications.digest.send_digests",
    ]
    with time_machine.travel(at(date(2026, 4, 7), 8), tick=False):
        ran = scheduler.tick()
    assert REMINDERS in ran
    assert set(DailyRun.objects.values_list("job", flat=True)) == set(ran)


# --- failures -------------------------------------------------------------------------

CALLS: list[str] = []


def failing_job(*, today: date) -> int:
    """Queues an e-mail, then fails: nothing of it may remain."""
    from vangnet.letters import outbox

    CALLS.append("failing")
    outbox.queue(to="x@testwijk.invalid", subject="Half werk", text="…")
    if len([call for call in CALLS if call == "failing"]) < 2:
        raise RuntimeError("boom")
    return 1


def counting_job(*, today: date) -> int:
    CALLS.append("counting")
    return 0


@pytest.fixture
def calls():
    CALLS.clear()
    yield CALLS
    CALLS.clear()


def test_a_failing_job_is_rolled_back_retried_and_does_not_stop_the_others(org, calls):
    jobs = [f"{HERE}.failing_job", "vangnet.complaints.nope.not_there", f"{HERE}.counting_job"]
    monday = date(2026, 4, 13)

    assert scheduler.tick(at(monday, 8, 0), jobs=jobs) == [f"{HERE}.counting_job"]
    assert calls == ["failing", "counting"]
    assert list(DailyRun.objects.values_list("job", flat=True)) == [f"{HERE}.counting_job"]
    assert not OutboxMessage.objects.exists()  # the failed job's e-mail was rolled back

    # The next tick tries the failed job again (and only that one); now it succeeds.
    assert scheduler.tick(at(monday, 8, 1), jobs=jobs) == [f"{HERE}.failing_job"]
    assert calls == ["failing", "counting", "failing"]
    assert OutboxMessage.objects.get().subject == "Half werk"
    assert scheduler.tick(at(monday, 8, 2), jobs=jobs) == []
    assert DailyRun.objects.get(job=f"{HERE}.failing_job").messages == 1


def slow_job(*, today: date) -> int:
    CALLS.append(threading.current_thread().name)
    time.sleep(0.5)
    return 0


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_run_a_job_once(org, calls):
    job = f"{HERE}.slow_job"
    now = at(date(2026, 4, 7), 7, 0)
    start = threading.Barrier(2)
    results = {}

    def run(name):
        try:
            start.wait()
            results[name] = scheduler.tick(now, jobs=[job])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,), name=name) for name in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [[], [job]]
    assert len(calls) == 1
    assert DailyRun.objects.filter(job=job, day=date(2026, 4, 7)).count() == 1


# --- the commands ---------------------------------------------------------------------


def test_run_daily_command_for_cron(overdue_for_handler, capsys):
    call_command("run_daily", "--date", "2026-04-06")
    assert "not a working day" in capsys.readouterr().out
    assert not DailyRun.objects.exists()

    with time_machine.travel(at(date(2026, 4, 7), 6), tick=False):  # before the hour: cron decides
        call_command("run_daily")
    out = capsys.readouterr().out
    assert f"2026-04-07 {REMINDERS}: done (2)" in out
    call_command("run_daily", "--date", "2026-04-07")
    assert f"2026-04-07 {REMINDERS}: already_done" in capsys.readouterr().out
    assert DailyRun.objects.filter(job=REMINDERS).count() == 1

    with pytest.raises(CommandError):
        call_command("run_daily", "--date", "7-4-2026")


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_command_ticks_and_stops_on_sigterm(org):
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "VANGNET_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "vangnet.settings",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "vangnet", "scheduler", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if "Scheduler running" in line or not line:
                break
        time.sleep(1)  # a few ticks
        assert process.poll() is None  # still running
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = process.stdout.read()
    assert "Traceback" not in output
