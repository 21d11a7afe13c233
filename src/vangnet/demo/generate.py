"""The deterministic demo generator.

`load_demo()` sets up Gemeente Vangstad (configuration and staff, from `data.py`) and
registers a complaint register through the domain services, so every complaint has a
real timeline. The same seed and the same 'today' give the same data.

Generation happens in two stages:

1. `Planner` draws a `Plan` per message from one `random.Random(seed)`: who complains
   about what, through which channel, and what happens next (assignment, start, notes,
   forwarding, closing), each step with its date and time. Plans are plain data; the
   benchmark generator (`bench/generate.py`) turns the same plans into rows in bulk.
2. `execute()` carries a plan out through `vangnet.complaints.services`. The services
   stamp everything with the current moment, so afterwards the generator moves the
   history back in time: event times, `created_at`, `closed_on`, `forwarded_on` and the
   reference (`<received year>-<number>`, numbered per year in order of receipt) are
   rewritten with `QuerySet.update` / `bulk_update` (the append-only `Event.save` is not
   used for this).
"""

from __future__ import annotations

import os
import random
import time as time_module
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from vangnet.complaints import deadlines, services
from vangnet.complaints.models import Complaint, Event, Forward, ReferenceCounter
from vangnet.complaints.workflow import Outcome, State
from vangnet.core.calendar import AtwCalendar
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.core.setup import ensure_roles
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

from . import data

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

FORMAL_MIX = {
    Outcome.RESOLVED_INFORMALLY: 40,
    Outcome.WELL_FOUNDED: 12,
    Outcome.PARTLY_WELL_FOUNDED: 12,
    Outcome.UNFOUNDED: 16,
    Outcome.NO_JUDGMENT: 3,
    Outcome.NOT_HANDLED: 7,
    Outcome.WITHDRAWN: 8,
    Outcome.FORWARDED_TO_BODY: 2,
}
LIGHT_MIX = {
    Outcome.RESOLVED_INFORMALLY: 62,
    Outcome.WELL_FOUNDED: 8,
    Outcome.PARTLY_WELL_FOUNDED: 6,
    Outcome.UNFOUNDED: 6,
    Outcome.NO_JUDGMENT: 4,
    Outcome.WITHDRAWN: 12,
    Outcome.NOT_HANDLED: 2,
}
FORWARDED_MIX = {
    Outcome.FORWARDED_TO_PARTNER: 55,
    Outcome.RESOLVED_INFORMALLY: 30,
    Outcome.WITHDRAWN: 5,
    Outcome.PARTLY_WELL_FOUNDED: 5,
    Outcome.WELL_FOUNDED: 5,
}
JUDGED = {
    Outcome.WELL_FOUNDED,
    Outcome.PARTLY_WELL_FOUNDED,
    Outcome.UNFOUNDED,
    Outcome.NO_JUDGMENT,
}

#: Order of steps planned on the same day.
STEP_ORDER = {"assign": 0, "start": 1, "forward": 2, "note": 3, "close": 4}


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
        calendar=deadlines.working_calendar(),
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
    for name, kind, is_default in data.BODIES:
        body = Body.objects.create(name=name, kind=kind, is_default=is_default)
        SecondLineArrangement.objects.create(
            body=body,
            ombudsman=national,
            effective_from=date(*data.SECOND_LINE_FROM),
            notes=data.SECOND_LINE_NOTE,
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
    action: str  # assign | start | forward | note | close
    day: date
    actor: str  # username
    handler: str = ""
    partner: str = ""
    text: str = ""
    outcome: str = ""
    at: datetime | None = None


@dataclass
class Plan:
    """One message and what happens to it. `data` holds registration fields as the
    service takes them (model instances for relations)."""

    data: dict
    involved: list[Partner]
    registrar: str | None  # username; None: the resident through the website
    registered_at: datetime
    steps: list[Step] = field(default_factory=list)

    @property
    def received_on(self) -> date:
        return self.data["received_on"]

    @property
    def is_complaint(self) -> bool:
        return self.data["kind"] == "complaint"

    def _step(self, action: str) -> Step | None:
        return next((step for step in self.steps if step.action == action), None)

    @property
    def handler(self) -> str | None:
        step = self._step("assign")
        return step.handler if step else None

    @property
    def state(self) -> str:
        if not self.is_complaint or self._step("close"):
            return State.CLOSED
        return State.IN_PROGRESS if self._step("start") else State.RECEIVED

    @property
    def outcome(self) -> str:
        if not self.is_complaint:
            return Outcome.NOT_A_COMPLAINT
        step = self._step("close")
        return step.outcome if step else ""

    @property
    def closed_on(self) -> date | None:
        if not self.is_complaint:
            return self.received_on
        step = self._step("close")
        return step.day if step else None

    @property
    def forwards(self) -> list[Step]:
        return [step for step in self.steps if step.action == "forward"]

    @property
    def last_at(self) -> datetime:
        return self.steps[-1].at if self.steps else self.registered_at


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normalised if c.isascii() and (c.isalnum() or c in ".-"))


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
        plans = [self.plan(**kwargs) for kwargs in scripted]
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
                "fate": "open",
                "received_on": self.find_received_on(lambda d: d < today - timedelta(days=3)),
            },
            {
                **mine,
                "theme": "participatiewet-bijstand",
                "fate": "open",
                "received_on": self.find_received_on(lambda d: d < today),
            },
            {
                **mine,
                "theme": "participatiewet-bijstand",
                "fate": "open",
                "received_on": self.find_received_on(lambda d: today <= d <= soon),
            },
            {
                **mine,
                "theme": "schuldhulpverlening",
                "fate": "open",
                "received_on": self.find_received_on(lambda d: soon < d <= until),
            },
            {**mine, "theme": "schuldhulpverlening", "fate": "open", "days_ago": 19},
            {**mine, "theme": "participatiewet-bijstand", "fate": "new", "days_ago": 1},
            # Forwarded to the `partner` user's organisation: one open, one closed.
            {
                "handler": "handler",
                "subject": "partner",
                "partner": "schuldhulp-vangstad",
                "forward": True,
                "fate": "open",
                "days_ago": 11,
            },
            {
                "handler": "handler",
                "subject": "partner",
                "partner": "schuldhulp-vangstad",
                "forward": True,
                "fate": Outcome.FORWARDED_TO_PARTNER,
                "days_ago": 95,
            },
            # One of each kind, whatever the sample size.
            {"subject": "cooperation", "fate": Outcome.RESOLVED_INFORMALLY, "days_ago": 150},
            {"kind": "report", "days_ago": 40},
            {"channel": "phone", "light": "oral", "fate": "open", "days_ago": 8},
            {
                "committee": True,
                "light": "",
                "subject": "municipality",
                "fate": Outcome.WELL_FOUNDED,
                "days_ago": 200,
            },
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
        forward: bool | None = None,
        fate: str | None = None,
    ) -> Plan:
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
        self._plan_handling(
            plan,
            department=department,
            handler=handler,
            forward=forward,
            fate=fate,
            subject=subject,
        )
        return plan

    def _plan_handling(self, plan: Plan, *, department, handler, forward, fate, subject) -> None:
        rng = self.rng
        today = self.today
        received_on = plan.received_on
        age = (today - received_on).days
        registration = plan.data

        if fate == "unassigned":
            return
        if fate is None and (
            (age == 0 and rng.random() < 0.5)
            or (age == 1 and rng.random() < 0.25)
            or (age <= 3 and rng.random() < 0.1)
        ):
            return  # waiting for triage
        if registration["body"].kind == "raad":
            handler = "coordinator"
        handler = handler or self._pick_handler(department)
        late_registration = plan.registered_at.hour >= 15
        assign_day = self._add_working_days(
            received_on, rng.choice([0, 0, 1, 1, 2]) + (1 if late_registration else 0)
        )
        assign_day = min(assign_day, today)
        start_day = min(self._add_working_days(assign_day, rng.choice([0, 1, 1, 2, 3])), today)
        if fate == "new":
            start_day = None

        # Forwarding to the partner complained about (or one of the parties involved).
        forward_to = ""
        if forward or (forward is None and subject == "partner" and rng.random() < 0.5):
            forward_to = registration["partner"].slug
        elif forward is None and subject == "cooperation" and rng.random() < 0.3:
            forward_to = plan.involved[0].slug

        # How and when it ends.
        outcome = ""
        close_day = None
        if fate not in {"open", "new"}:
            if fate:
                outcome = fate
            elif forward_to:
                outcome = _weighted(rng, FORWARDED_MIX)
            elif registration["is_formal"]:
                outcome = _weighted(rng, FORMAL_MIX)
            else:
                outcome = _weighted(rng, LIGHT_MIX)
            lead = self._lead_days(outcome, registration["advisory_committee"])
            close_day = self.calendar.roll_forward(received_on + timedelta(days=lead))
            if close_day > today:
                # Still open, unless the script wants it closed by now.
                close_day = self._working_day_back(today) if fate else None
            elif fate is None and 43 <= age <= 150 and rng.random() < 0.1:
                close_day = None  # forgotten: open past its due date
        if close_day is not None:
            close_day = max(close_day, received_on)
            assign_day = min(assign_day, close_day)
            if start_day is not None:
                start_day = min(start_day, close_day)
        horizon = close_day or today

        steps = [Step("assign", assign_day, "coordinator", handler=handler)]
        if start_day is not None:
            steps.append(Step("start", start_day, handler))
        if forward_to:
            forward_day = min(
                self._add_working_days(start_day or assign_day, rng.choice([0, 1, 2, 3])),
                horizon,
            )
            steps.append(
                Step(
                    "forward",
                    forward_day,
                    handler,
                    partner=forward_to,
                    text=rng.choice(data.FORWARD_NOTES),
                )
            )
        if start_day is not None and rng.random() < 0.75:
            note_day = min(self._add_working_days(start_day, rng.choice([0, 0, 1, 2])), horizon)
            steps.append(Step("note", note_day, handler, text=rng.choice(data.FIRST_CONTACT_NOTES)))
        if start_day is not None and registration["advisory_committee"]:
            note_day = min(self._add_working_days(start_day, rng.randint(2, 6)), horizon)
            steps.append(Step("note", note_day, handler, text=rng.choice(data.COMMITTEE_NOTES)))
        if close_day is not None and outcome in JUDGED and rng.random() < 0.6:
            hearing_day = max(
                start_day or assign_day,
                self._working_day_back(close_day - timedelta(days=rng.randint(5, 15))),
            )
            steps.append(Step("note", hearing_day, handler, text=rng.choice(data.HEARING_NOTES)))
        if close_day is None and start_day is not None and age > 10 and rng.random() < 0.4:
            progress_day = start_day + timedelta(days=rng.randint(1, age - 1))
            progress_day = min(self._working_day_back(progress_day), today)
            if progress_day >= start_day:
                steps.append(
                    Step("note", progress_day, handler, text=rng.choice(data.PROGRESS_NOTES))
                )
        if close_day is not None:
            text = rng.choice(data.CLOSING_NOTES[outcome]).format(
                oplossing=rng.choice(data.INFORMAL_SOLUTIONS)
            )
            steps.append(Step("close", close_day, handler, outcome=outcome, text=text))

        steps.sort(key=lambda step: (step.day, STEP_ORDER[step.action]))
        previous = plan.registered_at
        for step in steps:
            step.at = self._stamp(step.day, previous)
            previous = step.at
        plan.steps = steps

    def _lead_days(self, outcome: str, committee: bool) -> int:
        """Calendar days from receipt to closing, by how the complaint ends."""
        rng = self.rng
        if outcome == Outcome.RESOLVED_INFORMALLY:
            return int(rng.triangular(2, 28, 8))
        if outcome in JUDGED:
            late = rng.random() < 0.25
            if committee:
                return int(rng.triangular(71, 100, 78) if late else rng.triangular(45, 70, 63))
            return int(rng.triangular(43, 80, 50) if late else rng.triangular(16, 42, 34))
        if outcome == Outcome.NOT_HANDLED:
            return int(rng.triangular(5, 28, 18))
        if outcome == Outcome.WITHDRAWN:
            return int(rng.triangular(2, 40, 10))
        if outcome == Outcome.FORWARDED_TO_PARTNER:
            return int(rng.triangular(10, 45, 24))
        return int(rng.triangular(1, 10, 3))  # forwarded to another body

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
        )


# --------------------------------------------------------------------------------------
# Carrying plans out through the services


@dataclass
class Numbering:
    """References per year of receipt, continuing from the counters already stored."""

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


def execute(plan: Plan, org: Org, numbering: Numbering) -> tuple[Complaint, list[Event]]:
    """Register the plan's message and carry out its steps through the services, then
    move its history to the planned moments. Returns the complaint and its events (with
    the planned `at`, for a bulk update)."""
    users = org.users
    complaint = services.register_complaint(
        actor=users[plan.registrar] if plan.registrar else None,
        data=plan.data,
        involved_partners=plan.involved,
    )
    forwards: list[tuple[str, date]] = []
    for step in plan.steps:
        actor = users[step.actor]
        if step.action == "assign":
            services.assign_handler(
                actor=users["coordinator"], complaint=complaint, handler=users[step.handler]
            )
        elif step.action == "start":
            complaint = services.transition(
                actor=actor, complaint=complaint, target=State.IN_PROGRESS
            )
        elif step.action == "forward":
            services.forward_to_partner(
                actor=actor,
                complaint=complaint,
                partner=org.partners[step.partner],
                note=step.text,
            )
            forwards.append((step.partner, step.day))
        elif step.action == "note":
            services.add_note(actor=actor, complaint=complaint, text=step.text)
        elif step.action == "close":
            complaint = services.transition(
                actor=actor,
                complaint=complaint,
                target=State.CLOSED,
                outcome=step.outcome,
                note=step.text,
            )
        else:  # pragma: no cover
            raise ValueError(step.action)

    complaint.reference = numbering.next(plan.received_on.year)
    complaint.search_text = complaint.build_search_text()
    Complaint.objects.filter(pk=complaint.pk).update(
        reference=complaint.reference,
        search_text=complaint.search_text,
        created_at=plan.registered_at,
        updated_at=plan.last_at,
        closed_on=plan.closed_on,
    )
    for partner_slug, day in forwards:
        Forward.objects.filter(complaint=complaint, partner=org.partners[partner_slug]).update(
            forwarded_on=day
        )
    moments = [plan.registered_at] + [step.at for step in plan.steps]
    event_ids = list(
        Event.objects.filter(complaint=complaint).order_by("id").values_list("id", flat=True)
    )
    if len(event_ids) != len(moments):  # pragma: no cover
        raise RuntimeError(f"{complaint}: {len(event_ids)} events for {len(moments)} steps")
    events = [Event(pk=pk, at=at) for pk, at in zip(event_ids, moments, strict=True)]
    return complaint, events


def generate_complaints(
    *, count: int, seed: int = DEFAULT_SEED, today: date | None = None, org: Org | None = None
) -> int:
    """Register `count` demo messages (complaints and a few non-complaints) over the last
    two years through the services. Returns how many were made."""
    org = org or load_org()
    today = today or deadlines.today()
    plans = Planner(org, seed=seed, today=today).plans(count)
    with transaction.atomic():
        numbering = Numbering.load()
        events: list[Event] = []
        for plan in plans:
            _complaint, planned = execute(plan, org, numbering)
            events.extend(planned)
        Event.objects.bulk_update(events, ["at"], batch_size=500)
        numbering.save(also=deadlines.today().year)
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
