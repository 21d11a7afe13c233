"""The deterministic demo generator: the entry point (`load_demo`, used by the
`load_demo` command, and `login_table`, by `print_demo_logins`).

`load_demo()` sets up Gemeente Vangstad (configuration and staff, from `data.py`) and
registers a complaint register through the domain services, so every complaint has a
real case file: timeline, letters (with their PDFs), contacts, hearings, decisions,
forwards and the e-mail that went with them. The same seed and the same 'today' give
the same register.

The pieces, in the order they run:

- `organisation`: the municipality, bodies, departments, themes, partners and staff;
- `planner` draws a `plans.Plan` per message from one `random.Random(seed)`: who
  complains about what (`people` invents the residents), through which channel, and
  how the complaint is handled under Awb chapter 9 (`routes`: acknowledgement, first
  contact, informal resolution or the formal procedure, the side paths, partners and
  forwards, extensions, satisfaction answers and reopening). A few complaints are
  always there (`showcase`). Each step has its day and moment; steps after today are
  cut off, so recent complaints are open in every state. Plans are plain data,
  checked against the transition table while they are drawn;
- `execution` carries all plans out in one time line through the services
  (`steps.perform`), each step under `deadlines.as_of(its day)`, with the daily
  partner follow-up on the working days it would have run; `clock` then moves every
  timestamp written during a step to the step's planned moment, and the demo's
  e-mail is marked as sent;
- `partner_reports`: the partners' own figures;
- `learning`: the learning and second-line data of issue 6 (lessons, improvement
  measures, case discussions, rule bottlenecks, ombudsman cases).

Most of the time goes into the letters' PDFs (about a thousand, WeasyPrint, ~0.2 s of
CPU each, made by a task after each step); `pdfpool.PdfPool` makes them on the other
cores once the steps are done.
"""

from __future__ import annotations

import os
import time as time_module
from datetime import date

from django.db import transaction

from vangnet.complaints import deadlines
from vangnet.core.models import User
from vangnet.organisations.models import Municipality

from . import data, learning
from .execution import execute_plans
from .organisation import Org, demo_password, load_org, setup_organisation
from .partner_reports import generate_partner_reports
from .planner import Planner

DEFAULT_SEED = 9112
DEFAULT_COMPLAINTS = 400


def generate_complaints(
    *, count: int, seed: int = DEFAULT_SEED, today: date | None = None, org: Org | None = None
) -> int:
    """Register `count` demo messages (complaints and a few non-complaints) over the last
    two years and handle them through the procedure. Returns how many were made."""
    org = org or load_org()
    today = today or deadlines.today()
    plans = Planner(org, seed=seed, today=today).plans(count)
    with transaction.atomic():
        execute_plans(plans, org, today=today)
    return len(plans)


def load_demo(
    *,
    complaints: int = DEFAULT_COMPLAINTS,
    seed: int = DEFAULT_SEED,
    password: str | None = None,
) -> dict | None:
    """Load the demo once. Returns a summary, or None when a municipality is already
    configured (demo or real: nothing is changed then)."""
    if Municipality.objects.exists():
        return None
    started = time_module.monotonic()
    today = deadlines.today()
    with transaction.atomic():
        org = setup_organisation(password=password or demo_password(), today=today)
        made = generate_complaints(count=complaints, seed=seed, today=today, org=org)
        generate_partner_reports(org, seed=seed, today=today)
        learning.generate_learning(org, seed=seed, today=today)
    return {
        "municipality": org.municipality.name,
        "partners": len(org.partners),
        "users": len(org.users),
        "complaints": made,
        "seconds": time_module.monotonic() - started,
    }


def login_table(*, port: str | None = None) -> str:
    """The demo logins as a short table, with the address to open."""
    port = port or os.environ.get("PORT") or "8000"
    password = demo_password()
    present = set(
        User.objects.filter(username__in=[row[0] for row in data.USERS]).values_list(
            "username", flat=True
        )
    )
    if not present:
        return "Er zijn geen demogebruikers (laad ze met: python -m vangnet load_demo)."
    rows = [(username, role) for username, role in data.LOGIN_TABLE if username in present]
    width = max(len("gebruiker"), *(len(username) for username, _role in rows))
    role_width = max(len("rol"), *(len(role) for _username, role in rows))
    lines = [
        "Demo-inloggegevens:",
        f"  {'gebruiker':<{width}}  {'rol':<{role_width}}  wachtwoord",
        f"  {'-' * width}  {'-' * role_width}  {'-' * max(10, len(password))}",
    ]
    lines += [f"  {username:<{width}}  {role:<{role_width}}  {password}" for username, role in rows]
    shown = {username for username, _role in data.LOGIN_TABLE}
    others = [row[0] for row in data.USERS if row[0] not in shown and row[0] in present]
    if others:
        lines.append(f"  Meer behandelaars (zelfde wachtwoord): {', '.join(others)}")
    lines.append(f"Open http://127.0.0.1:{port}/")
    return "\n".join(lines)
