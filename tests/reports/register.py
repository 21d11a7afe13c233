"""A register built by hand for the reconciliation test: about forty complaints over
2024–2026 that cover every handling route, outcome, channel, extension, consent, late
case and year boundary, plus non-complaints, forwards, surveys and two decisions on one
complaint. Rows are written directly (not through the services) so every date is exactly
what the spec says; `SPECS` is the single source both the database rows and the test's
independent oracle are made from. The same holds for issue 6's learning and second-line
rows (LESSONS, MEASURES, BOTTLENECKS, DISCUSSIONS, CASES, ARRANGEMENTS), which point at
complaints through `Spec.key`."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from vangnet.complaints import deadlines
from vangnet.complaints.models import (
    AcknowledgementNotSent,
    Channel,
    Complaint,
    Contact,
    ContactChannel,
    Decision,
    Forward,
    JudgmentPart,
    Kind,
    Postponement,
    SubjectType,
)
from vangnet.complaints.workflow import DeclineGround, Judgment, Outcome, State
from vangnet.core.calendar import AtwCalendar
from vangnet.letters.models import Letter
from vangnet.organisations.models import Body, InhabitantCount
from vangnet.surveys.models import SurveyInvitation, SurveyResponse

LOCAL = ZoneInfo("Europe/Amsterdam")
W, P, F, NO = (
    Outcome.WELL_FOUNDED,
    Outcome.PARTLY_WELL_FOUNDED,
    Outcome.UNFOUNDED,
    Outcome.NO_JUDGMENT,
)


@dataclass
class Spec:
    received: date
    closed: date | None = None
    outcome: str = ""
    kind: str = Kind.COMPLAINT
    channel: str = Channel.WEB
    theme: str = "debt"  # attribute of the `org` fixture
    department: str | None = "dept_social"
    partner: str | None = None
    subject: str = SubjectType.MUNICIPALITY
    body: str = "college"
    neighbourhood: str = ""
    due_days: int = 42  # legal due date = received + due_days (already Atw-rolled)
    ground: str = ""
    #: Acknowledgement letter made at this local moment (None: never acknowledged).
    ack_at: datetime | None = "default"  # type: ignore[assignment]
    ack_days: int = 5  # acknowledge_by = received + ack_days
    #: (day, reached) of contacts with the complainant.
    contacts: list[tuple[date, bool]] | None = None
    contact_days: int = 3  # first_contact_by = received + contact_days
    postponements: list[str] = field(default_factory=list)  # kinds; each moves due by 28 days
    #: Decisions (older first), each a list of (judgment, norms) parts; measures per decision.
    decisions: list[list[tuple[str, list[str]]]] = field(default_factory=list)
    measures: str = ""
    #: Forwards: (partner attr, forwarded_on, reply due, replied local datetime or None).
    forwards: list[tuple[str, date, date, datetime | None]] = field(default_factory=list)
    #: Survey answer: (satisfaction 1..5, answered at local datetime).
    survey: tuple[int, datetime] | None = None
    #: A name the learning and second-line rows below use to point at this complaint.
    key: str = ""
    #: The advisory committee asked this many days after receipt (None: no committee).
    committee_days: int | None = None
    #: No name, address or e-mail: the acknowledgement could not be sent.
    anonymous: bool = False

    @property
    def due(self) -> date:
        days = self.due_days
        if self.committee_days is not None and self.committee_days <= 42:
            days = 70  # ten weeks: the committee was known within the six
        return self.received + timedelta(days=days + 28 * len(self.postponements))

    @property
    def ack_moment(self) -> datetime | None:
        if self.ack_at == "default":
            return datetime.combine(self.received + timedelta(days=1), datetime.min.time()).replace(
                hour=10, tzinfo=LOCAL
            )
        return self.ack_at

    @property
    def contact_list(self) -> list[tuple[date, bool]]:
        if self.contacts is None:
            return [(self.received + timedelta(days=2), True)]
        return self.contacts


def d(text: str) -> date:
    return date.fromisoformat(text)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL)


SPECS: list[Spec] = [
    # --- 2024 (the previous year) ---
    Spec(d("2024-02-01"), d("2024-02-10"), Outcome.RESOLVED_INFORMALLY),
    Spec(
        d("2024-03-05"),
        d("2024-04-20"),
        W,
        channel=Channel.EMAIL,
        theme="waste",
        department="dept_space",
        decisions=[[(Judgment.WELL_FOUNDED, ["promptness"])]],
        key="c2024_w",
    ),
    Spec(
        d("2024-06-10"), d("2024-06-12"), Outcome.WITHDRAWN, channel=Channel.PHONE, key="c2024_wd"
    ),
    Spec(
        d("2024-09-01"),
        d("2024-10-30"),
        F,
        channel=Channel.LETTER,
        theme="waste",
        department="dept_space",
        decisions=[[(Judgment.UNFOUNDED, [])]],
        survey=(2, local("2024-11-15T12:00")),
        key="c2024_f",
    ),
    Spec(
        d("2024-11-20"),
        d("2024-11-22"),
        Outcome.FORWARDED_TO_PARTNER,
        partner="partner",
        subject=SubjectType.PARTNER,
        department=None,
        forwards=[("partner", d("2024-11-21"), d("2024-12-05"), local("2024-12-01T09:00"))],
    ),
    Spec(d("2024-12-10"), None, kind=Kind.QUESTION),
    # Year boundary: received 31-12-2024, closed 2-1-2025 (open at start of 2025).
    Spec(
        d("2024-12-31"),
        d("2025-01-02"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.PHONE,
        ack_at=local("2025-01-02T09:00"),
        ack_days=2,
        key="c2024_boundary",
    ),
    # --- 2025 (the report year) ---
    # Informal resolutions (9:5), every channel once.
    Spec(
        d("2025-01-01"),
        d("2025-12-31"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.WEB,
        due_days=42,
    ),  # late: closed long after the due date
    Spec(
        d("2025-01-15"),
        d("2025-01-20"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.EMAIL,
        neighbourhood="Centrum",
        survey=(5, local("2025-02-01T10:00")),
    ),
    Spec(
        d("2025-02-03"),
        d("2025-02-14"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.LETTER,
        neighbourhood="Centrum",
        survey=(4, local("2025-03-01T10:00")),
    ),
    Spec(
        d("2025-02-20"),
        d("2025-03-01"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.PHONE,
        theme="waste",
        department="dept_space",
        neighbourhood="Noord",
        survey=(1, local("2025-03-10T10:00")),
        key="c2025_phone",
    ),
    Spec(
        d("2025-03-10"),
        d("2025-03-21"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.COUNTER,
        theme="public_space",
        department="dept_space",
        # Acknowledged 23:30 UTC on the last day = 00:30 the next day in Amsterdam: late.
        ack_at=datetime(2025, 3, 14, 23, 30, tzinfo=UTC),
        ack_days=4,
    ),
    Spec(
        d("2025-04-01"),
        d("2025-04-08"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.SOCIAL_MEDIA,
        theme="social",
        ack_at=None,
        contacts=[(d("2025-04-02"), False), (d("2025-04-07"), True)],
    ),
    # Formal decisions with judgments and norms.
    Spec(
        d("2025-04-10"),
        d("2025-05-20"),
        W,
        channel=Channel.EMAIL,
        decisions=[[(Judgment.WELL_FOUNDED, ["decent_treatment", "promptness"])]],
        measures="Werkinstructie aangepast.",
        survey=(4, local("2025-06-01T10:00")),
        key="c2025_w_april",
    ),
    Spec(
        d("2025-04-15"),
        d("2025-05-26"),
        P,
        channel=Channel.LETTER,
        theme="waste",
        department="dept_space",
        neighbourhood="Noord",
        decisions=[
            [(Judgment.WELL_FOUNDED, ["good_information"]), (Judgment.UNFOUNDED, ["transparent"])]
        ],
        key="c2025_p_april",
    ),
    Spec(
        d("2025-05-02"),
        d("2025-06-10"),
        F,
        channel=Channel.WEB,
        decisions=[[(Judgment.UNFOUNDED, ["listening"])]],
        survey=(2, local("2025-06-20T10:00")),
    ),
    Spec(
        d("2025-05-06"),
        d("2025-06-13"),
        NO,
        channel=Channel.PHONE,
        decisions=[[(Judgment.NO_JUDGMENT, [])]],
    ),
    # Advisory committee: 10 weeks.
    Spec(
        d("2025-05-12"),
        d("2025-07-18"),
        W,
        channel=Channel.LETTER,
        due_days=70,
        decisions=[
            [
                (Judgment.WELL_FOUNDED, ["decent_treatment"]),
                (Judgment.PARTLY_WELL_FOUNDED, ["fair_play", "promptness"]),
            ]
        ],
        measures="Training bejegening.",
        key="c2025_committee",
    ),
    # Extended (9:11 lid 2): closed after the original term, within the new one.
    Spec(
        d("2025-06-02"),
        d("2025-08-01"),
        F,
        channel=Channel.EMAIL,
        postponements=[Postponement.Kind.EXTENSION],
        decisions=[[(Judgment.UNFOUNDED, [])]],
    ),
    # Extended, then delayed with written consent: on time.
    Spec(
        d("2025-06-16"),
        d("2025-09-10"),
        P,
        channel=Channel.WEB,
        theme="waste",
        department="dept_space",
        postponements=[Postponement.Kind.EXTENSION, Postponement.Kind.CONSENT],
        decisions=[[(Judgment.PARTLY_WELL_FOUNDED, ["reliability"])]],
    ),
    # Late without consent.
    Spec(
        d("2025-07-01"),
        d("2025-09-01"),
        W,
        channel=Channel.COUNTER,
        decisions=[[(Judgment.WELL_FOUNDED, ["promptness", "good_organisation"])]],
    ),
    # Reopened: an earlier decision (unfounded) and the latest (well-founded).
    Spec(
        d("2025-07-07"),
        d("2025-10-02"),
        W,
        channel=Channel.EMAIL,
        due_days=60,
        decisions=[
            [(Judgment.UNFOUNDED, ["cooperation"])],
            [(Judgment.WELL_FOUNDED, ["tailored"])],
        ],
        measures="Maatwerk mogelijk.",
        key="c2025_reopened",
    ),
    # Not handled (9:8), withdrawn, forwarded.
    Spec(
        d("2025-07-14"), d("2025-08-01"), Outcome.NOT_HANDLED, ground=DeclineGround.HANDLED_BEFORE
    ),
    Spec(
        d("2025-07-20"),
        d("2025-08-10"),
        Outcome.NOT_HANDLED,
        channel=Channel.EMAIL,
        ground=DeclineGround.OLDER_THAN_A_YEAR,
        theme="waste",
        department="dept_space",
    ),
    Spec(
        d("2025-08-04"),
        d("2025-10-01"),
        Outcome.NOT_HANDLED,
        channel=Channel.LETTER,
        ground=DeclineGround.OBJECTION_POSSIBLE,
    ),  # late
    Spec(
        d("2025-08-11"),
        d("2025-08-12"),
        Outcome.WITHDRAWN,
        channel=Channel.PHONE,
        ack_at=None,
        contacts=[],
    ),
    Spec(
        d("2025-08-18"),
        d("2025-08-20"),
        Outcome.FORWARDED_TO_PARTNER,
        partner="partner",
        subject=SubjectType.PARTNER,
        department=None,
        forwards=[("partner", d("2025-08-19"), d("2025-09-02"), local("2025-08-29T15:00"))],
    ),
    Spec(
        d("2025-09-01"),
        d("2025-09-03"),
        Outcome.FORWARDED_TO_PARTNER,
        partner="partner",
        subject=SubjectType.PARTNER,
        department=None,
        channel=Channel.EMAIL,
        forwards=[("partner", d("2025-09-02"), d("2025-09-16"), local("2025-09-30T09:00"))],
    ),
    Spec(
        d("2025-09-08"),
        d("2025-09-09"),
        Outcome.FORWARDED_TO_PARTNER,
        partner="other_partner",
        subject=SubjectType.PARTNER,
        department=None,
        theme="waste",
        forwards=[("other_partner", d("2025-09-09"), d("2025-09-23"), None)],
    ),
    Spec(
        d("2025-09-15"),
        d("2025-09-18"),
        Outcome.FORWARDED_TO_BODY,
        channel=Channel.LETTER,
        department=None,
    ),
    # About a partner, handled by the municipality itself.
    Spec(
        d("2025-09-22"),
        d("2025-10-20"),
        Outcome.RESOLVED_INFORMALLY,
        partner="other_partner",
        subject=SubjectType.PARTNER,
        department=None,
        theme="waste",
        neighbourhood="Noord",
    ),
    # Cooperation complaint.
    Spec(
        d("2025-10-01"),
        d("2025-11-05"),
        P,
        subject=SubjectType.COOPERATION,
        decisions=[
            [(Judgment.WELL_FOUNDED, ["cooperation"]), (Judgment.NO_JUDGMENT, ["decent_treatment"])]
        ],
    ),
    # Another body (the mayor).
    Spec(
        d("2025-10-06"),
        d("2025-10-09"),
        Outcome.RESOLVED_INFORMALLY,
        body="mayor",
        channel=Channel.PHONE,
        theme="public_space",
        department="dept_space",
        key="c2025_mayor",
    ),
    # Still open at the end of 2025: overdue, not yet due, and closed in 2026.
    Spec(d("2025-10-01"), None, channel=Channel.EMAIL, contacts=[]),
    Spec(
        d("2025-12-01"),
        None,
        channel=Channel.WEB,
        theme="waste",
        department="dept_space",
        key="c2025_open_dec",
    ),
    Spec(
        d("2025-12-30"),
        d("2026-01-05"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.PHONE,
        survey=(5, local("2026-01-10T10:00")),
        key="c2025_dec30",
    ),
    Spec(d("2025-12-31"), None, channel=Channel.SOCIAL_MEDIA, theme="social"),
    # Closed in 2025 and answered in 2026 (local time): not in 2025's satisfaction.
    Spec(
        d("2025-11-03"),
        d("2025-11-10"),
        Outcome.RESOLVED_INFORMALLY,
        channel=Channel.WEB,
        survey=(5, datetime(2025, 12, 31, 23, 30, tzinfo=UTC)),
    ),
    # The advisory committee (Awb 9:11 with 9:14): asked within the six weeks, the term
    # is ten and closing after nine weeks is on time; asked after the six weeks ran
    # out, the term stays six and the same closing is late.
    Spec(
        d("2025-02-04"),
        d("2025-04-08"),
        F,
        committee_days=40,
        decisions=[[(Judgment.UNFOUNDED, [])]],
        key="c2025_committee_in_time",
    ),
    Spec(
        d("2025-02-03"),
        d("2025-04-07"),
        F,
        committee_days=45,
        decisions=[[(Judgment.UNFOUNDED, [])]],
        key="c2025_committee_late",
    ),
    # Anonymous: no acknowledgement possible, counted apart; no contact either.
    Spec(
        d("2025-05-12"),
        d("2025-06-02"),
        NO,
        channel=Channel.PHONE,
        decisions=[[(Judgment.NO_JUDGMENT, [])]],
        ack_at=None,
        contacts=[],
        anonymous=True,
        key="c2025_anonymous",
    ),
    # Non-complaints in 2025 (redirected and closed at once).
    Spec(d("2025-03-03"), d("2025-03-03"), Outcome.NOT_A_COMPLAINT, kind=Kind.REPORT),
    Spec(d("2025-06-03"), d("2025-06-03"), Outcome.NOT_A_COMPLAINT, kind=Kind.OBJECTION),
    Spec(d("2025-06-04"), d("2025-06-04"), Outcome.NOT_A_COMPLAINT, kind=Kind.QUESTION),
    Spec(d("2025-11-04"), d("2025-11-04"), Outcome.NOT_A_COMPLAINT, kind=Kind.REPORT),
    # --- 2026 ---
    Spec(d("2026-01-12"), None, channel=Channel.WEB),
]

INHABITANTS = {2024: 79_500, 2025: 80_000}

#: Partners' own quarterly figures: (partner attr, year, quarter, version, is current,
#: [(theme attr or None, received, handled, informal, formal, not handled, withdrawn,
#:   well-founded, partly, unfounded, no judgment)]).
PARTNER_REPORTS = [
    ("partner", 2024, "Q4", 1, True, [("debt", 3, 3, 2, 1, 0, 0, 1, 0, 0, 0)]),
    (
        "partner",
        2025,
        "Q1",
        1,
        True,
        [("debt", 7, 6, 3, 2, 1, 0, 1, 1, 0, 0), (None, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)],
    ),
    # Q2 corrected: version 1 is kept but no longer counts.
    ("partner", 2025, "Q2", 1, False, [("debt", 50, 0, 0, 0, 0, 0, 0, 0, 0, 0)]),
    ("partner", 2025, "Q2", 2, True, [("debt", 5, 5, 4, 1, 0, 0, 0, 0, 1, 0)]),
    ("partner", 2025, "Q3", 1, True, [("social", 4, 4, 2, 2, 0, 0, 0, 1, 0, 1)]),
    ("partner", 2025, "Q4", 1, True, [("debt", 6, 5, 2, 2, 0, 1, 1, 0, 1, 0)]),
    ("other_partner", 2025, "Q1", 1, True, [("waste", 12, 11, 9, 1, 1, 0, 0, 0, 1, 0)]),
    # A quarter of 2026 does not count for 2025.
    ("partner", 2026, "Q1", 1, True, [("debt", 9, 9, 9, 0, 0, 0, 0, 0, 0, 0)]),
]
REPORTED = (
    "received", "handled", "resolved_informally", "decided_formally", "not_handled",
    "withdrawn", "well_founded", "partly_well_founded", "unfounded", "no_judgment",
)  # fmt: skip
QUARTERS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12)}


def quarter_days(year: int, quarter: str) -> tuple[date, date]:
    first, last = QUARTERS[quarter]
    end = date(year + (last == 12), last % 12 + 1, 1) - timedelta(days=1)
    return date(year, first, 1), end


# --- Learning and the second line (issue 6) ----------------------------------------------
# Free texts that must never reach a report (checked by the privacy tests).
LESSON_TEXT = "Les-geheim: mevrouw Register kreeg geen uitleg"
RULE_TEXT = "Regel-geheim: artikel 7 van de verordening"
RESPONSE_TEXT = "Reactie-geheim aan de ombudsman"
SUMMARY_TEXT = "Zaak-geheim over Jan Register"
MEASURE_TEXT = "Maatregel-geheim: werkinstructie"
SECRET_TEXTS = (LESSON_TEXT, RULE_TEXT, RESPONSE_TEXT, SUMMARY_TEXT, MEASURE_TEXT)

#: Lessons: (complaint key, cause name, recorded on).
CAUSE_A, CAUSE_B, CAUSE_C = "Communicatie en informatie", "Bejegening", "Termijn niet gehaald"
LESSONS = [
    ("c2024_w", CAUSE_A, d("2024-04-21")),
    # Recorded on the day the year-boundary complaint closed: 2025.
    ("c2024_boundary", CAUSE_C, d("2025-01-02")),
    ("c2025_w_april", CAUSE_A, d("2025-05-20")),
    ("c2025_p_april", CAUSE_B, d("2025-05-26")),
    ("c2025_reopened", CAUSE_A, d("2025-10-02")),
    ("c2025_mayor", CAUSE_C, d("2025-10-09")),
    # Closed and recorded in 2026.
    ("c2025_dec30", CAUSE_B, d("2026-01-05")),
]


@dataclass
class MeasureSpec:
    opened: date
    due: date
    state: str = "open"
    closed: date | None = None
    complaints: list[str] = field(default_factory=list)  # complaint keys
    owner: str = "dept_social"  # attribute of `org`: a department or a partner


MEASURES = [
    # 2024: done in time; one overdue at the end of 2024 and done in February 2025.
    MeasureSpec(d("2024-05-01"), d("2024-09-01"), "done", d("2024-08-15"), ["c2024_w"]),
    MeasureSpec(d("2024-11-01"), d("2024-12-15"), "done", d("2025-02-01"), ["c2024_f"]),
    # 2025: done in time.
    MeasureSpec(d("2025-05-20"), d("2025-09-01"), "done", d("2025-08-30"), ["c2025_w_april"]),
    # Still open and overdue at the end of 2025.
    MeasureSpec(d("2025-07-18"), d("2025-10-01"), "in_progress", None, ["c2025_committee"]),
    # Done after the year end: overdue at the end of 2025, completed in 2026.
    MeasureSpec(d("2025-10-02"), d("2025-12-01"), "done", d("2026-01-15"), ["c2025_reopened"]),
    # Cancelled: neither completed nor overdue.
    MeasureSpec(d("2025-03-01"), d("2025-06-01"), "cancelled", d("2025-04-01"), ["c2025_phone"]),
    # Due on the last day of the year: not yet overdue at its end.
    MeasureSpec(d("2025-11-01"), d("2025-12-31"), "open", None, ["c2025_open_dec"], "partner"),
    # Linked to complaints of both bodies: once in every report.
    MeasureSpec(
        d("2025-10-10"),
        d("2026-03-01"),
        "open",
        None,
        ["c2025_mayor", "c2025_p_april"],
        "dept_space",
    ),
    # Linked to no complaint: only in the report for all bodies; overdue at the end of 2025.
    MeasureSpec(d("2025-06-01"), d("2025-07-01"), "open", None, []),
]


@dataclass
class BottleneckSpec:
    complaint: str
    raised: date
    decision: str = ""
    decided: date | None = None


BOTTLENECKS = [
    BottleneckSpec("c2024_wd", d("2024-06-11"), "stays", d("2024-07-01")),
    # Raised in 2024, decided in 2025.
    BottleneckSpec("c2024_boundary", d("2024-12-31"), "stays", d("2025-01-05")),
    BottleneckSpec("c2025_committee", d("2025-05-20"), "changed", d("2025-06-15")),
    BottleneckSpec("c2025_reopened", d("2025-07-10"), "exception", d("2025-09-01")),
    # Raised in 2025, decided in 2026.
    BottleneckSpec("c2025_open_dec", d("2025-12-15"), "changed", d("2026-01-20")),
    BottleneckSpec("c2025_mayor", d("2025-10-07")),  # not decided
]

#: Case discussions: (held on, complaint keys discussed).
DISCUSSIONS = [
    (d("2024-06-20"), ["c2024_wd"]),
    (d("2025-06-15"), ["c2025_committee"]),
    (d("2025-10-08"), ["c2025_mayor", "c2025_reopened"]),
    (d("2025-11-20"), []),  # no complaint: only in the report for all bodies
    (d("2026-04-01"), ["c2025_open_dec"]),  # planned: after "today" in the tests
]


@dataclass
class CaseSpec:
    """An ombudsman case; `recommendations`: (made on, respond by, responded on, response)."""

    ombudsman: str  # key of OMBUDSMEN
    reference: str
    received: date
    closed: date | None = None
    outcome: str = ""
    body: str = "college"
    complaint: str | None = None
    kind: str = "intervention"
    recommendations: list[tuple[date, date, date | None, str]] = field(default_factory=list)


CASES = [
    # 2024.
    CaseSpec(
        "national", "NO-24-1", d("2024-03-01"), d("2024-06-01"), "intervention",
        complaint="c2024_w",
    ),
    # Opened in 2024, closed in 2025 with a report and a recommendation followed in time.
    CaseSpec(
        "national", "NO-24-2", d("2024-11-05"), d("2025-02-10"), "report", complaint="c2024_f",
        kind="report",
        recommendations=[(d("2025-02-10"), d("2025-04-10"), d("2025-03-20"), "followed")],
    ),
    # 2025.
    CaseSpec("national", "NO-25-1", d("2025-02-01"), d("2025-05-01"), "not_admissible"),
    CaseSpec(
        "national", "NO-25-2", d("2025-05-15"), d("2025-11-01"), "report",
        complaint="c2025_committee", kind="report",
        recommendations=[
            # Partly followed, in time.
            (d("2025-11-01"), d("2025-12-15"), d("2025-12-01"), "partly"),
            # Answered in 2026, after the term: awaiting and late at the end of 2025.
            (d("2025-11-01"), d("2025-12-15"), d("2026-01-10"), "not_followed"),
            # Never answered, the term passed in 2025: awaiting and late.
            (d("2025-11-01"), d("2025-11-30"), None, ""),
        ],
    ),
    CaseSpec("joint", "GO-25-1", d("2025-07-10"), d("2025-09-01"), "other"),
    # Closed in the next year.
    CaseSpec(
        "joint", "GO-25-2", d("2025-08-01"), d("2026-02-01"), "intervention",
        complaint="c2025_reopened", kind="investigation",
    ),
    CaseSpec(
        "joint", "GO-25-3", d("2025-09-01"), d("2025-12-01"), "report", kind="report",
        recommendations=[
            # Not followed, answered a day before the term.
            (d("2025-12-01"), d("2025-12-20"), d("2025-12-19"), "not_followed"),
            # Not answered; the term ends in 2026: awaiting, not late.
            (d("2025-12-01"), d("2026-02-01"), None, ""),
            # Followed, but answered after the term: late.
            (d("2025-12-01"), d("2025-12-10"), d("2025-12-12"), "followed"),
        ],
    ),
    CaseSpec(
        "national", "NO-25-3", d("2025-03-01"), d("2025-04-01"), "intervention", body="mayor",
        complaint=None,
    ),
    # 2026.
    CaseSpec("joint", "GO-26-1", d("2026-01-20")),
]  # fmt: skip


@dataclass
class ArrangementSpec:
    body: str
    ombudsman: str
    effective_from: date
    cost_model: str
    amount_per_inhabitant: Decimal | None = None
    yearly_amount: Decimal | None = None
    included_complaints: int | None = None
    price_per_extra_complaint: Decimal | None = None


#: The college's row of 2000 is the `org` fixture's (given cost terms here); it switches
#: to the joint ombudsman on 1 July 2025. The mayor has an own ombudsman at a fixed cost.
ARRANGEMENTS = [
    ArrangementSpec("college", "national", d("2000-01-01"), "per_inhabitant",
                    amount_per_inhabitant=Decimal("0.50")),
    ArrangementSpec("college", "joint", d("2025-07-01"), "contribution",
                    yearly_amount=Decimal("10000.00"), included_complaints=2,
                    price_per_extra_complaint=Decimal("500.00")),
    ArrangementSpec("mayor", "own", d("2020-01-01"), "fixed", yearly_amount=Decimal("1000.00")),
]  # fmt: skip


_counter = itertools.count(1)


def _stamp(model, pk: int, moment: datetime, field: str = "created_at") -> None:
    model.objects.filter(pk=pk).update(**{field: moment})


def _decide_by(spec: Spec) -> date:
    """The stored due date: by the rule in code for a complaint with a committee
    (`deadlines.decide_weeks`; these dates need no Atw roll-over), else the spec's."""
    if spec.committee_days is None:
        return spec.due
    weeks = deadlines.decide_weeks(
        received_on=spec.received,
        committee_on=spec.received + timedelta(days=spec.committee_days),
        calendar=AtwCalendar(),
    )
    return spec.received + timedelta(weeks=weeks)


def build(org) -> list[tuple[Spec, Complaint]]:
    """Write SPECS to the database; return each spec with its complaint."""
    for year, inhabitants in INHABITANTS.items():
        InhabitantCount.objects.create(
            municipality=org.municipality, year=year, inhabitants=inhabitants
        )
    built = []
    for spec in SPECS:
        number = next(_counter)
        is_complaint = spec.kind == Kind.COMPLAINT
        complaint = Complaint.objects.create(
            reference=f"{spec.received.year}-R{number:04d}",
            kind=spec.kind,
            state=State.CLOSED if spec.closed else State.IN_PROGRESS,
            received_on=spec.received,
            closed_on=spec.closed,
            outcome=spec.outcome,
            decline_ground=spec.ground,
            channel=spec.channel,
            body=getattr(org, spec.body),
            theme=getattr(org, spec.theme),
            department=getattr(org, spec.department) if spec.department else None,
            partner=getattr(org, spec.partner) if spec.partner else None,
            subject_type=spec.subject,
            neighbourhood=spec.neighbourhood,
            complainant_name="" if spec.anonymous else "Jan Register",
            complainant_email="" if spec.anonymous else "jan@example.invalid",
            acknowledgement_not_sent=AcknowledgementNotSent.NO_ADDRESS if spec.anonymous else "",
            advisory_committee=spec.committee_days is not None,
            committee_known_on=(
                spec.received + timedelta(days=spec.committee_days)
                if spec.committee_days is not None
                else None
            ),
            description="Hand-built complaint for the reconciliation test.",
            decide_by=_decide_by(spec) if is_complaint else None,
            acknowledge_by=spec.received + timedelta(days=spec.ack_days) if is_complaint else None,
            first_contact_by=(
                spec.received + timedelta(days=spec.contact_days) if is_complaint else None
            ),
            postponed_to=spec.due if spec.postponements else None,
        )
        if is_complaint:
            _details(org, spec, complaint)
        built.append((spec, complaint))
    _partner_reports(org)
    _learning(org, {spec.key: complaint for spec, complaint in built if spec.key})
    return built


def ombudsmen(org) -> dict:
    """The ombudsmen of the register by key (the fixture's national one and two more)."""
    from vangnet.organisations.models import Ombudsman

    joint, _new = Ombudsman.objects.get_or_create(
        name="Gezamenlijke Ombudsman",
        defaults={"kind": Ombudsman.Kind.JOINT, "address": "Postbus 1"},
    )
    own, _new = Ombudsman.objects.get_or_create(
        name="Ombudscommissie Testwijk",
        defaults={"kind": Ombudsman.Kind.OWN, "address": "Postbus 2"},
    )
    return {"national": org.ombudsman, "joint": joint, "own": own}


def _learning(org, complaints: dict[str, Complaint]) -> None:
    from vangnet.learning.models import (
        Bottleneck,
        CaseDiscussion,
        Cause,
        Lesson,
        Measure,
        OmbudsmanCase,
        Recommendation,
    )
    from vangnet.organisations.models import Department, SecondLineArrangement

    by_key = ombudsmen(org)
    for spec in ARRANGEMENTS:
        SecondLineArrangement.objects.update_or_create(
            body=getattr(org, spec.body),
            effective_from=spec.effective_from,
            defaults={
                "ombudsman": by_key[spec.ombudsman],
                "cost_model": spec.cost_model,
                "amount_per_inhabitant": spec.amount_per_inhabitant,
                "yearly_amount": spec.yearly_amount,
                "included_complaints": spec.included_complaints,
                "price_per_extra_complaint": spec.price_per_extra_complaint,
            },
        )
    for key, cause, day in LESSONS:
        Lesson.objects.create(
            complaint=complaints[key],
            cause=Cause.objects.get_or_create(name=cause)[0],
            lessons=LESSON_TEXT,
            norms=["promptness"],
            recorded_on=day,
        )
    for spec in MEASURES:
        owner = getattr(org, spec.owner)
        measure = Measure.objects.create(
            title=MEASURE_TEXT,
            description=MEASURE_TEXT,
            department=owner if isinstance(owner, Department) else None,
            partner=None if isinstance(owner, Department) else owner,
            opened_on=spec.opened,
            due_on=spec.due,
            state=spec.state,
            closed_on=spec.closed,
            result=MEASURE_TEXT if spec.closed else "",
        )
        measure.complaints.set([complaints[key] for key in spec.complaints])
    discussions = []
    for held_on, keys in DISCUSSIONS:
        discussion = CaseDiscussion.objects.create(
            held_on=held_on,
            subject="Casusoverleg",
            participants="Jan Register",
            agreements=RULE_TEXT,
        )
        discussion.complaints.set([complaints[key] for key in keys])
        discussions.append(discussion)
    for spec in BOTTLENECKS:
        Bottleneck.objects.create(
            complaint=complaints[spec.complaint],
            rule=RULE_TEXT,
            problem=RULE_TEXT,
            proposal=RULE_TEXT,
            raised_on=spec.raised,
            decision=spec.decision,
            decided_on=spec.decided,
            decision_note=RULE_TEXT if spec.decision else "",
        )
    for spec in CASES:
        case = OmbudsmanCase.objects.create(
            ombudsman=by_key[spec.ombudsman],
            reference=spec.reference,
            received_on=spec.received,
            body=getattr(org, spec.body),
            complaint=complaints[spec.complaint] if spec.complaint else None,
            kind=spec.kind,
            summary=SUMMARY_TEXT,
            closed_on=spec.closed,
            outcome=spec.outcome,
            outcome_note=SUMMARY_TEXT if spec.closed else "",
        )
        for made_on, respond_by, responded_on, response in spec.recommendations:
            Recommendation.objects.create(
                case=case,
                text=RESPONSE_TEXT,
                made_on=made_on,
                respond_by=respond_by,
                responded_on=responded_on,
                response=response,
                response_text=RESPONSE_TEXT if response else "",
            )


def _partner_reports(org) -> None:
    from vangnet.partnerportal.models import PartnerReport, PartnerReportLine, Source

    for partner, year, quarter, version, current, lines in PARTNER_REPORTS:
        start, end = quarter_days(year, quarter)
        report = PartnerReport.objects.create(
            partner=getattr(org, partner),
            year=year,
            period=quarter,
            period_start=start,
            period_end=end,
            version=version,
            is_current=current,
            submitted_at=datetime(year + 1, 1, 5, tzinfo=UTC),
            source=Source.FORM,
        )
        for theme, *numbers in lines:
            PartnerReportLine.objects.create(
                report=report,
                theme=getattr(org, theme) if theme else None,
                **dict(zip(REPORTED, numbers, strict=True)),
            )


def _details(org, spec: Spec, complaint: Complaint) -> None:
    if spec.ack_moment is not None:
        letter = Letter.objects.create(
            complaint=complaint, kind=Letter.Kind.ACKNOWLEDGEMENT, subject="Ontvangen", html="<p/>"
        )
        _stamp(Letter, letter.pk, spec.ack_moment)
    for day, reached in spec.contact_list:
        Contact.objects.create(
            complaint=complaint,
            contacted_on=day,
            channel=ContactChannel.PHONE,
            notes="Gebeld.",
            reached=reached,
        )
    due = spec.received + timedelta(days=spec.due_days)
    for kind in spec.postponements:
        Postponement.objects.create(
            complaint=complaint,
            kind=kind,
            previous_due=due,
            new_due=due + timedelta(days=28),
            reason="Meer tijd nodig.",
            consent_on=due if kind == Postponement.Kind.CONSENT else None,
        )
        due += timedelta(days=28)
    for index, parts in enumerate(spec.decisions):
        decision = Decision.objects.create(
            complaint=complaint,
            decided_on=spec.closed,
            findings="Bevindingen.",
            conclusions="Conclusies.",
            measures=spec.measures if index == len(spec.decisions) - 1 else "",
        )
        _stamp(Decision, decision.pk, datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=index))
        for position, (judgment, codes) in enumerate(parts, start=1):
            JudgmentPart.objects.create(
                decision=decision,
                position=position,
                summary="Onderdeel.",
                judgment=judgment,
                norms=codes,
                reasoning="Motivering.",
            )
    for partner, forwarded_on, due_on, replied in spec.forwards:
        Forward.objects.create(
            complaint=complaint,
            partner=getattr(org, partner),
            forwarded_on=forwarded_on,
            reply_due_on=due_on,
            replied_at=replied,
        )
    if spec.survey:
        satisfaction, answered = spec.survey
        invitation = SurveyInvitation.objects.create(
            complaint=complaint,
            token_hash=f"hash-{complaint.pk}",
            sent_to="jan@example.invalid",
            outcome=spec.outcome,
            expires_at=answered + timedelta(days=30),
            answered_at=answered,
        )
        SurveyResponse.objects.create(
            invitation=invitation, satisfaction=satisfaction, created_at=answered
        )


def bodies(org) -> dict[str, Body]:
    return {"college": org.college, "mayor": org.mayor}
