"""The deterministic demo generator.

`load_demo()` sets up Gemeente Vangstad (configuration and staff, from `data.py`) and
registers a complaint register through the domain services, so every complaint has a
real case file: timeline, letters (with their PDFs), contacts, hearings, decisions,
forwards and the e-mail that went with them. The same seed and the same 'today' give
the same register.

Generation happens in two stages:

1. `Planner` draws a `Plan` per message from one `random.Random(seed)`: who complains
   about what, through which channel, and how the complaint is handled under Awb
   chapter 9 (issue 4): acknowledgement, first contact, informal resolution or the
   formal procedure (copy to the person complained about, hearing, advisory committee,
   decision, conclusion letter), the side paths (9:8 decline, withdrawal, another body,
   a partner), extensions, cooperation records, satisfaction answers and reopening.
   Each step has its day and moment; steps after today are cut off, so recent
   complaints are open in every state. Plans are plain data, checked against the
   transition table while they are drawn.
2. `execute_plans()` carries all plans out in one time line, step by step in the order
   of their moments, each through the procedure or the services under
   `deadlines.as_of(step day)`, so the rules that look at today (9:8's four weeks,
   9:11's due date, dates not in the future) judge the step's own day. The daily
   partner follow-up (`forwarding.remind_partners`) runs on the working days it would
   have run. The services stamp rows with the current moment; `Clock` remembers which
   moment of the plan each step stands for, and afterwards every timestamp written
   during a step (events, letters, e-mail, contacts, decisions, replies, surveys, status
   links) is moved to that moment in bulk. The demo's e-mail is marked as sent.

After the register come the partners' own figures (`generate_partner_reports`) and the
learning and second-line data of issue 6 (`learning.generate_learning`: lessons,
improvement measures, case discussions, rule bottlenecks, ombudsman cases).

Most of the time goes into the letters' PDFs (about a thousand, WeasyPrint, ~0.2 s of
CPU each); `pdfpool.PdfPool` renders them on the other cores meanwhile.
"""

from __future__ import annotations

import bisect
import os
import random
import time as time_module
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, forwarding, procedure, services
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, Forward, ReferenceCounter
from vangnet.complaints.workflow import (
    OPEN_STATES,
    STEP_OUTCOMES,
    Judgment,
    Outcome,
    State,
    get_transition,
    outcome_of,
)
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.core import workdays
from vangnet.core.calendar import AtwCalendar
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.core.setup import ensure_roles
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.organisations.models import (
    Body,
    Department,
    InhabitantCount,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Theme,
)

from . import data, learning
from .pdfpool import PdfPool

DEFAULT_SEED = 9112
DEFAULT_COMPLAINTS = 400
HISTORY_DAYS = 730
PASSWORD_ENV = "VANGNET_DEMO_PASSWORD"

TZ = ZoneInfo("Europe/Amsterdam")

KIND_WEIGHTS = {"complaint": 95.0, "report": 1.8, "objection": 1.4, "question": 1.8}
CHANNEL_WEIGHTS = {
    "web": 45,
    "email": 22,
    "phone": 15,
    "letter": 8,
    "counter": 6,
    "social_media": 4,
}
SUBJECT_WEIGHTS = {"municipality": 80, "partner": 15, "cooperation": 5}

#: How a complaint is handled (the route through the table), for a complaint that
#: meets Awb 9:4 and for one on the lighter path.
FORMAL_ROUTES = {"informal": 46, "formal": 40, "decline": 5, "withdraw": 7, "to_body": 2}
LIGHT_ROUTES = {"informal": 74, "formal": 8, "decline": 4, "withdraw": 11, "to_body": 3}
#: The judgment a formal handling ends with.
TARGETS = {
    Outcome.WELL_FOUNDED: 25,
    Outcome.PARTLY_WELL_FOUNDED: 30,
    Outcome.UNFOUNDED: 38,
    Outcome.NO_JUDGMENT: 7,
}
#: Share of complaints about a partner that is forwarded to it; of cooperation
#: complaints with the parties' contributions (and a joint discussion).
FORWARD_SHARE = 0.65
COOPERATION_RECORDS_SHARE = 0.1
#: Share of surveyed closings whose complainant answers; of unhappy answers after which
#: the coordinator reopens; of other closings reopened because the complainant called.
SURVEY_ANSWER_SHARE = 0.3
REOPEN_AFTER_UNHAPPY = 0.35
REOPEN_SHARE = 0.01
#: Share of late formal handlings that are extended in time (Awb 9:11).
EXTEND_WHEN_LATE = 0.75
#: At most this many delays with the complainant's consent (beyond the extension).
MAX_CONSENT_DELAYS = 2

#: Demo actions besides the procedure's own steps (`workflow.Step` values).
ASSIGN = "assign"
NOTE = "note"
FORWARD = "forward"
PARTNER_REPLY = "partner_reply"
EXTEND = "extend"
DELAY = "delay"
CONTRIBUTION = "contribution"
JOINT_DISCUSSION = "joint_discussion"
SURVEY_ANSWER = "survey_answer"
SURVEY_SEEN = "survey_seen"


# --------------------------------------------------------------------------------------
# The organisation


@dataclass
class Org:
    """The demo organisation as loaded from the database, in a fixed order."""

    municipality: Municipality
    bodies: dict[str, Body]
    departments: dict[str, Department]
    themes: dict[str, Theme]
    partners: dict[str, Partner]
    users: dict[str, User]
    calendar: AtwCalendar


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV) or data.DEFAULT_PASSWORD


def demo_is_loaded() -> bool:
    return Municipality.objects.filter(name=data.MUNICIPALITY["name"]).exists()


def load_org() -> Org:
    """The demo organisation from the database (fails when it was not loaded)."""
    municipality = Municipality.objects.get(name=data.MUNICIPALITY["name"])
    bodies = {body.kind: body for body in Body.objects.all()}
    departments = {dept.name: dept for dept in Department.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.select_related("parent")}
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    usernames = [row[0] for row in data.USERS]
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    missing = sorted(set(usernames) - set(users))
    if missing:
        raise RuntimeError(f"Demo users missing: {', '.join(missing)}")
    return Org(
        municipality=municipality,
        bodies=bodies,
        departments=departments,
        themes=themes,
        partners=partners,
        users=users,
        calendar=workdays.working_calendar(),
    )


def setup_organisation(*, password: str, today: date) -> Org:
    """Create the municipality, bodies, departments, ombudsmen, themes, partners and staff."""
    ensure_roles()
    municipality = Municipality.objects.create(**data.MUNICIPALITY)
    for offset, inhabitants in enumerate(data.INHABITANTS):
        InhabitantCount.objects.create(
            municipality=municipality, year=today.year - 2 + offset, inhabitants=inhabitants
        )

    national = Ombudsman.objects.create(**data.NATIONAL_OMBUDSMAN)
    Ombudsman.objects.create(**data.JOINT_OMBUDSMAN)
    Ombudsman.objects.create(**data.OWN_OMBUDSMAN)
    for name, kind, is_default in data.BODIES:
        body = Body.objects.create(name=name, kind=kind, is_default=is_default)
        terms = data.SECOND_LINE_TERMS[kind]
        note = data.SECOND_LINE_NOTE
        if terms["cost_model"] == "none":
            note = f"{note} {data.SECOND_LINE_NONE_NOTE}"
        SecondLineArrangement.objects.create(
            body=body,
            ombudsman=national,
            effective_from=date(*data.SECOND_LINE_FROM),
            notes=note,
            **terms,
        )

    departments = {
        name: Department.objects.create(name=name, email=email) for name, email in data.DEPARTMENTS
    }
    themes: dict[str, Theme] = {}
    for main_name, main_slug, main_synonyms, children in data.THEMES:
        main = Theme.objects.create(name=main_name, slug=main_slug, synonyms=main_synonyms)
        themes[main_slug] = main
        for sub_name, sub_slug, sub_synonyms, _department, _weight in children:
            themes[sub_slug] = Theme.objects.create(
                name=sub_name, slug=sub_slug, synonyms=sub_synonyms, parent=main
            )

    partners: dict[str, Partner] = {}
    for spec in data.PARTNERS:
        fields = {
            key: value
            for key, value in spec.items()
            if key not in {"themes", "department", "weight"}
        }
        partner = Partner.objects.create(**fields)
        partner.themes.set([themes[slug] for slug in spec["themes"]])
        partners[spec["slug"]] = partner

    groups = {role.value: role for role in Role}
    hashed = make_password(password)  # hashed once: the same password for every demo user
    for username, first, last, role, dept, partner, is_staff, is_superuser in data.USERS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@vangstad.invalid",
            department=departments[dept] if dept else None,
            partner=partners[partner] if partner else None,
            is_staff=is_staff,
            is_superuser=is_superuser,
            password=hashed,
        )
        user.save()
        user.groups.add(Group.objects.get(name=groups[role].value))
    return load_org()


# --------------------------------------------------------------------------------------
# Plans


@dataclass
class Step:
    """One thing that happens to a complaint. `action` is a procedure step (a
    `workflow.Step` value) or one of the demo actions above; `data` is what the service
    takes. `actor` is a username; None: the system, the complainant or a partner through
    its reply link."""

    action: str
    day: date
    actor: str | None
    data: dict = field(default_factory=dict)
    at: datetime | None = None
    # For `assign` and `forward` (also read by bench/generate.py).
    handler: str = ""
    partner: str = ""
    text: str = ""
    outcome: str = ""


@dataclass
class Plan:
    """One message and what happens to it. `data` holds registration fields as the
    service takes them (model instances for relations). `state`, `outcome` and
    `closed_on` are where the steps leave it today."""

    data: dict
    involved: list[Partner]
    registrar: str | None  # username; None: the resident through the website
    registered_at: datetime
    handling: list[Step] = field(default_factory=list)
    state: str = State.RECEIVED
    outcome: str = ""
    closed_on: date | None = None

    @property
    def received_on(self) -> date:
        return self.data["received_on"]

    @property
    def is_complaint(self) -> bool:
        return self.data["kind"] == "complaint"

    @property
    def handler(self) -> str | None:
        assigned = [step.handler for step in self.handling if step.action == ASSIGN]
        return assigned[-1] if assigned else None

    @property
    def forwards(self) -> list[Step]:
        return [step for step in self.handling if step.action == FORWARD]

    @property
    def last_at(self) -> datetime:
        return self.handling[-1].at if self.handling else self.registered_at

    @property
    def steps(self) -> list[Step]:
        """The handling in the five coarse actions of the bulk generator
        (bench/generate.py): assign, start (the first step of the handler), forward,
        note (any other step, its label as text) and close."""
        coarse: list[Step] = []
        started = False
        for step in self.handling:
            actor = step.actor or "coordinator"
            if step.action in (ASSIGN, FORWARD):
                coarse.append(step)
                continue
            if step.action in STEP_OUTCOMES or step.action == ProcedureStep.SEND_CONCLUSION:
                text = str(ProcedureStep(step.action).label)
                coarse.append(Step("close", step.day, actor, at=step.at, text=text))
                continue
            if not started and step.action in (
                ProcedureStep.LOG_CONTACT,
                ProcedureStep.START_FORMAL,
            ):
                started = True
                coarse.append(Step("start", step.day, actor, at=step.at))
                continue
            label = ProcedureStep(step.action).label if step.action in ProcedureStep.values else ""
            text = step.text or str(label or step.action.replace("_", " ").capitalize())
            coarse.append(Step("note", step.day, actor, at=step.at, text=text))
        if coarse and coarse[-1].action == "close":
            coarse[-1].outcome = self.outcome
        return coarse

    def actions(self) -> list[str]:
        return [step.action for step in self.handling]


def simulate(steps: list[Step], *, kind: str = "complaint", received_on: date | None = None):
    """Where `steps` leave a complaint under the transition table: (state, outcome,
    closed_on). Raises ValueError for a step the table does not allow, so a plan that
    the procedure would refuse is caught while planning."""
    if kind != "complaint":
        return State.CLOSED, Outcome.NOT_A_COMPLAINT, received_on
    state, outcome, closed_on = State.RECEIVED, "", None
    judged = ""
    for step in steps:
        if step.action not in ProcedureStep.values:
            open_only = {FORWARD, EXTEND, DELAY, CONTRIBUTION, JOINT_DISCUSSION}
            if step.action in open_only and state not in OPEN_STATES:
                raise ValueError(f"{step.action} on a closed complaint")
            continue
        transition = get_transition(state, step.action)
        if transition is None:
            raise ValueError(f"{step.action} is not allowed from {state}")
        if step.action == ProcedureStep.DECIDE:
            judged = outcome_of([part["judgment"] for part in step.data["parts"]])
        state = transition.target_for(state)
        if transition.closes:
            outcome = (
                judged
                if step.action == ProcedureStep.SEND_CONCLUSION
                else (STEP_OUTCOMES[step.action])
            )
            closed_on = step.day
        elif step.action == ProcedureStep.REOPEN:
            outcome, closed_on = "", None
    return state, outcome, closed_on


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normalised if c.isascii() and (c.isalnum() or c in ".-"))


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


class Planner:
    """Draws plans from one random stream. Same seed and same `today`: same plans."""

    def __init__(
        self, org: Org, *, seed: int, today: date, history_days: int = HISTORY_DAYS
    ) -> None:
        self.org = org
        self.rng = random.Random(seed)
        self.today = today
        self.history_days = history_days
        self.calendar = org.calendar
        self.policy = org.municipality
        self.theme_weights: dict[str, int] = {}
        self.theme_department: dict[str, str] = {}
        for _name, _slug, _synonyms, children in data.THEMES:
            for _sub_name, sub_slug, _sub_synonyms, department, weight in children:
                self.theme_weights[sub_slug] = weight
                self.theme_department[sub_slug] = department
        self.partner_specs = {spec["slug"]: spec for spec in data.PARTNERS}
        self.partner_weights = {spec["slug"]: spec["weight"] for spec in data.PARTNERS}
        self.neighbourhoods = dict(data.NEIGHBOURHOODS)
        self._deadline_cache: dict[tuple[date, bool], deadlines.Deadlines] = {}
        self.consent_delays = 0

    # -- helpers --------------------------------------------------------------------

    def deadlines_for(self, received_on: date, advisory_committee: bool) -> deadlines.Deadlines:
        key = (received_on, advisory_committee)
        if key not in self._deadline_cache:
            self._deadline_cache[key] = deadlines.compute(
                received_on=received_on,
                advisory_committee=advisory_committee,
                policy=self.policy,
                calendar=self.calendar,
            )
        return self._deadline_cache[key]

    def _working_day_back(self, day: date) -> date:
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def _add_working_days(self, day: date, days: int) -> date:
        return self.calendar.add_working_days(day, days)

    def _dutch_date(self, day: date) -> str:
        return f"{day.day} {data.MONTHS[day.month - 1]}"

    def _fill(self, text: str, received_on: date, **extra: str) -> str:
        rng = self.rng
        values = {
            "straat": rng.choice(data.STREETS),
            "wijk": _weighted(rng, self.neighbourhoods),
            "datum": self._dutch_date(received_on - timedelta(days=rng.randint(2, 30))),
            "weken": str(rng.randint(3, 12)),
            "keer": rng.choice(data.NUMBER_WORDS),
            "bedrag": f"{rng.randint(4, 60) * 50:,}".replace(",", "."),
            "partner": "",
            "partner1": "",
            "partner2": "",
        }
        values.update(extra)
        return text.format(**values)

    def _person(self) -> tuple[str, str]:
        rng = self.rng
        first = rng.choice(data.FIRST_NAMES)
        if rng.random() < 0.003:
            last = rng.choice(data.RARE_LAST_NAMES)
        else:
            last = rng.choice(data.LAST_NAMES)
        return first, last

    def _email(self, first: str, last: str) -> str:
        rng = self.rng
        last_part = _ascii(last.replace(" ", "")).lower()
        first_part = _ascii(first).lower()
        style = rng.randrange(3)
        if style == 0:
            local = f"{first_part}.{last_part}"
        elif style == 1:
            local = f"{first_part[0]}{last_part}"
        else:
            local = f"{first_part}{rng.randint(50, 99)}"
        return f"{local}@example.org"

    def _phone(self) -> str:
        return f"06-0{self.rng.randint(0, 9_999_999):07d}"

    def _stamp(self, day: date, after: datetime | None, *, web: bool = False) -> datetime:
        """A moment on `day` in office hours (any hour for the website), after `after`.
        On today itself: early in the morning, so the history does not run ahead."""
        rng = self.rng
        if day >= self.today:
            minutes = rng.randint(7 * 60, 7 * 60 + 50)
        elif web:
            minutes = rng.randint(7 * 60, 23 * 60 + 30)
        else:
            minutes = rng.randint(8 * 60 + 30, 16 * 60 + 45)
        moment = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=TZ)
        if after is not None and moment <= after:
            moment = after + timedelta(minutes=rng.randint(3, 40))
        return moment

    def _pick_handler(self, department: str | None) -> str:
        rng = self.rng
        if department is None or rng.random() < data.COORDINATOR_HANDLES:
            return "coordinator"
        return _weighted(rng, dict(data.DEPARTMENT_HANDLERS[department]))

    def find_received_on(self, accept: Callable[[date], bool], *, oldest: int = 120) -> date:
        """The most recent day (at least a day ago, a working day if one fits) whose
        decide_by `accept`s."""
        candidates = [self.today - timedelta(days=n) for n in range(1, oldest)]
        fitting = [day for day in candidates if accept(self.deadlines_for(day, False).decide_by)]
        if not fitting:  # pragma: no cover
            raise RuntimeError("No received date fits")
        working = [day for day in fitting if self.calendar.is_working_day(day)]
        return (working or fitting)[0]

    # -- plans ----------------------------------------------------------------------

    def plans(self, count: int) -> list[Plan]:
        """`count` plans in order of receipt: a few scripted ones (so the demo users
        always have something to see), the rest drawn at random."""
        scripted = self.scripted()[:count]
        plans = [self.plan(**{"kind": "complaint", **kwargs}) for kwargs in scripted]
        plans += [self.plan() for _ in range(count - len(plans))]
        plans.sort(key=lambda plan: (plan.received_on, plan.registered_at))
        return plans

    def scripted(self) -> list[dict]:
        today = self.today
        until = deadlines.due_soon_until(on=today, policy=self.policy, calendar=self.calendar)
        soon = self._add_working_days(today, 2)
        mine = {"handler": "handler", "subject": "municipality", "light": ""}
        return [
            # The `handler` user's desk: overdue, due soon and ordinary open work.
            {
                **mine,
                "theme": "schuldhulpverlening",
                "route": "formal",
                "stall": True,
                "received_on": self.find_received_on(lambda d: d < today - timedelta(days=3)),
            },
            {
                **mine,
                "theme": "participatiewet-bijstand",
                "route": "informal",
                "stall": True,
                "received_on": self.find_received_on(lambda d: d < today),
            },
            {
                **mine,
                "theme": "participatiewet-bijstand",
                "route": "formal",
                "stall": True,
                "received_on": self.find_received_on(lambda d: today <= d <= soon),
            },
            {
                **mine,
                "theme": "schuldhulpverlening",
                "route": "informal",
                "stall": True,
                "received_on": self.find_received_on(lambda d: soon < d <= until),
            },
            {**mine, "theme": "schuldhulpverlening", "route": "formal", "days_ago": 19},
            {**mine, "theme": "participatiewet-bijstand", "fate": "new", "days_ago": 1},
            # Forwarded to the `partner` user's organisation: one open, one closed.
            {
                "handler": "handler",
                "subject": "partner",
                "partner": "schuldhulp-vangstad",
                "route": "partner",
                "reply": "none",
                "days_ago": 12,
            },
            {
                "handler": "handler",
                "subject": "partner",
                "partner": "schuldhulp-vangstad",
                "route": "partner",
                "reply": "in_time",
                "via": "link",
                "partner_outcome": "resolved",
                "days_ago": 95,
            },
            {
                "subject": "partner",
                "partner": "schuldhulp-vangstad",
                "route": "partner",
                "reply": "in_time",
                "via": "portal",
                "partner_outcome": "own_procedure",
                "days_ago": 160,
            },
            # A partner that does not answer: reminded, then escalated to the coordinator.
            {
                "subject": "partner",
                "partner": "wijkteams-vangstad",
                "route": "partner",
                "reply": "none",
                "stall": True,
                "days_ago": 48,
            },
            # A cooperation complaint with the parties' contributions and a joint discussion.
            {"subject": "cooperation", "route": "cooperation", "days_ago": 150},
            {"kind": "report", "days_ago": 40},
            {
                "channel": "phone",
                "light": "oral",
                "route": "informal",
                "stall": True,
                "days_ago": 8,
            },
            # The advisory committee: advice followed, and once deviated from (Awb 9:15).
            {
                "committee": True,
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "target": Outcome.WELL_FOUNDED,
                "days_ago": 200,
            },
            {
                "committee": True,
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "target": Outcome.UNFOUNDED,
                "deviate": True,
                "days_ago": 320,
            },
            # Open at the hearing: offered, planned, and held (the decision still to come).
            {
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "stop_after": ProcedureStep.OFFER_HEARING,
                "hearing": "held",
                "days_ago": 14,
            },
            {
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "stop_after": ProcedureStep.PLAN_HEARING,
                "hearing": "held",
                "days_ago": 16,
            },
            {
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "stop_after": ProcedureStep.HOLD_HEARING,
                "hearing": "held",
                "days_ago": 27,
            },
            # Open with the advisory committee, and advised.
            {
                "committee": True,
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "stop_after": ProcedureStep.REQUEST_ADVICE,
                "days_ago": 50,
            },
            {
                "committee": True,
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "stop_after": ProcedureStep.RECORD_ADVICE,
                "days_ago": 75,
            },
            # Extended (9:11), and once delayed further with the complainant's consent.
            {
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "late": "extend",
                "days_ago": 110,
            },
            {
                "light": "",
                "subject": "municipality",
                "route": "formal",
                "late": "consent",
                "committee": True,
                "days_ago": 260,
            },
            # Reopened after an unhappy answer to the satisfaction survey.
            {
                "light": "",
                "subject": "municipality",
                "route": "informal",
                "reopen": "survey",
                "days_ago": 130,
            },
            {"light": "", "route": "decline", "days_ago": 60},
            {"route": "to_body", "days_ago": 45},
            {"fate": "unassigned", "days_ago": 0, "channel": "web"},
        ]

    def plan(
        self,
        *,
        kind: str | None = None,
        channel: str | None = None,
        received_on: date | None = None,
        days_ago: int | None = None,
        subject: str | None = None,
        theme: str | None = None,
        partner: str | None = None,
        handler: str | None = None,
        light: str | None = None,
        committee: bool | None = None,
        fate: str | None = None,
        **script,
    ) -> Plan:
        """One message. The keywords fix what would otherwise be drawn; `script` holds
        the route's own choices (see `_plan_handling`)."""
        rng = self.rng
        org = self.org
        kind = kind or _weighted(rng, KIND_WEIGHTS)
        channel = channel or _weighted(rng, CHANNEL_WEIGHTS)
        if received_on is None:
            if days_ago is None:
                days_ago = rng.randrange(self.history_days)
            received_on = self.today - timedelta(days=days_ago)
            if channel not in {"web", "social_media"}:
                received_on = self._working_day_back(received_on)
        if kind != "complaint":
            return self._not_complaint(kind, channel, received_on)

        # What the complaint is about.
        subject = subject or _weighted(rng, SUBJECT_WEIGHTS)
        involved: list[Partner] = []
        partner_obj = None
        body = org.bodies["college"]
        person = ""
        desired = None
        if subject == "partner":
            slug = partner or _weighted(rng, self.partner_weights)
            spec = self.partner_specs[slug]
            partner_obj = org.partners[slug]
            theme = theme or rng.choice(spec["themes"])
            department: str | None = spec["department"]
            description = self._fill(
                rng.choice(data.PARTNER_TEXTS[slug]), received_on, partner=partner_obj.name
            )
        elif subject == "cooperation":
            slugs, theme, department, text = rng.choice(data.COOPERATION_CASES)
            involved = [org.partners[slug] for slug in slugs]
            description = self._fill(
                text, received_on, partner1=involved[0].name, partner2=involved[1].name
            )
        elif theme is None and rng.random() < data.COUNCIL_SHARE:
            theme, text, desired = rng.choice(data.COUNCIL_TEXTS)
            body = org.bodies["raad"]
            department = None
            description = self._fill(text, received_on)
        else:
            theme = theme or _weighted(rng, self.theme_weights)
            department = self.theme_department[theme]
            texts = data.COMPLAINT_TEXTS[theme]
            description = self._fill(rng.choice(texts["descriptions"]), received_on)
            if texts["persons"] and rng.random() < 0.3:
                person = rng.choice(texts["persons"])
            if rng.random() < data.MAYOR_SHARE.get(theme, 0):
                body = org.bodies["burgemeester"]
        if desired is None:
            outcomes = data.COMPLAINT_TEXTS[theme]["outcomes"]
            desired = rng.choice(outcomes) if rng.random() < 0.8 else ""
        if rng.random() < 0.3:
            description += " " + rng.choice(data.EXTRA_SENTENCES)

        # Who complains, and the route (Awb 9:4).
        first, last = self._person()
        name = f"{first} {last}"
        street = f"{rng.choice(data.STREETS)} {rng.randint(1, 180)}"
        postcode = f"{rng.randint(9990, 9999)} {rng.choice('ABCEGHKLMNPRTVXZ')}" + rng.choice(
            "ABCEGHKLMNPRTVXZ"
        )
        city = data.CITY
        email = self._email(first, last) if rng.random() < 0.85 else ""
        phone = self._phone() if rng.random() < 0.7 else ""
        if light is None:
            draw = rng.random()
            if channel in {"phone", "counter"} and draw < 0.65:
                light = "oral"
            elif draw < 0.03:
                light = "third_party"
            elif channel in {"web", "email"} and draw < 0.06:
                light = "incomplete"
            elif channel == "letter" and draw < 0.08:
                light = "unsigned"
            else:
                light = ""
        if light == "oral" and rng.random() < 0.4:
            street = postcode = city = ""
        if light == "oral" and rng.random() < 0.1:
            name = email = phone = ""  # anonymous at the counter or on the phone
        if light == "incomplete":
            street = postcode = city = ""
        if light == "third_party":
            description = rng.choice(data.THIRD_PARTY_PREFIXES) + description
        available = {
            "email": 6 if email else 0,
            "phone": 3 if phone else 0,
            "letter": 1 if street else 0,
        }
        preferred = _weighted(rng, available) if any(available.values()) else "email"
        is_formal = not light
        if committee is None:
            committee = is_formal and rng.random() < 0.05
        registration = {
            "kind": "complaint",
            "received_on": received_on,
            "channel": channel,
            "body": body,
            "theme": org.themes[theme],
            "neighbourhood": _weighted(rng, self.neighbourhoods) if rng.random() < 0.85 else "",
            "subject_type": subject,
            "department": org.departments[department] if department else None,
            "person_complained_about": person,
            "partner": partner_obj,
            "complainant_name": name,
            "complainant_street": street,
            "complainant_postcode": postcode,
            "complainant_city": city,
            "complainant_email": email,
            "complainant_phone": phone,
            "preferred_contact": preferred,
            "description": description,
            "desired_outcome": desired,
            "is_formal": is_formal,
            "light_path_reason": light,
            "formality_note": rng.choice(data.LIGHT_PATH_NOTES[light]) if light else "",
            "advisory_committee": committee,
        }
        if rng.random() < 0.04:
            rep_first, rep_last = self._person()
            registration["representative_name"] = (
                f"{rep_first} {rep_last} ({rng.choice(data.REPRESENTATIVES)})"
            )
            registration["representative_email"] = self._email(rep_first, rep_last)

        # Who registers it.
        if channel == "web" and rng.random() < 0.85:
            registrar = None
        elif channel in {"phone", "counter"} and department and rng.random() < 0.5:
            registrar = self._pick_handler(department)
        else:
            registrar = "coordinator"
        registered_at = self._stamp(received_on, None, web=registrar is None)

        plan = Plan(
            data=registration, involved=involved, registrar=registrar, registered_at=registered_at
        )
        self._plan_handling(plan, handler=handler, department=department, fate=fate, **script)
        return plan

    # -- handling -------------------------------------------------------------------

    def _plan_handling(
        self,
        plan: Plan,
        *,
        handler: str | None,
        department: str | None,
        fate: str | None,
        route: str | None = None,
        stall: bool = False,
        stop_after: str | None = None,
        **script,
    ) -> None:
        """Draw how the complaint is handled (`route`, see `_Route`), cut it off at
        today, stamp each step with a moment and check it against the table.
        `fate`: "unassigned" (only registered) or "new" (assigned, not yet called).
        `stall`: the complaint is not closed (still open today). `stop_after`: nothing
        happens after the first step of this kind (yet)."""
        rng = self.rng
        registration = plan.data
        age = (self.today - plan.received_on).days
        waiting = fate == "unassigned" or (
            fate is None
            and route is None
            and (
                (age == 0 and rng.random() < 0.5)
                or (age == 1 and rng.random() < 0.25)
                or (age <= 3 and rng.random() < 0.1)
            )
        )
        if registration["body"].kind == "raad":
            handler = "coordinator"
        handler = handler or self._pick_handler(department)
        builder = _Route(self, plan, handler=handler)
        if waiting:  # waiting for triage; filed online it was acknowledged at once
            if plan.registrar is None:
                builder.acknowledge_by_system()
            self._finish(plan, builder.steps, stall=False)
            return
        subject = registration["subject_type"]
        if route is None:
            if subject == "partner" and rng.random() < FORWARD_SHARE:
                route = "partner"
            elif subject == "cooperation" and rng.random() < COOPERATION_RECORDS_SHARE:
                route = "cooperation"
            else:
                route = _weighted(rng, FORMAL_ROUTES if registration["is_formal"] else LIGHT_ROUTES)
            # Forgotten: open past its due date.
            stall = stall or (43 <= age <= 150 and rng.random() < 0.08)
        builder.begin(acknowledge=not (route == "to_body" and rng.random() < 0.5))
        if fate != "new":
            getattr(builder, route)(**script)
        steps = builder.steps
        if stop_after:
            actions = [step.action for step in steps]
            if stop_after in actions:
                steps = steps[: actions.index(stop_after) + 1]
            else:  # pragma: no cover - the route went another way: at least open
                stall = True
        self._finish(plan, steps, stall=stall)

    def _finish(self, plan: Plan, steps: list[Step], *, stall: bool) -> None:
        steps = sorted(steps, key=lambda step: step.day)  # stable: same-day order kept
        if stall:
            closing = next(
                (
                    index
                    for index, step in enumerate(steps)
                    if step.action in STEP_OUTCOMES or step.action == ProcedureStep.SEND_CONCLUSION
                ),
                None,
            )
            if closing is not None:
                steps = steps[:closing]
        steps = [step for step in steps if step.day <= self.today]
        previous = plan.registered_at
        for step in steps:
            if step.at is None or step.at <= previous:
                step.at = self._stamp(step.day, previous, web=step.action == SURVEY_ANSWER)
            previous = step.at
        plan.handling = steps
        plan.state, plan.outcome, plan.closed_on = simulate(steps)

    def _not_complaint(self, kind: str, channel: str, received_on: date) -> Plan:
        rng = self.rng
        options = [row for row in data.NOT_COMPLAINTS if row[0] == kind]
        _kind, theme, text, redirected_to = rng.choice(options)
        first, last = self._person()
        email = self._email(first, last) if rng.random() < 0.8 else ""
        phone = self._phone() if not email or rng.random() < 0.3 else ""
        registration = {
            "kind": kind,
            "received_on": received_on,
            "channel": channel,
            "body": self.org.bodies["college"],
            "theme": self.org.themes[theme],
            "neighbourhood": _weighted(rng, self.neighbourhoods) if rng.random() < 0.7 else "",
            "complainant_name": f"{first} {last}",
            "complainant_email": email,
            "complainant_phone": phone,
            "preferred_contact": "email" if email else "phone",
            "description": self._fill(text, received_on),
            "redirected_to": redirected_to,
        }
        registrar = "lotte" if kind == "question" and rng.random() < 0.5 else "coordinator"
        return Plan(
            data=registration,
            involved=[],
            registrar=registrar,
            registered_at=self._stamp(received_on, None),
            state=State.CLOSED,
            outcome=Outcome.NOT_A_COMPLAINT,
            closed_on=received_on,
        )


#: `_Route.add`'s actor meaning "the complaint's handler".
HANDLER = "<handler>"
#: Outcomes after which nobody is asked for satisfaction (surveys.services).
NOT_SURVEYED = {Outcome.WITHDRAWN, Outcome.FORWARDED_TO_BODY, Outcome.NOT_HANDLED}


class _Route:
    """Builds one complaint's steps day by day. Each public method is a route: how a
    complaint goes through the procedure. `self.day` moves forward in working days; a
    slow handler (`pace`) takes longer between steps."""

    def __init__(self, planner: Planner, plan: Plan, *, handler: str) -> None:
        self.p = planner
        self.rng = planner.rng
        self.plan = plan
        self.handler = handler
        self.day = plan.received_on
        self.steps: list[Step] = []
        self.pace = 1.0 if self.rng.random() < 0.75 else self.rng.uniform(1.4, 2.0)
        registration = plan.data
        self.reg = registration
        self.committee = bool(registration.get("advisory_committee"))
        self.has_email = bool(
            registration.get("complainant_email") or registration.get("representative_email")
        )
        self.anonymous = not registration.get("complainant_name")
        self.deadlines = planner.deadlines_for(plan.received_on, self.committee)
        self.solution = self.rng.choice(data.INFORMAL_SOLUTIONS)

    # -- building blocks ------------------------------------------------------------

    def wait(self, low: int, high: int, *, paced: bool = True) -> date:
        days = self.rng.randint(low, high)
        if paced:
            days = round(days * self.pace)
        self.day = self.p.calendar.add_working_days(self.day, days)
        return self.day

    def add(self, action: str, actor: str | None = HANDLER, **fields) -> Step:
        step = Step(action, self.day, self.handler if actor == HANDLER else actor, **fields)
        self.steps.append(step)
        return step

    def _name(self, username: str) -> str:
        user = self.p.org.users[username]
        return user.get_full_name() or username

    def _channel(self) -> str:
        if self.reg["channel"] == "counter":
            return "visit"
        if self.reg.get("complainant_phone") or self.anonymous:
            return "phone"
        return "email" if self.has_email else "letter"

    def _text(self, text: str) -> str:
        return text.format(oplossing=self.solution, partner=self._partner_name())

    def _partner_name(self) -> str:
        partner = self.reg.get("partner")
        return partner.name if partner else ""

    # -- start ----------------------------------------------------------------------

    def acknowledge_by_system(self) -> None:
        """Filed online: the acknowledgement goes out at once (`public.submissions`)."""
        at = self.plan.registered_at + timedelta(minutes=self.rng.randint(1, 3))
        self.add(ProcedureStep.ACKNOWLEDGE, None, at=at)

    def later(self, days: int) -> date:
        self.day = self.p.calendar.add_working_days(self.day, days)
        return self.day

    def begin(self, *, acknowledge: bool = True) -> None:
        """Triage by the coordinator (assignment) and the acknowledgement (Awb 9:6):
        at once online, otherwise within days (a few late)."""
        plan, rng = self.plan, self.rng
        late_registration = plan.registered_at.hour >= 15
        if plan.registrar is None:
            self.acknowledge_by_system()
        self.later(rng.choice([0, 0, 1, 1, 2]) + late_registration)
        self.add(ASSIGN, "coordinator", handler=self.handler)
        if acknowledge and plan.registrar is not None:
            if rng.random() < 0.1:
                self.wait(3, 7, paced=False)  # late: after the policy's 5 working days
            actor = self.handler if plan.registrar == self.handler else "coordinator"
            self.add(ProcedureStep.ACKNOWLEDGE, actor)

    def first_contact(self, kind: str) -> None:
        """The call within days (Nationale ombudsman): notes and what was agreed."""
        rng = self.rng
        if rng.random() < 0.85:
            self.wait(0, 2)
        else:
            self.wait(3, 6)  # late: after the policy's 3 working days
        if self.anonymous:
            # Nobody to call back: what was said in the call itself is the contact.
            self._contact(*rng.choice(data.CONTACT_INFORMAL), on=self.plan.received_on)
            return
        if rng.random() < 0.15 and self._channel() == "phone":
            self._contact(rng.choice(data.CONTACT_NOT_REACHED), "", reached=False)
            self.wait(1, 2)
        notes = {
            "informal": data.CONTACT_INFORMAL,
            "formal": data.CONTACT_FORMAL,
            "forward": data.CONTACT_FORWARD,
        }[kind]
        self._contact(*rng.choice(notes))

    def _contact(self, notes: str, agreed: str, *, reached: bool = True, on: date | None = None):
        channel = self._channel()
        if channel != "phone" and reached:
            notes = self.rng.choice(data.CONTACT_NOTES_BY_CHANNEL[channel])
        self.add(
            ProcedureStep.LOG_CONTACT,
            data={
                "contacted_on": on or self.day,
                "channel": channel,
                "notes": self._text(notes),
                "agreed": self._text(agreed),
                "reached": reached,
            },
        )

    # -- routes ---------------------------------------------------------------------

    def informal(self, *, reopen: str | None = None, **_script) -> None:
        """Resolved to the complainant's satisfaction (Awb 9:5), confirmed in writing."""
        self.first_contact("informal")
        self._informal_tail(reopen=reopen)

    def _informal_tail(self, *, reopen: str | None = None, may_reopen: bool = True) -> None:
        rng = self.rng
        if rng.random() < 0.3:
            self.wait(1, 4)
            self.add(NOTE, text=rng.choice(data.PROGRESS_NOTES))
        if rng.random() < 0.45 and not self.anonymous:
            self.wait(1, 5)
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
        self.wait(1, 6)
        self.add(
            ProcedureStep.RESOLVE_INFORMALLY,
            data={
                "agreement": self._text(rng.choice(data.AGREEMENTS)),
                "send_confirmation": not self.anonymous,
            },
        )
        self.after_close(reopen=reopen, may_reopen=may_reopen)

    def formal(
        self,
        *,
        target: str | None = None,
        deviate: bool = False,
        late: str | None = None,
        reopen: str | None = None,
        hearing: str | None = None,
        **_script,
    ) -> None:
        """Formal handling: copy to the person complained about (9:9), hearing (9:10) or
        a ground to skip it, the advisory committee where there is one (9:13-9:16), the
        decision with a judgment per part, the conclusion letter (9:12)."""
        self.first_contact("formal")
        self._formal_tail(target=target, deviate=deviate, late=late, reopen=reopen, hearing=hearing)

    def _formal_tail(
        self, *, target=None, deviate=False, late=None, reopen=None, hearing=None
    ) -> None:
        rng = self.rng
        self.wait(1, 4)
        copy = {}
        if not (self.reg.get("department") and self.reg["department"].email):
            copy = {"copy_note": rng.choice(data.COPY_NOTES)}
        self.add(ProcedureStep.START_FORMAL, data=copy)
        started = self.day
        target = target or _weighted(rng, TARGETS)

        # The hearing (Awb 9:10), or a ground of lid 2 to skip it.
        draw = rng.random()
        if draw < 0.62 or hearing == "held":
            self.wait(1, 3)
            self.add(ProcedureStep.OFFER_HEARING)
            self.wait(2, 6)
            planned = self.p.calendar.add_working_days(self.day, rng.randint(4, 9))
            moment = datetime.combine(planned, time(rng.choice([9, 10, 11, 14, 15]), 0), TZ)
            self.add(
                ProcedureStep.PLAN_HEARING,
                data={"planned_at": moment, "location": rng.choice(data.HEARING_LOCATIONS)},
            )
            self.day = planned
            person = self.reg.get("person_complained_about") or (
                f"teamleider {self.reg['department'].name}" if self.reg.get("department") else ""
            )
            who = [f"{self.reg['complainant_name'] or 'Indiener'} (indiener)"]
            if person:
                who.append(f"{person} (beklaagde)")
            who.append(f"{self._name(self.handler)} (klachtbehandelaar)")
            kern = _first_sentence(self.reg["description"])
            self.add(
                ProcedureStep.HOLD_HEARING,
                data={
                    "held_on": planned,
                    "participants": ", ".join(who),
                    "record": rng.choice(data.HEARING_RECORDS).format(kern=kern),
                },
            )
        else:
            if draw < 0.74:
                self.wait(1, 3)
                self.add(ProcedureStep.OFFER_HEARING)
                self.wait(11, 13, paced=False)
                ground = "no_response"
            else:
                self.wait(1, 4)
                ground = _weighted(
                    rng, {"waived": 14, "manifestly_unfounded": 6, "resolved_in_favour": 6}
                )
                if ground == "manifestly_unfounded":
                    target = Outcome.UNFOUNDED
                elif ground == "resolved_in_favour":
                    target = Outcome.WELL_FOUNDED
            self.add(
                ProcedureStep.SKIP_HEARING,
                data={"ground": ground, "note": data.HEARING_SKIPS[ground]},
            )

        if rng.random() < 0.05 and not self.committee and late is None:
            # Solved after all, in a talk after the hearing (still Awb 9:5).
            self.wait(1, 4)
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
            self._informal_tail(reopen=reopen)
            return

        recommended = ""
        if self.committee:
            self.wait(1, 3)
            self.add(ProcedureStep.REQUEST_ADVICE, data={"committee": data.COMMITTEE})
            if late == "consent":
                # The advice comes later than the extended term allows.
                self.day = max(self.day, self._limit() - timedelta(days=rng.randint(4, 8)))
                self.day = self.p._working_day_back(self.day)
            else:
                self.wait(12, 22, paced=False)
            if deviate:
                recommended = Outcome.WELL_FOUNDED
            elif target != Outcome.NO_JUDGMENT and rng.random() < 0.85:
                recommended = target
            self.add(
                ProcedureStep.RECORD_ADVICE,
                data={
                    "received_on": self.day,
                    "recommended_judgment": recommended,
                    "text": data.ADVICE_TEXTS[recommended],
                },
            )
            self.wait(3, 8)
        else:
            self.wait(3, 10)
        if late == "extend":
            beyond = self.deadlines.decide_by + timedelta(days=rng.randint(4, 12))
            self.day = max(self.day, min(self.p._working_day_back(beyond), self._limit()))
        elif late == "consent":
            beyond = self._limit() + timedelta(days=rng.randint(5, 10))
            self.day = max(self.day, self.p._working_day_back(beyond))

        self.add(ProcedureStep.DECIDE, data=self._decision(target, recommended, deviate))
        self.wait(0, 2, paced=False)
        self.add(ProcedureStep.SEND_CONCLUSION)
        self._postpone(started, late=late)
        self.after_close(reopen=reopen)

    def _limit(self) -> date:
        weeks = deadlines.DECIDE_WEEKS_WITH_COMMITTEE if self.committee else deadlines.DECIDE_WEEKS
        return self.p.calendar.add_weeks(self.plan.received_on, weeks + procedure.EXTENSION_WEEKS)

    def _postpone(self, started: date, *, late: str | None) -> None:
        """A conclusion after the due date: mostly extended once before that date (Awb
        9:11 lid 2, at most 4 weeks); beyond that, now and then a delay with the
        complainant's written consent."""
        rng = self.rng
        due = self.deadlines.decide_by
        done = self.day
        if done <= due or started > due:
            return
        if late is None and rng.random() > EXTEND_WHEN_LATE:
            return  # simply late: the register shows it
        earliest = max(started, due - timedelta(days=12))
        candidates = [
            earliest + timedelta(days=n)
            for n in range((due - earliest).days + 1)
            if self.p.calendar.is_working_day(earliest + timedelta(days=n))
        ]
        if not candidates:
            return
        day = rng.choice(candidates)
        limit = self._limit()
        new_due = min(limit, self.p.calendar.roll_forward(done + timedelta(days=rng.randint(0, 4))))
        self.steps.append(
            Step(
                EXTEND,
                day,
                self.handler,
                data={"new_due": new_due, "reason": rng.choice(data.EXTENSION_REASONS)},
            )
        )
        if done > new_due and (
            late == "consent"
            or (late is None and self.p.consent_delays < MAX_CONSENT_DELAYS and rng.random() < 0.4)
        ):
            self.p.consent_delays += 1
            consent_day = self.p._working_day_back(new_due - timedelta(days=rng.randint(1, 5)))
            consent_day = max(consent_day, day)
            self.steps.append(
                Step(
                    DELAY,
                    consent_day,
                    self.handler,
                    data={
                        "new_due": self.p.calendar.roll_forward(
                            done + timedelta(days=rng.randint(1, 5))
                        ),
                        "consent_on": consent_day,
                        "reason": rng.choice(data.CONSENT_REASONS),
                    },
                )
            )

    def _decision(self, target: str, recommended: str, deviate: bool) -> dict:
        rng = self.rng
        count = rng.choice([1, 1, 2, 2, 3])
        picked = rng.sample(data.JUDGMENT_PARTS, count)
        if target == Outcome.PARTLY_WELL_FOUNDED:
            if count == 1:
                judgments = [Judgment.PARTLY_WELL_FOUNDED]
            else:
                judgments = [Judgment.WELL_FOUNDED] + [Judgment.UNFOUNDED] * (count - 1)
                rng.shuffle(judgments)
        else:
            judgments = [target] * count
        parts = []
        for (summary, codes, founded, unfounded), judgment in zip(picked, judgments, strict=True):
            if judgment == Judgment.NO_JUDGMENT:
                reasoning = (
                    "De lezingen van u en de medewerker verschillen en er zijn geen andere "
                    "gegevens. Wij kunnen daarom niet vaststellen wat er is gebeurd."
                )
            else:
                reasoning = unfounded if judgment == Judgment.UNFOUNDED else founded
            parts.append(
                {
                    "summary": summary,
                    "judgment": judgment,
                    "norms": codes[: rng.randint(1, len(codes))],
                    "reasoning": reasoning,
                }
            )
        decision = {
            "findings": rng.choice(data.FINDINGS).format(
                kern=_first_sentence(self.reg["description"])
            ),
            "conclusions": data.CONCLUSIONS[target],
            "measures": rng.choice(data.MEASURES) if target != Outcome.UNFOUNDED else "",
            "parts": parts,
        }
        if deviate:
            decision["deviates_from_advice"] = True
            decision["deviation_reasons"] = data.DEVIATION_REASONS
        return decision

    def decline(self, **_script) -> None:
        """Not handled under Awb 9:8, told within four weeks of receipt."""
        rng = self.rng
        by = self.p._working_day_back(self.deadlines.decline_by)
        when = min(by, self.p.calendar.add_working_days(self.plan.received_on, rng.randint(5, 16)))
        when = max(when, self.day)
        if rng.random() < 0.5 and not self.anonymous:
            self.wait(0, 2)
            if self.day < when:
                self._contact(
                    "Klager gebeld om de klacht te bespreken en uit te leggen waarom de "
                    "gemeente de klacht waarschijnlijk niet in behandeling neemt.",
                    "Klager ontvangt de beslissing schriftelijk, met de route naar de ombudsman.",
                )
        self.day = max(self.day, when)
        ground = _weighted(rng, data.DECLINE_WEIGHTS)
        self.add(
            ProcedureStep.DECLINE,
            data={"ground": ground, "explanation": data.DECLINES[ground]},
        )

    def withdraw(self, **_script) -> None:
        rng = self.rng
        if rng.random() < 0.7:
            self.first_contact("informal")
            if rng.random() < 0.2:
                self.wait(1, 4)
                copy = {}
                if not (self.reg.get("department") and self.reg["department"].email):
                    copy = {"copy_note": rng.choice(data.COPY_NOTES)}
                self.add(ProcedureStep.START_FORMAL, data=copy)
        self.wait(2, 15)
        self.add(ProcedureStep.WITHDRAW, data={"note": rng.choice(data.WITHDRAW_NOTES)})

    def to_body(self, **_script) -> None:
        """Meant for another body: sent on with a notice to the complainant (Awb 2:3)."""
        name, contact, explanation = self.rng.choice(data.OTHER_BODIES)
        self.wait(0, 3)
        self.add(
            ProcedureStep.FORWARD_TO_BODY,
            data={"body_name": name, "body_contact": contact, "explanation": explanation},
        )

    def partner(
        self,
        *,
        reply: str | None = None,
        via: str | None = None,
        partner_outcome: str | None = None,
        reopen: str | None = None,
        **_script,
    ) -> None:
        """Forwarded to the partner complained about, which reports back through its
        reply link (or the portal); the municipality closes the complaint when the
        partner handled it, or takes it on itself."""
        rng = self.rng
        slug = self.reg["partner"].slug
        if rng.random() < 0.6:
            self.first_contact("forward")
        self.wait(0, 3)
        self.add(FORWARD, partner=slug, text=rng.choice(data.FORWARD_NOTES))
        forwarded = self.day
        term = self.p.org.partners[slug].reply_term_working_days
        reply = reply or _weighted(rng, {"in_time": 78, "late": 16, "none": 6})
        if reply == "none":
            # Reminded the day after the term, escalated after the configured working
            # days (the daily job does both); then the handler takes it on.
            escalation = self.p.policy.partner_escalation_working_days
            self.day = self.p.calendar.add_working_days(
                forwarded, term + 1 + escalation + rng.randint(1, 4)
            )
            self._contact(*rng.choice(data.CONTACT_INFORMAL))
            self._informal_tail(reopen=reopen)
            return
        if reply == "in_time":
            self.day = self.p.calendar.add_working_days(forwarded, rng.randint(2, term - 1))
        else:  # after the reminder
            self.day = self.p.calendar.add_working_days(forwarded, term + rng.randint(2, 5))
        outcome = partner_outcome or _weighted(rng, data.PARTNER_REPLY_WEIGHTS)
        portal = slug == "schuldhulp-vangstad" and rng.random() < 0.5
        if via is not None:
            portal = via == "portal"
        self.add(
            PARTNER_REPLY,
            "partner" if portal else None,
            partner=slug,
            data={
                "name": "" if portal else rng.choice(data.PARTNER_REPLIERS),
                "action": rng.choice(data.PARTNER_REPLIES[outcome]),
                "outcome": outcome,
            },
        )
        if outcome != "not_reached" and (partner_outcome or rng.random() < 0.85):
            self.wait(1, 4)
            self.add(
                ProcedureStep.CLOSE_FORWARDED,
                data={"note": rng.choice(data.CLOSE_FORWARDED_NOTES)},
            )
            self.after_close(reopen=reopen)
            return
        # The partner could not solve it: the municipality handles it itself.
        self.wait(1, 3)
        if not any(step.action == ProcedureStep.LOG_CONTACT for step in self.steps):
            self._contact(*rng.choice(data.CONTACT_INFORMAL))
        else:
            self._contact(*rng.choice(data.CONTACT_FOLLOW_UP))
        self._informal_tail(reopen=reopen)

    def cooperation(self, *, reopen: str | None = None, **_script) -> None:
        """Several parties: one coordinating handler records each party's contribution
        and a joint case discussion, then resolves or judges the complaint."""
        rng = self.rng
        self.first_contact("informal")
        names = [partner.name for partner in self.plan.involved]
        for party in self.plan.involved[:2]:
            self.wait(2, 6)
            self.add(
                CONTRIBUTION,
                data={
                    "party": party,
                    "received_on": self.day,
                    "text": rng.choice(data.CONTRIBUTIONS),
                },
            )
        self.wait(2, 6)
        agreements = rng.choice(data.JOINT_AGREEMENTS).format(partner1=names[0], partner2=names[1])
        self.add(
            JOINT_DISCUSSION,
            data={
                "held_on": self.day,
                "participants": data.JOINT_PARTICIPANTS.format(
                    handler=self._name(self.handler), partner1=names[0], partner2=names[1]
                ),
                "agreements": agreements,
            },
        )
        if rng.random() < 0.7:
            self.wait(1, 4)
            self.add(
                ProcedureStep.RESOLVE_INFORMALLY,
                data={
                    "agreement": "Klager stemt in met de afspraken uit de casusbespreking: "
                    + agreements
                },
            )
            self.after_close(reopen=reopen)
        else:
            self._formal_tail(reopen=reopen)

    # -- after closing --------------------------------------------------------------

    def after_close(self, *, reopen: str | None = None, may_reopen: bool = True) -> None:
        """The satisfaction survey (sent by the system on closing) answered now and
        then; an unhappy answer seen by the coordinator or leading to reopening; and
        sometimes a reopening because the complainant calls."""
        rng = self.rng
        _state, outcome, _closed = simulate(sorted(self.steps, key=lambda step: step.day))
        surveyed = self.has_email and outcome not in NOT_SURVEYED
        if not may_reopen:
            reopen = None
        elif reopen == "survey" and not surveyed:
            reopen = "call"  # no e-mail, no survey: the complainant calls instead
        if surveyed and (reopen == "survey" or rng.random() < SURVEY_ANSWER_SHARE):
            self.day = self.day + timedelta(days=rng.randint(1, 10))
            score = 1 if reopen == "survey" else _weighted(rng, data.SURVEY_WEIGHTS)
            self.add(
                SURVEY_ANSWER,
                None,
                data={"satisfaction": score, "comment": rng.choice(data.SURVEY_COMMENTS[score])},
            )
            if score > 2:
                return
            self.day = self.p.calendar.roll_forward(self.day)
            self.wait(1, 4, paced=False)
            if not may_reopen or not (reopen == "survey" or rng.random() < REOPEN_AFTER_UNHAPPY):
                self.add(SURVEY_SEEN, "coordinator")
                return
            self._reopen(data.REOPEN_REASONS[1])
        elif may_reopen and (reopen == "call" or rng.random() < REOPEN_SHARE):
            if outcome in NOT_SURVEYED:
                return
            self.wait(5, 25, paced=False)
            self._reopen(rng.choice([data.REOPEN_REASONS[0], data.REOPEN_REASONS[2]]))

    def _reopen(self, reason: str) -> None:
        self.add(ProcedureStep.REOPEN, "coordinator", data={"reason": reason})
        self.wait(1, 3)
        self._contact(*self.rng.choice(data.CONTACT_FOLLOW_UP))
        self._informal_tail(may_reopen=False)


# --------------------------------------------------------------------------------------
# Carrying plans out through the services


@dataclass
class Numbering:
    """References per year of receipt, continuing from the counters already stored.
    (The demo itself lets the registration service number, in order of receipt; the
    bulk generator in bench/ numbers with this.)"""

    counters: dict[int, int]
    start: dict[int, int]

    @classmethod
    def load(cls) -> Numbering:
        stored = dict(ReferenceCounter.objects.values_list("year", "last_number"))
        return cls(counters=dict(stored), start=dict(stored))

    def next(self, year: int) -> str:
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"{year}-{self.counters[year]:05d}"

    def save(self, *, also: int) -> None:
        """Store the counters. `also`: a year the services numbered in (today's), whose
        counter must come back to what this numbering handed out."""
        for year in sorted(set(self.counters) | {also}):
            value = self.counters.get(year, self.start.get(year, 0))
            if value == 0 and year not in self.start:
                ReferenceCounter.objects.filter(year=year).delete()
            else:
                ReferenceCounter.objects.update_or_create(
                    year=year, defaults={"last_number": value}
                )


class Clock:
    """Remembers, for every step carried out, the stretch of real time it took and the
    moment of the plan it stands for. Every timestamp a service wrote during the step
    (the current moment) is moved to that moment afterwards (`move_timestamps`)."""

    def __init__(self) -> None:
        self.starts: list[datetime] = []
        self.ends: list[datetime] = []
        self.moments: list[datetime] = []
        self.began = timezone.now()
        self.ended = self.began

    @contextmanager
    def step(self, moment: datetime):
        start = timezone.now()
        try:
            yield
        finally:
            self.ended = timezone.now()
            self.starts.append(start)
            self.ends.append(self.ended)
            self.moments.append(moment)

    def moment(self, value: datetime | None) -> datetime | None:
        """The planned moment for a timestamp written during a step (None otherwise).
        Steps that write several rows keep their order, a fraction of a second apart."""
        if value is None:
            return None
        index = bisect.bisect_right(self.starts, value) - 1
        if index >= 0 and value <= self.ends[index]:
            return self.moments[index] + (value - self.starts[index])
        return None


#: Apps whose rows the demo's steps write (and whose timestamps move to the plan).
STAMPED_APPS = ("complaints", "letters", "surveys", "public")


def move_timestamps(clock: Clock) -> int:
    """Move every timestamp written while the plans were carried out to the planned
    moment of its step. A validity end in the future (`expires_at` = made + a term)
    moves with the row's `created_at`. Returns how many rows changed. (One UPDATE per
    row through `executemany`: much faster than `bulk_update`'s CASE for thousands of
    rows, and it passes by the append-only `Event.save` as `bulk_update` would.)"""
    changed = 0
    quote = connection.ops.quote_name
    for app_label in STAMPED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            stamped = [
                f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
            ]
            if not stamped:
                continue
            names = [f.attname for f in stamped]
            condition = models.Q()
            for name in names:
                condition |= models.Q(**{f"{name}__gte": clock.began})
            rows = model._base_manager.filter(condition).values_list("pk", *names)
            params = []
            for pk, *values in rows.iterator(chunk_size=2000):
                current = dict(zip(names, values, strict=True))
                moved = {}
                for name, value in current.items():
                    planned = clock.moment(value)
                    if planned is not None:
                        moved[name] = planned
                if "expires_at" in current and "created_at" in moved:
                    value = current["expires_at"]
                    if value is not None and value > clock.ended:
                        moved["expires_at"] = value + (moved["created_at"] - current["created_at"])
                if moved:
                    params.append(
                        [
                            f.get_db_prep_value(
                                moved.get(f.attname, current[f.attname]), connection
                            )
                            for f in stamped
                        ]
                        + [pk]
                    )
            if params:
                assignments = ", ".join(f"{quote(f.column)} = %s" for f in stamped)
                sql = (
                    f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
                    f"WHERE {quote(model._meta.pk.column)} = %s"
                )
                with connection.cursor() as cursor:
                    cursor.executemany(sql, params)
                changed += len(params)
    return changed


def _status_url(complaint: Complaint, moment: datetime) -> str:
    """A real status link for the acknowledgement, recorded with the validity it has
    from the step's moment (the service would write today's)."""
    from django.utils.functional import lazy

    from vangnet.public import statuslinks

    until = (moment + statuslinks.lifetime()).date()
    long_date = lazy(lambda day: date_format(day, "j F Y"), str)
    token = statuslinks.issue_status_link(
        complaint,
        summary=RecordText(
            _lazy("Statuslink gemaakt, geldig tot %(until)s."), until=long_date(until)
        ),
    )
    return settings.VANGNET["BASE_URL"] + reverse("public:status", args=[token])


def perform(step: Step, complaint: Complaint, org: Org) -> None:
    """Carry out one planned step through its service (under `deadlines.as_of`)."""
    from vangnet.surveys import services as surveys
    from vangnet.surveys.models import SurveyInvitation, SurveyResponse

    users = org.users
    actor = users[step.actor] if step.actor else None
    action = step.action
    if action == ASSIGN:
        services.assign_handler(actor=actor, complaint=complaint, handler=users[step.handler])
    elif action == NOTE:
        services.add_note(actor=actor, complaint=complaint, text=step.text)
    elif action == FORWARD:
        forwarding.forward_to_partner(
            actor=actor,
            complaint=complaint,
            partner=org.partners[step.partner],
            note=step.text,
            build_reply_url=forwarding.reply_url,
        )
    elif action == PARTNER_REPLY:
        forward = Forward.objects.get(complaint=complaint, partner=org.partners[step.partner])
        forwarding.record_partner_reply(forward=forward, actor=actor, **step.data)
    elif action == EXTEND:
        procedure.extend(actor=actor, complaint=complaint, **step.data)
    elif action == DELAY:
        procedure.delay_with_consent(actor=actor, complaint=complaint, **step.data)
    elif action == CONTRIBUTION:
        procedure.add_contribution(actor=actor, complaint=complaint, **step.data)
    elif action == JOINT_DISCUSSION:
        procedure.record_joint_discussion(actor=actor, complaint=complaint, **step.data)
    elif action == SURVEY_ANSWER:
        invitation = SurveyInvitation.objects.filter(
            complaint=complaint, answered_at__isnull=True
        ).latest("id")
        surveys.submit_response(invitation=invitation, **step.data)
    elif action == SURVEY_SEEN:
        response = SurveyResponse.objects.filter(
            invitation__complaint=complaint, handled_at__isnull=True
        ).latest("id")
        surveys.mark_handled(actor=actor, response=response)
    elif action == ProcedureStep.ACKNOWLEDGE:
        step_data = {}
        if complaint.complainant_email or complaint.representative_email:
            step_data["status_url"] = _status_url(complaint, step.at)
        procedure.perform(
            actor=actor, complaint=complaint, step=action, data=step_data, system=actor is None
        )
    elif action in ProcedureStep.values:
        procedure.perform(
            actor=actor, complaint=complaint, step=action, data=step.data, system=actor is None
        )
    else:  # pragma: no cover
        raise ValueError(action)


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

    first_message = (
        OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()
    ) or 0
    clock = Clock()
    complaints: dict[int, Complaint] = {}
    waiting = Forward.objects.filter(
        replied_at__isnull=True, complaint__state__in=OPEN_STATES
    ).filter(models.Q(reminded_on__isnull=True) | models.Q(escalated_on__isnull=True))
    first_letter = Letter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    pool = PdfPool()  # letter PDFs on the other cores (see pdfpool.py)
    with pool.deferring():
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
                    )
                continue
            with deadlines.as_of(step.day), clock.step(at):
                perform(step, complaints[index], org)

    pool.finish(Letter.objects.filter(pk__gt=first_letter).only("pk", "pdf"))
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
    ordered = [complaints[index] for index in range(len(plans))]
    _check(plans, ordered)
    return ordered


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


#: Partners (by slug) that have not yet sent their figures for the latest period, so
#: the coordinator's overview and the annual report show who is missing.
LATE_REPORTERS = ("regiotaxi-vangland", "pleegzorg-horizon")


def generate_partner_reports(org: Org, *, seed: int, today: date) -> int:
    """Each partner's own complaint figures for every period of last year and this year
    that has ended, through the partner portal's service (so they pass its checks); the
    latest period is missing for `LATE_REPORTERS`, and one period was corrected once."""
    from vangnet.partnerportal import figures
    from vangnet.partnerportal.models import PartnerReport, Source

    rng = random.Random(seed + 5)
    frequency = org.municipality.partner_report_frequency
    periods = [
        period
        for period in figures.periods_between(
            date(today.year - 1, 1, 1), today, frequency=frequency
        )
        if period[3] < today
    ]
    coordinator = org.users["coordinator"]
    made = 0
    for slug, partner in sorted(org.partners.items()):
        themes = list(partner.themes.order_by("slug")) or [None]
        for index, (year, code, _start, end) in enumerate(periods):
            if slug in LATE_REPORTERS and index == len(periods) - 1:
                continue
            versions = 2 if (slug, index) == (sorted(org.partners)[0], 0) else 1
            for _version in range(versions):
                lines = [_partner_line(rng, theme) for theme in themes]
                report = figures.submit_report(
                    partner=partner,
                    year=year,
                    period=code,
                    lines=lines,
                    actor=coordinator,
                    source=Source.FORM,
                )
                moment = datetime.combine(end + timedelta(days=rng.randint(5, 25)), time(10))
                PartnerReport.objects.filter(pk=report.pk).update(
                    submitted_at=min(moment, datetime.combine(today, time(9))).replace(tzinfo=TZ)
                )
                made += 1
    return made


def _partner_line(rng: random.Random, theme: Theme | None) -> dict:
    informal, not_handled, withdrawn = rng.randint(0, 9), rng.randint(0, 1), rng.randint(0, 1)
    well, partly, unfounded, none = (rng.randint(0, 2), rng.randint(0, 1), rng.randint(0, 3), 0)
    formal = well + partly + unfounded + none
    handled = informal + formal + not_handled + withdrawn
    return {
        "theme": theme,
        "received": handled + rng.randint(0, 2),
        "handled": handled,
        "resolved_informally": informal,
        "decided_formally": formal,
        "not_handled": not_handled,
        "withdrawn": withdrawn,
        "well_founded": well,
        "partly_well_founded": partly,
        "unfounded": unfounded,
        "no_judgment": none,
    }


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
