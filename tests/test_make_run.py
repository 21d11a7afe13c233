"""`make run` starts the web server, the task worker and the scheduler with the links in
their e-mail pointing at the port it serves on (settings.py refuses an unset
VANGNET_BASE_URL outside debug).

The real recipe runs, with a stand-in for the virtualenv's Python that only writes down
how it was called; no server starts."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")

FAKE_PYTHON = """#!/bin/sh
echo "$VANGNET_BASE_URL | $VANGNET_DEBUG | $*" >> "{log}"
"""


def make_run(tmp_path: Path, **environment: str) -> list[str]:
    """Run `make run` with a recording stand-in for .venv/bin/python; return its calls,
    one line each: base URL | debug | arguments."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.log"
    python = venv / "bin" / "python"
    python.write_text(FAKE_PYTHON.format(log=log))
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    # The caller's shell as a developer has it: none of the test settings' VANGNET_*
    # variables, and no make of ours around it.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("VANGNET_") and name not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    env.update(environment)
    subprocess.run(
        ["make", "--no-print-directory", "run", f"VENV={venv}", f"PY={python}"],
        cwd=PROJECT_DIR,
        env=env,
        # Its own process group, as in a terminal (tests/core/test_stopping.py stops it).
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    return log.read_text().splitlines() if log.exists() else []


def services(calls: list[str]) -> dict[str, str]:
    """The environment (base URL | debug) of each of the three long-running processes."""
    started = {}
    for call in calls:
        base_url, debug, arguments = call.split(" | ")
        for name in ("runserver", "db_worker", "scheduler"):
            if f"-m vangnet {name}" in arguments:
                started[name] = f"{base_url} | {debug}"
    return started


def test_make_run_points_the_links_at_its_port(tmp_path):
    calls = make_run(tmp_path, PORT="8610")

    assert services(calls) == {
        "runserver": "http://127.0.0.1:8610 | true",
        "db_worker": "http://127.0.0.1:8610 | true",
        "scheduler": "http://127.0.0.1:8610 | true",
    }
    assert any(call.endswith("-m vangnet runserver 127.0.0.1:8610 --noreload") for call in calls)


def test_make_run_keeps_a_base_url_the_caller_set(tmp_path):
    calls = make_run(tmp_path, PORT="8610", VANGNET_BASE_URL="https://klachten.example.nl")

    assert set(services(calls).values()) == {"https://klachten.example.nl | true"}
    assert len(services(calls)) == 3
