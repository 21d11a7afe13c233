"""The complaint page: the register's facts, the procedure's records, the timeline, and
the forms of the actions the user may take now (`handling.available_actions`, grouped
by where each action shows: `actions.action_items`)."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vangnet.complaints import conduct, deadlines, norms, selectors
from vangnet.complaints.models import Advice, Complaint, Hearing, Postponement, SubjectType
from vangnet.complaints.statuslinks import MANAGE_PERMISSION, summary_for_staff
from vangnet.handling import signoff
from vangnet.handling.actions.extend import extension_limit
from vangnet.letters.models import Letter, OutboxMessage

from .actions import action_items
from .timeline import timeline

RESEND = "complaints.resend_email"
VIEW_TIMELINE = "complaints.view_timeline"
HANDLE = "complaints.handle_complaint"


def _forwards(complaint: Complaint) -> list:
    forwards = list(
        complaint.forwards.select_related("partner", "forwarded_by", "replied_by").order_by(
            "forwarded_on", "id"
        )
    )
    today = deadlines.today()
    for forward in forwards:
        forward.reply_overdue = bool(
            forward.replied_at is None and forward.reply_due_on and forward.reply_due_on < today
        )
    return forwards


def _letters(complaint: Complaint) -> dict:
    """The letters sent, and those waiting for sign-off or sent back (`handling.signoff`),
    in one query; the complaint learns which steps wait (`signoff.note_waiting`)."""
    shown = [Letter.Status.SENT, Letter.Status.AWAITING_APPROVAL, Letter.Status.RETURNED]
    rows = list(
        Letter.all_objects.filter(complaint=complaint, status__in=shown)
        .select_related("prepared_by", "returned_by")
        .order_by("created_at", "id")
    )
    drafts = [letter for letter in rows if letter.status != Letter.Status.SENT]
    signoff.note_waiting(complaint, drafts)
    return {
        "letters": [letter for letter in rows if letter.status == Letter.Status.SENT],
        "drafts": drafts,
    }


def records(complaint: Complaint, *, full: bool) -> dict:
    """The procedure's records on the complaint page, a fixed number of queries. Without
    `full` (a partner user) only the forwards and the term: the handling file is the
    municipality's own."""
    cooperation = complaint.subject_type == SubjectType.COOPERATION
    # Prefetched, so the `extend` action's condition reads them without a query.
    prefetch_related_objects(
        [complaint],
        Prefetch("postponements", queryset=Postponement.objects.select_related("recorded_by")),
    )
    found = {
        "forwards": _forwards(complaint),
        "postponements": list(complaint.postponements.all()),
        "cooperation": cooperation,
        "contacts": [],
        "hearing": None,
        "advice": None,
        "decisions": [],
        "latest_decision": None,
        "contributions": [],
        "joint_discussions": [],
        "letters": [],
        "parts": list(complaint.parts.select_related("department", "partner")),
        "drafts": [],
    }
    if not full or not complaint.is_complaint:
        return found
    decisions = list(
        complaint.decisions.select_related("decided_by")
        .prefetch_related("parts")
        .order_by("-created_at", "-id")
    )
    for decision in decisions:
        for part in decision.parts.all():
            part.norm_labels = norms.labels(part.norms)
    if decisions:
        # Each part with its judgment in the decision that counts.
        judged = {j.part_id: j for j in decisions[0].parts.all()}
        for part in found["parts"]:
            part.judged = judged.get(part.pk)
    found.update(
        contacts=list(complaint.contacts.select_related("recorded_by")),
        hearing=Hearing.objects.filter(complaint=complaint).first(),
        advice=Advice.objects.select_related("attachment").filter(complaint=complaint).first(),
        decisions=decisions,
        latest_decision=decisions[0] if decisions else None,
        **_letters(complaint),
    )
    if cooperation:
        found.update(
            contributions=list(
                complaint.contributions.select_related("partner", "department", "recorded_by")
            ),
            joint_discussions=list(complaint.joint_discussions.select_related("recorded_by")),
        )
    return found


def term(complaint: Complaint, postponements: list, extend_available: bool) -> dict:
    """The decide-by term and what may still move it (Awb 9:11). Whether the extension
    is still possible is the `extend` action's to say (`extend_available`)."""
    extension = next((p for p in postponements if p.kind == Postponement.Kind.EXTENSION), None)
    return {
        "decide_by": complaint.decide_by,
        "limit": extension_limit(complaint),
        "extension": extension,
        "past_due": bool(complaint.decide_by and deadlines.today() > complaint.decide_by),
        "can_extend": extend_available,
    }


def _deadline_rows(complaint: Complaint) -> list[tuple]:
    return [
        (_("Ontvangst bevestigen uiterlijk"), complaint.acknowledge_by, _("beleid")),
        (_("Eerste contact uiterlijk"), complaint.first_contact_by, _("beleid")),
        (_("Besluit niet te behandelen melden uiterlijk"), complaint.decline_by, "Awb 9:8"),
        (_("Afhandelen uiterlijk"), complaint.decide_by, "Awb 9:11"),
    ]


def _failed_emails(user, complaint: Complaint):
    if not user.has_perm(RESEND, complaint):
        return None
    return OutboxMessage.objects.filter(
        complaint=complaint, state=OutboxMessage.State.FAILED
    ).order_by("-created_at", "-id")


def render_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    bound: dict | None = None,
    page_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The complaint page. `bound` is {"name": action name, "form": its bound form},
    re-rendered with its errors; `page_errors` are messages above everything."""
    user = request.user
    bound = bound or {}
    on, until = selectors.urgency_window()
    urgency = None
    decide_urgency = None
    found = deadlines.next_deadline(complaint) if complaint.is_complaint else None
    if found:
        # The page's badge: the soonest deadline still to meet (as in the lists); the
        # decide-by row's: that date's own.
        urgency = deadlines.urgency(found[1], on=on, due_soon_until=until)
        decide_urgency = deadlines.urgency(complaint.decide_by, on=on, due_soon_until=until)
    staff = user.has_perm(VIEW_TIMELINE, complaint)
    found = records(complaint, full=staff)
    items = action_items(user, complaint, found, bound=bound)
    bound_form = bound.get("form")
    postponements = found["postponements"]
    context = {
        "complaint": complaint,
        "urgency": urgency,
        "decide_urgency": decide_urgency,
        "today": on,
        "show_personal_data": user.has_perm("complaints.view_personal_data", complaint),
        # The handling file (contacts, hearing, letters...) is the municipality's own.
        "show_records": staff,
        "timeline": timeline(complaint) if staff else None,
        "records": found,
        "actions": items,
        "term": (
            term(complaint, postponements, any(i["name"] == "extend" for i in items["term"]))
            if items["term"]
            else None
        ),
        "status_link": (
            summary_for_staff(complaint) if user.has_perm(MANAGE_PERMISSION, complaint) else None
        ),
        "page_errors": page_errors or [],
        "has_errors": bool(bound) or bool(page_errors),
        "bound_form": bound_form,
        "bound_parts": getattr(bound_form, "parts", None),
        "can_preview_conclusion": any(i["name"] == "send_conclusion" for i in items["procedure"]),
        "failed_emails": _failed_emails(user, complaint),
        "deadline_rows": _deadline_rows(complaint),
        # The term before the first extension or delay (the deadlines table says so).
        "postponed_from": postponements[0].previous_due if postponements else None,
        "surveys_installed": apps.is_installed("vangnet.surveys"),
        "conduct_older_than_a_year": conduct.older_than_a_year(complaint),
    }
    return render(request, "backoffice/complaint_detail.html", context, status=status)


@login_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, pk)
    return render_page(request, complaint)
