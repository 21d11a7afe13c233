"""`load_demo`: the fictional municipality, its staff, partners and themes, and a
deterministic, consistent complaint register."""

from datetime import date, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db.models import Count, Q

from vangnet.complaints import deadlines, norms, selectors, services
from vangnet.complaints.models import (
    Advice,
    Complaint,
    Contact,
    Contribution,
    Decision,
    Event,
    Forward,
    Hearing,
    JointDiscussion,
    JudgmentPart,
    Kind,
    Postponement,
    ReferenceCounter,
)
from vangnet.complaints.workflow import OPEN_STATES, STEP_OUTCOMES, Outcome, State, Step
from vangnet.core import workdays
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.demo import data, generate, partner_reports
from vangnet.learning.models import (
    Bottleneck,
    CaseDiscussion,
    FollowUpAction,
    Lesson,
    Measure,
    OmbudsmanCase,
    Recommendation,
)
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

from .conftest import DEMO_COMPLAINTS

#: Messages in a register made again in a test (the determinism check).
SMALL = 8
#: Timeline actions that close a complaint.
CLOSING_ACTIONS = {step.value for step in STEP_OUTCOMES} | {Step.SEND_CONCLUSION.value}

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MODELS = [
    Municipality,
    InhabitantCount,
    Body,
    Department,
    Theme,
    Partner,
    Ombudsman,
    SecondLineArrangement,
    User,
    Complaint,
    Event,
    Forward,
    ReferenceCounter,
    Letter,
    OutboxMessage,
    Lesson,
    Measure,
    CaseDiscussion,
    FollowUpAction,
    Bottleneck,
    OmbudsmanCase,
    Recommendation,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def signature() -> list[tuple]:
    """What must come out the same for the same seed."""
    return list(
        Complaint.objects.order_by("reference").values_list(
            "reference",
            "kind",
            "received_on",
            "description",
            "complainant_name",
            "theme__slug",
            "state",
            "outcome",
            "closed_on",
            "handler__username",
        )
    )


def test_prints_the_logins(demo):
    assert "Demodata geladen" in demo
    for username, _role in data.LOGIN_TABLE:
        assert username in demo
    assert "vangnet-demo" in demo
    assert "http://127.0.0.1:" in demo


def test_users_have_their_roles_and_a_working_password(demo, client):
    for username, _first, _last, role, department, partner, is_staff, is_superuser in data.USERS:
        user = User.objects.get(username=username)
        assert user.roles == {role}, username
        assert user.is_staff == is_staff
        assert user.is_superuser == is_superuser
        assert (user.department.name if user.department else None) == department
        assert (user.partner.slug if user.partner else None) == partner
        user.full_clean()
        assert client.login(username=username, password=data.DEFAULT_PASSWORD), username
        client.logout()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.has_role(Role.ADMINISTRATOR)
    assert User.objects.get(username="coordinator").is_staff
    handlers = User.objects.filter(groups__name=Role.HANDLER).exclude(username="handler")
    assert 4 <= handlers.count() <= 6


def test_organisation(demo):
    municipality = Municipality.objects.get()
    municipality.full_clean()
    assert municipality.name == "Gemeente Vangstad"
    assert municipality.email.endswith(".invalid")
    assert municipality.report_url
    years = set(municipality.inhabitant_counts.values_list("year", flat=True))
    this_year = deadlines.today().year
    assert years == {this_year - 2, this_year - 1, this_year}
    assert all(
        90_000 < n < 110_000 for n in InhabitantCount.objects.values_list("inhabitants", flat=True)
    )

    assert set(Body.objects.values_list("kind", flat=True)) == {"college", "burgemeester", "raad"}
    assert Body.objects.get(is_default=True).kind == "college"
    national = Ombudsman.objects.get(kind=Ombudsman.Kind.NATIONAL)
    assert "93122" in national.address
    assert Ombudsman.objects.filter(kind=Ombudsman.Kind.JOINT).exists()
    assert Ombudsman.objects.filter(kind=Ombudsman.Kind.OWN).exists()
    for body in Body.objects.all():
        assert body.arrangement_on(date(2015, 1, 1)).ombudsman == national
        assert body.arrangement_on(deadlines.today()).ombudsman == national
        assert body.arrangement_on(date(2014, 12, 31)) is None
    assert 7 <= Department.objects.count() <= 9


def test_theme_tree(demo):
    mains = Theme.objects.filter(parent=None)
    assert set(mains.values_list("name", flat=True)) >= {
        "Sociaal domein",
        "Openbare ruimte",
        "Dienstverlening",
        "Belastingen",
        "Vergunningen & handhaving",
    }
    for main in mains:
        assert main.children.count() >= 2, main
    subs = Theme.objects.exclude(parent=None)
    assert not Theme.objects.filter(parent__in=subs).exists()  # two levels
    for theme in Theme.objects.all():
        theme.full_clean()
    synonyms = {theme.slug: theme.synonym_list for theme in subs}
    assert {"schulden", "geldzorgen", "schuldhulp"} <= set(synonyms["schuldhulpverlening"])
    assert {"vuilnis", "container", "grofvuil"} <= set(synonyms["afval"])
    assert {"jeugdzorg", "jeugdhulp"} <= set(synonyms["jeugdzorg"])


def test_partners(demo):
    partners = Partner.objects.annotate(n_themes=Count("themes"))
    assert 13 <= partners.count() <= 18
    regimes = set(partners.values_list("regime", flat=True))
    assert {"", "wmo", "jeugdwet", "wkkgz"} <= regimes
    for partner in partners:
        partner.full_clean()  # includes: a way to complain; an advisor under Wmo/Jeugdwet
        assert partner.n_themes >= 1, partner
        assert partner.public_tasks and partner.complaint_procedure
        assert partner.complaint_term_weeks
        for address in [partner.complaint_email, partner.confidential_advisor]:
            for word in address.replace(",", " ").split():
                if "@" in word:
                    assert word.endswith((".invalid", "@example.org")), word
    youth_advisors = set(
        partners.filter(regime="jeugdwet").values_list("confidential_advisor", flat=True)
    )
    assert len(youth_advisors) == 1 and "onafhankelijk" in youth_advisors.pop()


def test_running_twice_changes_nothing(demo):
    before = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "Demodata is al geladen."
    assert any("coordinator" in line for line in lines[1:])  # the logins, on every start
    assert counts() == before


def test_the_same_seed_gives_the_same_register(demo):
    assert len(signature()) == DEMO_COMPLAINTS

    def fresh(seed: int) -> list[tuple]:
        Complaint.objects.all().delete()
        ReferenceCounter.objects.all().delete()
        generate.generate_complaints(count=SMALL, seed=seed)
        return signature()

    first = fresh(generate.DEFAULT_SEED)
    assert len(first) == SMALL
    assert fresh(generate.DEFAULT_SEED) == first
    assert fresh(generate.DEFAULT_SEED + 1) != first


def test_deadlines_states_and_history_are_consistent(demo):
    policy = Municipality.current()
    calendar = workdays.working_calendar()
    today = deadlines.today()
    fields = ("acknowledge_by", "first_contact_by", "decline_by", "decide_by")
    complaints = Complaint.objects.prefetch_related("events")
    assert complaints.count() == DEMO_COMPLAINTS
    for complaint in complaints:
        values = {name: getattr(complaint, name) for name in fields}
        if complaint.kind == Kind.COMPLAINT:
            expected = deadlines.compute(
                received_on=complaint.received_on,
                committee_on=services.committee_on(complaint),
                policy=policy,
                calendar=calendar,
            ).as_dict()
            if complaint.postponed_to:  # extended (Awb 9:11) or delayed with consent
                assert complaint.postponed_to > expected["decide_by"], complaint
                expected["decide_by"] = complaint.postponed_to
            assert values == expected, complaint
        else:
            assert values == dict.fromkeys(fields), complaint
            assert complaint.state == State.CLOSED
            assert complaint.outcome == Outcome.NOT_A_COMPLAINT
            assert complaint.redirected_to

        # closed_on iff closed, within receipt .. today; an outcome iff closed.
        assert (complaint.state == State.CLOSED) == (complaint.closed_on is not None)
        assert (complaint.state == State.CLOSED) == bool(complaint.outcome)
        if complaint.closed_on:
            assert complaint.received_on <= complaint.closed_on <= today
        assert complaint.received_on <= today
        assert complaint.reference.startswith(f"{complaint.received_on.year}-")
        assert complaint.search_text == complaint.build_search_text()
        if not complaint.is_formal:
            assert complaint.light_path_reason

        events = list(complaint.events.all())
        assert events[0].action == "registered"
        moments = [event.at for event in events]
        assert moments == sorted(moments), complaint
        assert moments[0].astimezone(AMSTERDAM).date() == complaint.received_on
        assert moments[-1].astimezone(AMSTERDAM).date() <= today
        # Registered in the same step as its first event (a fraction of a second apart).
        assert abs(complaint.created_at - moments[0]) < timedelta(seconds=2)
        assert complaint.updated_at.astimezone(AMSTERDAM).date() <= today
        if complaint.closed_on and complaint.kind == Kind.COMPLAINT:
            closing = [event for event in events if event.action in CLOSING_ACTIONS]
            assert closing, complaint
            assert closing[-1].at.astimezone(AMSTERDAM).date() == complaint.closed_on
    for forward in Forward.objects.select_related("complaint"):
        assert forward.complaint.received_on <= forward.forwarded_on <= today
        assert (
            forward.complaint.closed_on is None
            or forward.forwarded_on <= forward.complaint.closed_on
        )
        if forward.replied_at:
            assert forward.forwarded_on <= forward.replied_at.astimezone(AMSTERDAM).date() <= today


def test_references_are_numbered_per_year_and_registration_continues(demo):
    by_year: dict[int, list[int]] = {}
    for reference in Complaint.objects.values_list("reference", flat=True):
        year, number = reference.split("-")
        by_year.setdefault(int(year), []).append(int(number))
    for year, numbers in by_year.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), year
        assert ReferenceCounter.objects.get(year=year).last_number == len(numbers)
    this_year = deadlines.today().year
    coordinator = User.objects.get(username="coordinator")
    new = services.register_complaint(
        actor=coordinator,
        data={
            "received_on": deadlines.today(),
            "channel": "email",
            "theme": Theme.objects.get(slug="afval"),
            "complainant_name": "Test Persoon",
            "complainant_street": "Kerkstraat 1",
            "complainant_city": "Vangstad",
            "complainant_email": "test@example.org",
            "description": "Nog een klacht.",
        },
    )
    assert new.reference == f"{this_year}-{len(by_year.get(this_year, [])) + 1:05d}"


def test_the_mix_has_every_kind_of_case(demo):
    complaints = Complaint.objects.filter(kind=Kind.COMPLAINT)
    assert Complaint.objects.exclude(kind=Kind.COMPLAINT).exists()
    assert complaints.filter(subject_type="partner").exists()
    cooperation = complaints.filter(subject_type="cooperation").annotate(
        n=Count("involved_partners")
    )
    assert cooperation.exists() and all(c.n >= 2 for c in cooperation)
    assert complaints.filter(is_formal=False).exclude(light_path_reason="").exists()
    assert complaints.filter(advisory_committee=True).exists()
    assert (
        complaints.filter(state=State.CLOSED).count()
        > complaints.filter(state__in=OPEN_STATES).count()
    )
    assert complaints.filter(state=State.IN_PROGRESS).exists()
    # Waiting for triage: filed online it was acknowledged by the system at once.
    assert complaints.filter(state__in=[State.RECEIVED, State.ACKNOWLEDGED], handler=None).exists()
    # Open complaints in several states of the procedure.
    open_states = set(complaints.filter(state__in=OPEN_STATES).values_list("state", flat=True))
    assert len(open_states) >= 3, open_states
    closed = complaints.filter(state=State.CLOSED)
    outcomes = set(closed.values_list("outcome", flat=True))
    assert {
        Outcome.RESOLVED_INFORMALLY,
        Outcome.FORWARDED_TO_PARTNER,
        Outcome.NOT_HANDLED,
        Outcome.FORWARDED_TO_BODY,
    } <= outcomes, outcomes
    assert outcomes & {Outcome.WELL_FOUNDED, Outcome.PARTLY_WELL_FOUNDED, Outcome.UNFOUNDED}
    # Descriptions come from the templates with every placeholder filled in.
    assert not Complaint.objects.filter(
        Q(description__contains="{") | Q(description__contains="}")
    ).exists()
    for value in Complaint.objects.exclude(complainant_email="").values_list(
        "complainant_email", flat=True
    ):
        assert value.endswith("@example.org")


def test_the_handler_has_work_due_soon_and_overdue(demo):
    handler = User.objects.get(username="handler")
    work = selectors.my_work(handler)
    assert work["assigned"].count() >= 4
    assert work["overdue"].count() >= 1
    assert work["due_soon"].count() >= 1
    assert selectors.overdue(Complaint.objects.all(), on=deadlines.today()).count() >= 2


def test_the_partner_user_sees_forwarded_complaints(demo):
    user = User.objects.get(username="partner")
    visible = selectors.visible_complaints(user)
    assert visible.count() >= 2
    assert visible.filter(state__in=OPEN_STATES).exists()
    for complaint in visible:
        assert complaint.forwards.filter(partner=user.partner).exists()
    # The viewer (council) sees no complaint at all.
    assert not selectors.visible_complaints(User.objects.get(username="viewer")).exists()


def test_print_demo_logins(demo):
    out = StringIO()
    call_command("print_demo_logins", port="8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    for username, _role in data.LOGIN_TABLE:
        assert username in text


def test_the_procedure_is_on_file(demo):
    """The demo walks the procedure of Awb chapter 9 through its services: every step
    leaves its records, letters with real PDFs, and e-mail."""
    complaints = Complaint.objects.filter(kind=Kind.COMPLAINT)
    acknowledged = complaints.filter(events__action=Step.ACKNOWLEDGE).distinct()
    assert acknowledged.count() >= complaints.count() * 0.8
    assert Contact.objects.filter(reached=True).exclude(agreed="").exists()

    # Letters of every kind the procedure sends, each with a real PDF on file.
    kinds = set(Letter.objects.values_list("kind", flat=True))
    assert {
        "acknowledgement",
        "informal_confirmation",
        "hearing_invitation",
        "hearing_record",
        "conclusion",
        "decline",
        "forward_notice",
        "extension",
    } <= kinds, kinds
    for letter in Letter.objects.all()[:5]:
        with letter.pdf.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    # Each letter is dated like the step that sent it.
    for letter in Letter.objects.select_related("complaint"):
        sent = letter.complaint.events.filter(action="letter_sent").values_list("at", flat=True)
        assert any(abs(letter.created_at - at) < timedelta(seconds=30) for at in sent), letter

    # Formal handling: hearings held with a record or skipped with a ground, decisions
    # judged per part with norms of the Behoorlijkheidswijzer, the advisory committee
    # once deviated from with reasons.
    assert Hearing.objects.exclude(record="").filter(held_on__isnull=False).exists()
    assert Hearing.objects.exclude(skip_ground="").exists()
    for part in JudgmentPart.objects.all():
        assert set(part.norms) <= set(norms.NORMS), part.norms
        assert part.reasoning
    assert Decision.objects.annotate(n=Count("parts")).filter(n__gte=2).exists()
    deviating = Decision.objects.filter(deviates_from_advice=True)
    assert deviating.exists() and all(d.deviation_reasons for d in deviating)
    assert Advice.objects.exclude(received_on=None).exists()

    # 9:8 declines were told within four weeks of receipt.
    declined = complaints.filter(outcome=Outcome.NOT_HANDLED)
    assert declined.exists()
    for complaint in declined:
        assert complaint.decline_ground
        assert complaint.closed_on <= complaint.decline_by

    # The one extension was decided before the due date; a further delay has consent.
    extensions = Postponement.objects.filter(kind=Postponement.Kind.EXTENSION)
    assert extensions.exists()
    for extension in extensions:
        assert extension.created_at.astimezone(AMSTERDAM).date() <= extension.previous_due
        assert extension.new_due <= extension.previous_due + timedelta(weeks=4, days=3)
    consent = Postponement.objects.filter(kind=Postponement.Kind.CONSENT)
    assert consent.exists() and all(p.consent_on for p in consent)

    # A cooperation complaint with the parties' contributions and a joint discussion.
    assert Contribution.objects.exists()
    assert JointDiscussion.objects.exists()

    # Reopened after closing, and closed again.
    reopened = complaints.filter(events__action=Step.REOPEN).distinct()
    assert reopened.exists()


def test_partners_reply_through_the_link_and_one_is_escalated(demo):
    replied = Forward.objects.exclude(replied_at=None)
    assert replied.filter(replied_by=None).exclude(replied_by_name="").exists()  # the link
    assert all(f.reply_outcome and f.reply_action for f in replied)
    waiting = Forward.objects.filter(replied_at=None, complaint__state__in=OPEN_STATES)
    assert waiting.exists()
    escalated = waiting.exclude(escalated_on=None)
    assert escalated.exists()
    for forward in escalated:
        assert forward.reply_due_on < forward.reminded_on < forward.escalated_on
        actions = set(forward.complaint.events.values_list("action", flat=True))
        assert {"partner_reminded", "partner_escalated"} <= actions


def test_the_demo_email_is_not_sent_again(demo):
    """Marked as sent at its step's moment, so `make run`'s worker sends none of it."""
    messages = OutboxMessage.objects.all()
    assert messages.count() > DEMO_COMPLAINTS
    assert not messages.exclude(state=OutboxMessage.State.SENT).exists()
    for message in messages:
        assert message.sent_at == message.created_at
        assert message.attempts == 1
        assert message.created_at.astimezone(AMSTERDAM).date() <= deadlines.today()


def test_partners_report_their_figures_and_two_are_late(demo):
    from vangnet.partnerportal import figures
    from vangnet.partnerportal.models import PartnerReport
    from vangnet.reports import kpis
    from vangnet.reports.figures import Period

    today = deadlines.today()
    assert PartnerReport.objects.filter(is_current=True).count() > 20
    # One correction is on file: two versions of one period, one of them current.
    assert PartnerReport.objects.filter(is_current=False).count() == 1
    missing = figures.missing_reports(date(today.year - 1, 1, 1), today, today=today)
    assert sorted(partner.slug for partner, _periods in missing) == sorted(
        partner_reports.LATE_REPORTERS
    )
    report = kpis.compute(Period.year(today.year - 1))
    partners = report.section("partners").table("partners")
    assert sum(row.cells["reported_received"].value for row in partners.rows) > 0


def test_conduct_dates_and_a_corrected_registration(demo):
    complaints = Complaint.objects.filter(kind=Kind.COMPLAINT)
    dated = complaints.filter(conduct_on__isnull=False)
    assert 0.3 < dated.count() / complaints.count() < 0.9
    for complaint in dated:
        assert complaint.conduct_on <= complaint.received_on
        assert complaint.conduct_until is None or complaint.conduct_until >= complaint.conduct_on
    for complaint in complaints.filter(decline_ground="older_than_a_year"):
        assert complaint.conduct_on < complaint.received_on - timedelta(days=365)
    corrected = Event.objects.get(action="corrected")
    assert corrected.changes["complainant_phone"][1] == "06-24681357"
    assert "Telefoonnummer verkeerd overgenomen" in corrected.summary
    assert corrected.complaint.conduct_on == corrected.complaint.received_on - timedelta(days=12)


def test_the_coordinator_signs_conclusions_and_9_8_letters_and_a_few_wait(demo, client):
    """Sign-off is on in Vangstad (the default): the coordinator signed every conclusion
    and 9:8 letter, through the approval; a few conclusions wait on "Mijn werk"."""
    signed = Letter.objects.filter(kind__in=["conclusion", "decline"])
    assert signed.exists()
    assert set(signed.values_list("signatory_name", flat=True)) <= {
        "Marieke Jansen",
        "Bram Hendriks",
    }
    assert "Marieke Jansen" in signed[0].html
    assert Event.objects.filter(action="letter_approved").count() == signed.count()
    waiting = Letter.all_objects.filter(status=Letter.Status.AWAITING_APPROVAL)
    assert 1 <= waiting.count() <= 2
    for letter in waiting:
        assert letter.complaint.state == State.DECIDED
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get("/backoffice/").content.decode()
    assert "Wacht op ondertekening" in page and waiting[0].complaint.reference in page
