"""The demo's learning and second-line data (issue 6), made after the complaint register:
lessons on closed complaints, improvement measures, case discussions with their
follow-up actions, rule bottlenecks and ombudsman cases with recommendations.

The rows are written directly (few queries, bulk where there are many) from the
fictional content in `data.py`, with days counted back from today, and kept within
what the models' constraints and the services allow: a measure has one owner and a
`closed_on` exactly when done or cancelled; a bottleneck's decision has a date (that of
its case discussion); an ombudsman case's outcome has a date; a recommendation is made
on or after the case's receipt, with its term after it and a response not before it.
Complaints are chosen in a fixed order with one `random.Random`, so the same register
gives the same data. Linked complaints get the ombudsman case on their timeline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, ComplaintPart, Event, Kind
from vangnet.complaints.norms import NORMS
from vangnet.complaints.workflow import Outcome, State
from vangnet.learning.models import (
    Bottleneck,
    CaseDiscussion,
    Cause,
    FollowUpAction,
    Lesson,
    Measure,
    OmbudsmanCase,
    Recommendation,
)
from vangnet.organisations.models import Ombudsman

from . import data

TZ = ZoneInfo("Europe/Amsterdam")
#: An ombudsman takes up a complaint after the municipality closed it, within a year
#: (Awb 9:24); the demo keeps at least this many days between the two.
SECOND_LINE_GAP = 14
#: Outcomes an ombudsman case's complaint preferably has (judged in a formal handling).
JUDGED = (Outcome.WELL_FOUNDED, Outcome.PARTLY_WELL_FOUNDED, Outcome.UNFOUNDED)


@dataclass
class LearningSummary:
    lessons: int = 0
    measures: int = 0
    discussions: int = 0
    bottlenecks: int = 0
    ombudsman_cases: int = 0
    recommendations: int = 0
    events: list[tuple[Event, datetime]] = field(default_factory=list, repr=False)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _long_date(day: date) -> str:
    return f"{day.day} {data.MONTHS[day.month - 1]} {day.year}"


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=TZ)


def generate_learning(org, *, seed: int, today: date) -> LearningSummary:
    """Make the demo's learning and second-line data. `org` is `organisation.Org`."""
    with translation.override(settings.LANGUAGE_CODE):  # the timeline's language
        return _generate(org, seed=seed, today=today)


def _generate(org, *, seed: int, today: date) -> LearningSummary:
    rng = random.Random(seed + 6)
    summary = LearningSummary()
    complaints = list(
        Complaint.objects.filter(kind=Kind.COMPLAINT)
        .select_related("department", "partner", "handler")
        .order_by("received_on", "reference")
    )
    closed = [c for c in complaints if c.state == State.CLOSED and c.closed_on]
    _lessons(rng, closed, org, summary)
    _measures(rng, closed, org, today, summary)
    discussions = _discussions(rng, complaints, org, today, summary)
    _bottlenecks(rng, complaints, discussions, org, today, summary)
    _ombudsman_cases(rng, closed, org, today, summary)
    _stamp_events(summary.events)
    return summary


# --- lessons ---------------------------------------------------------------------------


def _lessons(rng, closed: list[Complaint], org, summary: LearningSummary) -> None:
    causes = {cause.name: cause for cause in Cause.objects.filter(is_active=True)}
    if not causes:  # the default list was changed: nothing to record with
        return
    fallback = next(iter(causes.values()))
    # The norms the decision named per part of the complaint: a decided complaint's
    # lesson reuses them (as the conclusion step does), never asks again.
    decided: dict[int, set[str]] = {}
    parts = ComplaintPart.objects.filter(
        complaint__kind=Kind.COMPLAINT, complaint__state=State.CLOSED
    )
    for complaint_id, norms in parts.values_list("complaint_id", "norms"):
        decided.setdefault(complaint_id, set()).update(norms or [])
    lessons = []
    for complaint in closed:
        share = data.LESSON_SHARE.get(complaint.outcome)
        if share is None or rng.random() >= share:
            continue
        weights = data.LESSON_CAUSES[complaint.outcome]
        if complaint.subject_type == "cooperation":
            name = "Samenwerking tussen organisaties"
        else:
            name = _weighted(rng, weights)
        cause = causes.get(name, fallback)
        if decided.get(complaint.pk):
            norms = [code for code in NORMS if code in decided[complaint.pk]]
        else:
            norms = list(data.LESSON_NORMS.get(name, []))
            norms = norms[: rng.randint(1, 3)] if norms else []
        texts = data.LESSON_TEXTS.get(name, [""])
        lessons.append(
            Lesson(
                complaint=complaint,
                cause=cause,
                lessons=rng.choice(texts) if rng.random() < 0.8 else "",
                norms=norms,
                recorded_on=complaint.closed_on,
                recorded_by=complaint.handler or org.users["coordinator"],
            )
        )
    Lesson.objects.bulk_create(lessons, batch_size=500)
    summary.lessons = len(lessons)


# --- improvement measures -------------------------------------------------------------


def _owner(spec: str, org) -> dict:
    kind, name = spec.split(":", 1)
    if kind == "department":
        return {"department": org.departments[name]}
    return {"partner": org.partners[name]}


def _owned_by(complaint: Complaint, owner: dict) -> bool:
    if "department" in owner:
        return complaint.department_id == owner["department"].pk and not complaint.partner_id
    return complaint.partner_id == owner["partner"].pk


def _measures(rng, closed, org, today: date, summary: LearningSummary) -> None:
    coordinator = org.users["coordinator"]
    made: list[tuple[Measure, list[Complaint]]] = []
    for spec in data.MEASURES:
        owner_spec, title, description, state, opened_ago, due_after, closed_ago, result = spec
        owner = _owner(owner_spec, org)
        opened_on = today - timedelta(days=opened_ago)
        # The complaints that led to it: the owner's latest ones closed before.
        led = sorted(
            (c for c in closed if _owned_by(c, owner) and c.closed_on <= opened_on),
            key=lambda c: (c.closed_on, c.reference),
        )
        led = led[-rng.randint(1, 3) :] if led else []
        measure = Measure(
            title=title,
            description=description,
            state=state,
            opened_on=opened_on,
            due_on=opened_on + timedelta(days=due_after),
            closed_on=today - timedelta(days=closed_ago) if closed_ago is not None else None,
            result=result,
            created_by=coordinator,
            **owner,
        )
        made.append((measure, led))
    Measure.objects.bulk_create([measure for measure, _led in made])
    links = [
        Measure.complaints.through(measure_id=measure.pk, complaint_id=complaint.pk)
        for measure, led in made
        for complaint in led
    ]
    Measure.complaints.through.objects.bulk_create(links)
    for measure, _led in made:
        moment = _moment(measure.opened_on, 10)
        Measure.objects.filter(pk=measure.pk).update(
            created_at=moment,
            updated_at=_moment(measure.closed_on, 15) if measure.closed_on else moment,
        )
    summary.measures = len(made)


# --- case discussions and rule bottlenecks ---------------------------------------------


def _discussions(rng, complaints, org, today: date, summary) -> list[CaseDiscussion]:
    coordinator = org.users["coordinator"]
    discussions = []
    for (
        held_ago,
        subject,
        participants,
        departments,
        partners,
        agreements,
        actions,
    ) in data.CASE_DISCUSSIONS:
        held_on = today - timedelta(days=held_ago)
        discussion = CaseDiscussion.objects.create(
            held_on=held_on,
            subject=subject,
            participants=participants,
            agreements=agreements,
            created_by=coordinator,
        )
        department_objs = [org.departments[name] for name in departments]
        partner_objs = [org.partners[slug] for slug in partners]
        discussion.departments.set(department_objs)
        discussion.partners.set(partner_objs)
        # A few complaints of those departments and partners from the months before.
        ids = {d.pk for d in department_objs}
        partner_ids = {p.pk for p in partner_objs}
        talked = [
            c
            for c in complaints
            if (c.department_id in ids or c.partner_id in partner_ids)
            and held_on - timedelta(days=150) <= c.received_on <= held_on - timedelta(days=7)
        ]
        discussion.complaints.add(*talked[-rng.randint(2, 4) :])
        FollowUpAction.objects.bulk_create(
            FollowUpAction(
                discussion=discussion,
                description=description,
                owner=owner,
                due_on=held_on + timedelta(days=due_after),
                done_on=held_on + timedelta(days=done_after) if done_after is not None else None,
            )
            for description, owner, due_after, done_after in actions
        )
        CaseDiscussion.objects.filter(pk=discussion.pk).update(
            created_at=_moment(held_on, 16), updated_at=_moment(held_on, 16)
        )
        discussions.append(discussion)
    summary.discussions = len(discussions)
    return discussions


def _bottlenecks(rng, complaints, discussions, org, today: date, summary) -> None:
    used: set[int] = set()
    made = []
    for spec in data.BOTTLENECKS:
        (
            department,
            rule,
            problem,
            proposal,
            discussion_index,
            raised_ago,
            decision,
            note,
            follow_up,
            done_after,
        ) = spec
        discussion = discussions[discussion_index] if discussion_index is not None else None
        # Raised some time before the discussion, or `raised_ago` days ago.
        latest = (
            discussion.held_on - timedelta(days=7)
            if discussion
            else today - timedelta(days=raised_ago)
        )
        candidates = [c for c in complaints if c.pk not in used and c.received_on <= latest]
        own = [c for c in candidates if c.department and c.department.name == department]
        pool = own or candidates
        if not pool:
            continue
        complaint = pool[-1]
        used.add(complaint.pk)
        raised_on = min(complaint.received_on + timedelta(days=rng.randint(3, 20)), latest)
        decided_on = discussion.held_on if decision else None
        done_on = (
            decided_on + timedelta(days=done_after)
            if decided_on and done_after is not None
            else None
        )
        made.append(
            Bottleneck(
                complaint=complaint,
                rule=rule,
                problem=problem,
                proposal=proposal,
                raised_on=raised_on,
                raised_by=complaint.handler or org.users["coordinator"],
                discussion=discussion,
                decision=decision,
                decision_note=note,
                decided_on=decided_on,
                follow_up=follow_up,
                follow_up_done_on=done_on,
            )
        )
        if discussion:
            discussion.complaints.add(complaint)
    Bottleneck.objects.bulk_create(made)
    for bottleneck in made:
        Bottleneck.objects.filter(pk=bottleneck.pk).update(
            created_at=_moment(bottleneck.raised_on, 11)
        )
    summary.bottlenecks = len(made)


# --- ombudsman cases ---------------------------------------------------------------------


def _case_complaint(closed, received_on: date, used: set[int]) -> Complaint | None:
    """A complaint the municipality closed between a year and `SECOND_LINE_GAP` days
    before the ombudsman received the case; a judged one if there is one."""
    fitting = [
        c
        for c in closed
        if c.pk not in used
        and received_on - timedelta(days=365) <= c.closed_on
        and c.closed_on <= received_on - timedelta(days=SECOND_LINE_GAP)
    ]
    judged = [c for c in fitting if c.outcome in JUDGED]
    pool = judged or fitting
    return max(pool, key=lambda c: (c.closed_on, c.reference)) if pool else None


def _ombudsman_cases(rng, closed, org, today: date, summary: LearningSummary) -> None:
    national = Ombudsman.objects.get(kind=Ombudsman.Kind.NATIONAL)
    coordinator = org.users["coordinator"]
    default_body = next(body for body in org.bodies.values() if body.is_default)
    used: set[int] = set()
    numbers: set[int] = set()
    for spec in data.OMBUDSMAN_CASES:
        received_ago, closed_after, kind, outcome, linked, text, outcome_note, advice = spec
        received_on = today - timedelta(days=received_ago)
        complaint = _case_complaint(closed, received_on, used) if linked else None
        if complaint is not None:
            used.add(complaint.pk)
        number = _case_number(rng, numbers)
        closed_on = received_on + timedelta(days=closed_after) if closed_after else None
        case = OmbudsmanCase.objects.create(
            ombudsman=national,
            reference=f"{received_on.year}.{number}",
            received_on=received_on,
            body=complaint.body if complaint else default_body,
            complaint=complaint,
            kind=kind,
            summary=text,
            closed_on=closed_on,
            outcome=outcome,
            outcome_note=outcome_note,
            created_by=coordinator,
        )
        OmbudsmanCase.objects.filter(pk=case.pk).update(
            created_at=_moment(received_on, 9),
            updated_at=_moment(closed_on or received_on, 9),
        )
        summary.ombudsman_cases += 1
        label = f"{national} {case.reference}"
        if complaint:
            summary.events.append(
                _case_event(
                    complaint,
                    coordinator,
                    Action.OMBUDSMAN_CASE,
                    f"Ombudsmanzaak geregistreerd: {label} "
                    f"({OmbudsmanCase.Kind(kind).label}), ontvangen op "
                    f"{_long_date(received_on)}.",
                    _moment(received_on, 9),
                )
            )
        recommendations = _recommendations(
            case, advice, closed_on or received_on, complaint, coordinator, label, summary.events
        )
        Recommendation.objects.bulk_create(recommendations)
        summary.recommendations += len(recommendations)
        if complaint and closed_on:
            summary.events.append(
                _case_event(
                    complaint,
                    coordinator,
                    Action.OMBUDSMAN_CASE,
                    f"Ombudsmanzaak {label} afgesloten op {_long_date(closed_on)}: "
                    f"{OmbudsmanCase.Outcome(outcome).label}.",
                    _moment(closed_on, 9),
                )
            )


def _case_number(rng, numbers: set[int]) -> int:
    """The ombudsman's own case number, not used before in the demo."""
    number = rng.randint(10_000, 99_999)
    while number in numbers:
        number = rng.randint(10_000, 99_999)
    numbers.add(number)
    return number


def _case_event(complaint, actor, action, summary: str, at: datetime) -> tuple[Event, datetime]:
    """A timeline event on the linked complaint, with the moment it is stamped with."""
    return (Event(complaint=complaint, actor=actor, action=action, summary=summary), at)


def _recommendations(
    case, advice, made_on: date, complaint, coordinator, label: str, events: list
) -> list[Recommendation]:
    """The case's recommendations (made when the case closed, or on receipt) and, on
    the linked complaint's timeline, each one and the response to it."""
    recommendations = []
    for advice_text, weeks, response, answered_after, response_text in advice:
        responded_on = made_on + timedelta(days=answered_after) if response else None
        recommendation = Recommendation(
            case=case,
            text=advice_text,
            made_on=made_on,
            respond_by=made_on + timedelta(weeks=weeks),
            responded_on=responded_on,
            response=response,
            response_text=response_text,
        )
        recommendations.append(recommendation)
        if not complaint:
            continue
        events.append(
            _case_event(
                complaint,
                coordinator,
                Action.OMBUDSMAN_RECOMMENDATION,
                f"Aanbeveling van {label} van {_long_date(made_on)}; reageren "
                f"uiterlijk {_long_date(recommendation.respond_by)}: "
                f"{advice_text}",
                _moment(made_on, 10),
            )
        )
        if responded_on:
            late = " (te laat)" if responded_on > recommendation.respond_by else ""
            events.append(
                _case_event(
                    complaint,
                    coordinator,
                    Action.OMBUDSMAN_RECOMMENDATION,
                    f"Reactie op aanbeveling van {label}: "
                    f"{Recommendation.Response(response).label}, op "
                    f"{_long_date(responded_on)}{late}.",
                    _moment(responded_on, 14),
                )
            )
    return recommendations


def _stamp_events(events: list[tuple[Event, datetime]]) -> None:
    """Write the timeline events, each at its own moment (`Event.at` is stamped with
    now on insert, so it is moved afterwards; the rows are new, not changed)."""
    if not events:
        return
    rows = Event.objects.bulk_create([event for event, _at in events])
    for event, (_row, at) in zip(rows, events, strict=True):
        Event.objects.filter(pk=event.pk).update(at=at)
