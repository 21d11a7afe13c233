"""The planner: draws a `Plan` for every demo message from one `random.Random(seed)`.
Who complains about what, through which channel and on which path (Awb 9:4), then how
the complaint is handled (`routes.Route`): each step with its day and moment, cut off
at today, so recent complaints are open in every state, and checked against the
transition table. Same seed and same `today`: same plans. The bulk generator in
bench/ draws its rows with this planner too."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from vangnet.complaints import deadlines
from vangnet.complaints.workflow import STEP_OUTCOMES, Outcome, State
from vangnet.complaints.workflow import Step as ProcedureStep
from vangnet.organisations.models import Body, Partner

from . import data, people, showcase
from .conduct import conduct_dates
from .organisation import Org
from .plans import SURVEY_ANSWER, TZ, Plan, Step, simulate, weighted
from .routes import Route

HISTORY_DAYS = 730

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
#: Share of complaints about a partner that is forwarded to it; of cooperation
#: complaints with the parties' contributions (and a joint discussion).
FORWARD_SHARE = 0.65
COOPERATION_RECORDS_SHARE = 0.1


@dataclass
class About:
    """What a complaint is about, as the planner draws it."""

    subject: str
    theme: str
    department: str | None
    body: Body
    partner: Partner | None
    involved: list[Partner] = field(default_factory=list)
    person: str = ""
    description: str = ""
    desired: str = ""


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

    def deadlines_for(self, received_on: date, advisory_committee: bool) -> deadlines.Deadlines:
        key = (received_on, advisory_committee)
        if key not in self._deadline_cache:
            self._deadline_cache[key] = deadlines.compute(
                received_on=received_on,
                committee_on=received_on if advisory_committee else None,
                policy=self.policy,
                calendar=self.calendar,
            )
        return self._deadline_cache[key]

    def working_day_back(self, day: date) -> date:
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

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
        return weighted(rng, dict(data.DEPARTMENT_HANDLERS[department]))

    def find_received_on(self, accept: Callable[[date], bool], *, oldest: int = 120) -> date:
        """The most recent day (at least a day ago, a working day if one fits) whose
        decide_by `accept`s."""
        candidates = [self.today - timedelta(days=n) for n in range(1, oldest)]
        fitting = [day for day in candidates if accept(self.deadlines_for(day, False).decide_by)]
        if not fitting:  # pragma: no cover
            raise RuntimeError("No received date fits")
        working = [day for day in fitting if self.calendar.is_working_day(day)]
        return (working or fitting)[0]

    def plans(self, count: int) -> list[Plan]:
        """`count` plans in order of receipt: a few scripted ones (so the demo users
        always have something to see), the rest drawn at random."""
        scripted = showcase.scripted(self)[:count]
        plans = [self.plan(**{"kind": "complaint", **kwargs}) for kwargs in scripted]
        plans += [self.plan() for _ in range(count - len(plans))]
        plans.sort(key=lambda plan: (plan.received_on, plan.registered_at))
        return plans

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
        kind = kind or weighted(rng, KIND_WEIGHTS)
        channel = channel or weighted(rng, CHANNEL_WEIGHTS)
        if received_on is None:
            if days_ago is None:
                days_ago = rng.randrange(self.history_days)
            received_on = self.today - timedelta(days=days_ago)
            if channel not in {"web", "social_media"}:
                received_on = self.working_day_back(received_on)
        if kind != "complaint":
            return self._not_complaint(kind, channel, received_on)

        about = self._about(received_on, subject=subject, theme=theme, partner=partner)
        registration = self._registration(
            about, channel=channel, received_on=received_on, light=light, committee=committee
        )
        registrar = self._registrar(channel, about.department)
        registered_at = self._stamp(received_on, None, web=registrar is None)

        plan = Plan(
            data=registration,
            involved=about.involved,
            registrar=registrar,
            registered_at=registered_at,
        )
        self._plan_handling(plan, handler=handler, department=about.department, fate=fate, **script)
        return plan

    def _about(
        self, received_on: date, *, subject: str | None, theme: str | None, partner: str | None
    ) -> About:
        """What the complaint is about: its subject, theme, department, body and text."""
        rng = self.rng
        org = self.org
        subject = subject or weighted(rng, SUBJECT_WEIGHTS)
        involved: list[Partner] = []
        partner_obj = None
        body = org.bodies["college"]
        person = ""
        desired = None
        if subject == "partner":
            slug = partner or weighted(rng, self.partner_weights)
            spec = self.partner_specs[slug]
            partner_obj = org.partners[slug]
            theme = theme or rng.choice(spec["themes"])
            department: str | None = spec["department"]
            description = people.fill(
                rng, rng.choice(data.PARTNER_TEXTS[slug]), received_on, partner=partner_obj.name
            )
        elif subject == "cooperation":
            slugs, theme, department, text = rng.choice(data.COOPERATION_CASES)
            involved = [org.partners[slug] for slug in slugs]
            description = people.fill(
                rng, text, received_on, partner1=involved[0].name, partner2=involved[1].name
            )
        elif theme is None and rng.random() < data.COUNCIL_SHARE:
            theme, text, desired = rng.choice(data.COUNCIL_TEXTS)
            body = org.bodies["raad"]
            department = None
            description = people.fill(rng, text, received_on)
        else:
            theme = theme or weighted(rng, self.theme_weights)
            department = self.theme_department[theme]
            texts = data.COMPLAINT_TEXTS[theme]
            description = people.fill(rng, rng.choice(texts["descriptions"]), received_on)
            if texts["persons"] and rng.random() < 0.3:
                person = rng.choice(texts["persons"])
            if rng.random() < data.MAYOR_SHARE.get(theme, 0):
                body = org.bodies["burgemeester"]
        if desired is None:
            outcomes = data.COMPLAINT_TEXTS[theme]["outcomes"]
            desired = rng.choice(outcomes) if rng.random() < 0.8 else ""
        if rng.random() < 0.3:
            description += " " + rng.choice(data.EXTRA_SENTENCES)
        return About(
            subject=subject,
            theme=theme,
            department=department,
            body=body,
            partner=partner_obj,
            involved=involved,
            person=person,
            description=description,
            desired=desired,
        )

    def _complainant(self, channel: str, light: str | None) -> tuple[dict, str]:
        """Who complains (name, address, e-mail, phone) and the path (Awb 9:4: `light`
        is the reason for the lighter path, "" for a complaint that meets the rules)."""
        rng = self.rng
        first, last = people.person(rng)
        name = f"{first} {last}"
        street = f"{rng.choice(data.STREETS)} {rng.randint(1, 180)}"
        postcode = f"{rng.randint(9990, 9999)} {rng.choice('ABCEGHKLMNPRTVXZ')}" + rng.choice(
            "ABCEGHKLMNPRTVXZ"
        )
        city = data.CITY
        email = people.email(rng, first, last) if rng.random() < 0.85 else ""
        phone = people.phone(rng) if rng.random() < 0.7 else ""
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
        who = {
            "name": name,
            "street": street,
            "postcode": postcode,
            "city": city,
            "email": email,
            "phone": phone,
        }
        return who, light

    def _registration(
        self,
        about: About,
        *,
        channel: str,
        received_on: date,
        light: str | None,
        committee: bool | None,
    ) -> dict:
        """The registration fields as the service takes them."""
        rng = self.rng
        org = self.org
        who, light = self._complainant(channel, light)
        description = about.description
        if light == "third_party":
            description = rng.choice(data.THIRD_PARTY_PREFIXES) + description
        available = {
            "email": 6 if who["email"] else 0,
            "phone": 3 if who["phone"] else 0,
            "letter": 1 if who["street"] else 0,
        }
        preferred = weighted(rng, available) if any(available.values()) else "email"
        is_formal = not light
        if committee is None:
            committee = is_formal and rng.random() < 0.05
        registration = {
            "kind": "complaint",
            "received_on": received_on,
            "channel": channel,
            "body": about.body,
            "theme": org.themes[about.theme],
            "neighbourhood": weighted(rng, self.neighbourhoods) if rng.random() < 0.85 else "",
            "subject_type": about.subject,
            "department": org.departments[about.department] if about.department else None,
            "person_complained_about": about.person,
            "partner": about.partner,
            "complainant_name": who["name"],
            "complainant_street": who["street"],
            "complainant_postcode": who["postcode"],
            "complainant_city": who["city"],
            "complainant_email": who["email"],
            "complainant_phone": who["phone"],
            "preferred_contact": preferred,
            "description": description,
            "desired_outcome": about.desired,
            "is_formal": is_formal,
            "light_path_reason": light,
            "formality_note": rng.choice(data.LIGHT_PATH_NOTES[light]) if light else "",
            "advisory_committee": committee,
        }
        registration.update(conduct_dates(received_on, description))
        if rng.random() < 0.04:
            rep_first, rep_last = people.person(rng)
            registration["representative_name"] = (
                f"{rep_first} {rep_last} ({rng.choice(data.REPRESENTATIVES)})"
            )
            registration["representative_email"] = people.email(rng, rep_first, rep_last)
        return registration

    def _registrar(self, channel: str, department: str | None) -> str | None:
        """Who registers it (a username; None: the resident through the website)."""
        rng = self.rng
        if channel == "web" and rng.random() < 0.85:
            return None
        if channel in {"phone", "counter"} and department and rng.random() < 0.5:
            return self._pick_handler(department)
        return "coordinator"

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
        """Draw how the complaint is handled (`route`, see `routes.Route`), cut it off at
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
        builder = Route(self, plan, handler=handler)
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
                route = weighted(rng, FORMAL_ROUTES if registration["is_formal"] else LIGHT_ROUTES)
            # Forgotten: open past its due date.
            stall = stall or (43 <= age <= 150 and rng.random() < 0.08)
        builder.begin(acknowledge=not (route == "to_body" and rng.random() < 0.5))
        if script.pop("corrected", False):
            builder.correct_registration()
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
        first, last = people.person(rng)
        email = people.email(rng, first, last) if rng.random() < 0.8 else ""
        phone = people.phone(rng) if not email or rng.random() < 0.3 else ""
        registration = {
            "kind": kind,
            "received_on": received_on,
            "channel": channel,
            "body": self.org.bodies["college"],
            "theme": self.org.themes[theme],
            "neighbourhood": weighted(rng, self.neighbourhoods) if rng.random() < 0.7 else "",
            "complainant_name": f"{first} {last}",
            "complainant_email": email,
            "complainant_phone": phone,
            "preferred_contact": "email" if email else "phone",
            "description": people.fill(rng, text, received_on),
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
