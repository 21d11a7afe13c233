"""The scheduler and the task worker stop within seconds on SIGTERM and SIGINT, whenever
the signal comes, and stopping `make run` leaves no process behind.

The scheduler's handler used to call `threading.Event.set()` while the main thread sat in
`Event.wait()` on the same (non-reentrant) lock, and hung for good; now it only sets a
flag and writes to a self-pipe (`core.stopping.StopSignal`). The worker is django-tasks'
own `db_worker` (its handler sets a flag, or exits at once when no task runs), tested here
as it is started.

How many times: `STOP_TEST_ROUNDS` processes of each command (default 6; started side by
side, four at a time; each sent a burst of one to five signals at a random moment, a
quarter of them while still starting up), and 300 rounds of the scheduler's loop in one
process. The acceptance run of issue 14 ("a hundred times") is `STOP_TEST_ROUNDS=50`:
100 processes in all."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.smtp import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("STOP_TEST_ROUNDS", "6"))
BATCH = 4  # processes started side by side
# Seconds from the first signal to the exit. The figure is 5 s
# (`STOP_TEST_ROUNDS=50 STOP_WITHIN=5` runs 100 processes against it); by default the
# suite allows more, as CI may share the cores: a hang, not a slow machine, fails it.
STOP_WITHIN = float(os.environ.get("STOP_WITHIN", "15"))
STARTUP = 90.0  # seconds a process may take to start on a busy machine

pytestmark = pytest.mark.django_db(transaction=True)


def environment() -> dict[str, str]:
    """The test database for a `python -m vangnet` child, in development mode."""
    database = settings.DATABASES["default"]
    return {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "VANGNET_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "vangnet.settings",
    }


def wait_for(path: Path, text: str, process: subprocess.Popen, timeout: float = STARTUP):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        assert process.poll() is None, path.read_text(errors="replace")
        time.sleep(0.02)
    raise AssertionError(f"{text!r} not seen in {timeout} s")


def stop_at_random(process, log: Path, ready: str, rng: random.Random, outcome: dict):
    """Send `process` a burst of SIGTERM/SIGINT at a random moment; note how it ended."""
    early = rng.random() < 0.25  # while Django is still starting up
    if early:
        time.sleep(rng.uniform(0, 1.0))
    else:
        wait_for(log, ready, process)
        time.sleep(rng.uniform(0, 0.6))
    burst = [rng.choice([signal.SIGTERM, signal.SIGINT]) for _ in range(rng.randint(1, 5))]
    sent = time.monotonic()
    for signum in burst:
        if process.poll() is not None:
            break
        process.send_signal(signum)
        time.sleep(rng.uniform(0, 0.02))
    try:
        code = process.wait(timeout=STOP_WITHIN + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    outcome.update(early=early, burst=burst, code=code, took=time.monotonic() - sent)


def run_rounds(tmp_path: Path, arguments: list[str], ready: str, seed: int) -> list[dict]:
    """`ROUNDS` processes, `BATCH` at a time, each stopped at a random moment."""
    rng = random.Random(seed)
    outcomes = []
    for first in range(0, ROUNDS, BATCH):
        numbers = range(first, min(first + BATCH, ROUNDS))
        outcomes += run_batch(tmp_path, arguments, ready, rng, numbers)
    return outcomes


def run_batch(tmp_path, arguments, ready, rng, numbers) -> list[dict]:
    started = []
    for number in numbers:
        log = tmp_path / f"{number}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "vangnet", *arguments],
            env=environment(),
            cwd=PROJECT_DIR,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        started.append((process, log, random.Random(rng.random()), {}))
    threads = [
        threading.Thread(target=stop_at_random, args=(process, log, ready, own_rng, outcome))
        for process, log, own_rng, outcome in started
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = []
    for _process, log, _rng, outcome in started:
        outcome["output"] = log.read_text(errors="replace")
        outcomes.append(outcome)
    return outcomes


def check(outcomes: list[dict], *, forcible: bool = False) -> None:
    for outcome in outcomes:
        described = f"{outcome}"
        assert outcome["took"] < STOP_WITHIN, described
        allowed = {0}
        if outcome["early"]:  # before the handlers are in place: the default action
            allowed |= {-signum for signum in outcome["burst"]} | {1}
        if forcible:  # a further signal forces the exit: 1, or by the signal itself
            allowed |= {1} | {-signum for signum in outcome["burst"][1:]}
        assert outcome["code"] in allowed, described
        forced = forcible and len(outcome["burst"]) > 1  # db_worker may print why
        if not outcome["early"] and not forced:
            assert "Traceback" not in outcome["output"], described


def test_the_scheduler_stops_within_seconds_whenever_the_signal_comes(tmp_path):
    outcomes = run_rounds(
        tmp_path, ["scheduler", "--interval", "0.05"], "Scheduler running", seed=14
    )
    check(outcomes)
    # A stop that came after the start-up let the tick under way finish, then said so.
    assert all("Scheduler stopped" in o["output"] for o in outcomes if not o["early"])


def test_the_worker_stops_within_seconds_whenever_the_signal_comes(tmp_path):
    outcomes = run_rounds(
        tmp_path,
        ["db_worker", "--queue-name", "*", "--interval", "0.05", "--no-reload"],
        "Starting worker",
        seed=41,
    )
    # db_worker: a second signal during the graceful stop forces it ("press Ctrl+C again
    # to force"); it exits at once either way.
    check(outcomes, forcible=True)


LOOP = """
import os, random, signal, sys, threading, time
import django
django.setup()
from vangnet.core import scheduler
from vangnet.core.stopping import StopSignal

scheduler.tick = lambda: sum(range(rng.randint(0, 20000)))  # signals land inside it too
scheduler.close_old_connections = lambda: None
rng = random.Random(int(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    stop = StopSignal()
    stop.install()

    def fire():
        time.sleep(rng.uniform(0, 0.02))
        for _ in range(rng.randint(1, 20)):
            os.kill(os.getpid(), rng.choice([signal.SIGTERM, signal.SIGINT]))
            time.sleep(rng.uniform(0, 0.001))

    sender = threading.Thread(target=fire)
    started = time.monotonic()
    sender.start()
    scheduler.run_forever(stop=stop, interval=rng.choice([0, 0.001, 0.01, 3600]))
    sender.join()
    stop.close()
    assert time.monotonic() - started < 15, "too slow"
print("stopped", sys.argv[2], "times")
"""


def test_the_scheduler_loop_stops_on_every_one_of_many_signal_bursts():
    """300 runs of `run_forever` in one process, each stopped by a burst of up to 20
    signals from another thread at a random moment (in a tick, in the sleep, between
    the two); with an hour between ticks only the wake-up through the pipe stops it."""
    result = subprocess.run(
        [sys.executable, "-c", LOOP, "2026", "300"],
        env={**environment(), "VANGNET_LOG_LEVEL": "WARNING"},
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "stopped 300 times" in result.stdout


STAND_IN = """#!/bin/sh
case "$*" in *" migrate "*|*load_demo*) exit 0;; esac
echo $$ >> "{pids}"
exec "{python}" "$@"
"""


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_stopping_make_run_leaves_no_process_behind(tmp_path, how):
    """The real recipe with the real processes (migrate and the demo skipped): Ctrl+C
    (SIGINT to make's process group, as the terminal sends it) or SIGTERM to make alone
    (as a process manager does) stops the web server, the worker and the scheduler."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").touch()  # newer than requirements.lock: no pip install
    pids = tmp_path / "pids"
    python = venv / "bin" / "python"
    python.write_text(STAND_IN.format(pids=pids, python=sys.executable))
    python.chmod(0o755)
    log = tmp_path / "make.log"
    env = {k: v for k, v in environment().items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"VENV={venv}", f"PY={python}"]
        + [f"PORT={free_port()}"],
        cwd=PROJECT_DIR,
        env=env,
        start_new_session=True,  # its own group, as in a terminal
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        for ready in ("Starting worker", "Scheduler running", "Quit the server"):
            wait_for(log, ready, make)
        children = [int(pid) for pid in pids.read_text().split()]
        assert len(children) == 3
        sent = time.monotonic()
        if how == "ctrl-c":
            os.killpg(make.pid, signal.SIGINT)
        else:
            make.send_signal(signal.SIGTERM)
        make.wait(timeout=STOP_WITHIN + 5)
        assert time.monotonic() - sent < STOP_WITHIN, log.read_text()
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
    left = [pid for pid in children if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], log.read_text()
    assert "Scheduler stopped" in log.read_text()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())
