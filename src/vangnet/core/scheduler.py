"""The daily jobs (reminders, partner follow-up) and the small scheduler that runs them,
so that no outside scheduler (cron, systemd timers) is needed.

- `DAILY_JOBS` names the jobs by dotted path (registered by their apps). Each is a callable
  `(*, today: date) -> int` (the number of messages it queued) that does its work in
  the caller's transaction: e-mail goes through the outbox and leaves after the commit.
- Jobs run only on working days under the Atw (not on a Saturday, Sunday, recognised
  holiday or decree day; `core.workdays.working_calendar()`), once a day, at or
  after the municipality's `reminder_hour` (Europe/Amsterdam).
- At most once per day, however many schedulers run: each job runs in one transaction
  that first inserts its `DailyRun(job, day)` row (unique). A second scheduler trying
  the same job waits on that row and then gets an IntegrityError: already done.
- A job that fails (an exception) rolls back with its row and everything it queued,
  so nothing is sent half; it is logged and tried again on the next tick (a minute
  later under `python -m vangnet scheduler`, the next run under cron) until it
  succeeds or the day is over. A job that cannot be imported (not installed yet) is
  skipped with a warning. One job failing never stops the others.
- Days on which no scheduler ran are not caught up: reminders are about today.

`python -m vangnet scheduler` runs `run_forever` (a tick a minute); `python -m vangnet
run_daily [--date YYYY-MM-DD]` runs the jobs once, for cron.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import DailyRun
from .workdays import working_calendar

logger = logging.getLogger(__name__)

#: The daily jobs by dotted path, in the order they run. The apps that own them add
#: them when Django starts (`AppConfig.ready` -> `register_daily_job`): the scheduler
#: lives in the ground layer and does not import the apps above it.
DAILY_JOBS: list[str] = []


def register_daily_job(path: str) -> None:
    """Add a daily job (a dotted path to `(*, today: date) -> int`), once."""
    if path not in DAILY_JOBS:
        DAILY_JOBS.append(path)


#: Seconds between two ticks of `run_forever`.
TICK_SECONDS = 60


class Result(StrEnum):
    DONE = "done"  # ran now and committed
    ALREADY_DONE = "already_done"  # another run (or scheduler) did it today
    FAILED = "failed"  # raised; rolled back, tried again on the next tick
    MISSING = "missing"  # cannot be imported


_reported_missing: set[str] = set()


def is_run_day(day: date) -> bool:
    """Whether daily jobs run on `day`: a working day under the Atw, decree days
    included."""
    return working_calendar().is_working_day(day)


def _resolve(path: str) -> Callable[..., int] | None:
    try:
        return import_string(path)
    except ImportError:
        if path not in _reported_missing:
            _reported_missing.add(path)
            logger.warning("Daily job %s cannot be imported; skipped", path, exc_info=True)
        return None


def run_job(path: str, *, day: date) -> tuple[Result, int]:
    """Run one daily job for `day` unless it already ran: (result, messages queued)."""
    job = _resolve(path)
    if job is None:
        return Result.MISSING, 0
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    run = DailyRun.objects.create(job=path, day=day)
            except IntegrityError:
                return Result.ALREADY_DONE, 0
            count = int(job(today=day) or 0)
            run.messages = count
            run.save(update_fields=["messages"])
    except Exception:
        logger.exception("Daily job %s for %s failed; it is tried again later", path, day)
        return Result.FAILED, 0
    logger.info("Daily job %s for %s done: %s message(s)", path, day, count)
    return Result.DONE, count


def run_daily(*, today: date, jobs: Iterable[str] | None = None) -> list[str]:
    """Run the daily jobs for `today` that have not run yet, each in its own
    transaction; nothing on a day that is not a working day. Returns the jobs that ran
    now (and were committed)."""
    jobs = list(DAILY_JOBS if jobs is None else jobs)
    if not is_run_day(today):
        return []
    done = set(DailyRun.objects.filter(day=today, job__in=jobs).values_list("job", flat=True))
    ran = []
    for path in jobs:
        if path in done:
            continue
        result, _count = run_job(path, day=today)
        if result == Result.DONE:
            ran.append(path)
    return ran


def tick(now: datetime | None = None, *, jobs: Iterable[str] | None = None) -> list[str]:
    """One look at the clock: at or after the reminder hour (Dutch time) on a working
    day, run the daily jobs that have not run today. Returns the jobs that ran now."""
    from vangnet.organisations.models import Municipality

    local = timezone.localtime(now or timezone.now())
    if local.hour < Municipality.current().reminder_hour:
        return []
    return run_daily(today=local.date(), jobs=jobs)


class Stop(Protocol):
    """What `run_forever` needs of its stop request: `core.stopping.StopSignal` (set from
    a signal handler) or a `threading.Event` (set from another thread)."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


def run_forever(*, stop: Stop, interval: float = TICK_SECONDS) -> None:
    """Tick every `interval` seconds until `stop` is set; a tick under way finishes
    first. A database that is away for a while is logged and tried again on the next
    tick."""
    logger.info("Scheduler started: daily jobs %s", ", ".join(DAILY_JOBS))
    while not stop.is_set():
        close_old_connections()  # drop a connection the database has closed meanwhile
        try:
            tick()
        except Exception:
            logger.exception("Scheduler tick failed; trying again in %s s", interval)
        stop.wait(interval)
    close_old_connections()
    logger.info("Scheduler stopped")
