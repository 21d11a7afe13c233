"""Every read of complaints. Lists always start from `visible_complaints(user)`, which
scopes them with the permission rules (`complaints.permissions.complaint_scope`)."""

from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from vangnet.core import workdays
from vangnet.core.roles import Role
from vangnet.organisations.models import Municipality

from . import deadlines
from .models import Complaint, Event, Forward, Kind
from .permissions import complaint_scope
from .workflow import OPEN_STATES

#: The text search configuration used for the full-text index (see migration 0002).
SEARCH_CONFIG = "dutch"


def visible_complaints(user) -> QuerySet[Complaint]:
    """All messages in the register `user` may see (complaints and non-complaints)."""
    scope = complaint_scope(user)
    if scope is None:
        return Complaint.objects.none()
    return Complaint.objects.filter(scope)


def for_list(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """What a list row shows, in one query whatever the rows hold. (Prefetching the
    small lookup tables instead would plan faster on PostgreSQL, but the number of
    queries would then depend on whether the page has any partner or department.)"""
    return queryset.select_related("theme__parent", "department", "partner", "handler", "body")


def search(queryset: QuerySet[Complaint], text: str) -> QuerySet[Complaint]:
    """Full-text search: PostgreSQL's Dutch configuration (stemming: 'afvalbakken'
    finds 'afvalbak') on the GIN-indexed search text; on SQLite every word must occur.
    A reference such as 2026-00123 always matches exactly."""
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector("search_text", config=SEARCH_CONFIG)
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.alias(search=vector).filter(Q(reference=text) | Q(search=query))
    words = text.split()
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return queryset.filter(Q(reference=text) | condition)


def open_complaints(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return queryset.filter(kind=Kind.COMPLAINT, state__in=OPEN_STATES)


def deadline_before(day: date, *, inclusive: bool = False) -> Q:
    """A deadline still to meet falls before `day` (on or before it: `inclusive`): the
    decision's, the acknowledgement's while the complaint is received, the first
    contact's while no contact was logged. The query form of
    `deadlines.open_deadlines`: change one, change the other."""
    lookup = "lte" if inclusive else "lt"
    return (
        Q(**{f"decide_by__{lookup}": day})
        | Q(state__in=deadlines.ACKNOWLEDGE_TO_DO, **{f"acknowledge_by__{lookup}": day})
        | Q(state__in=deadlines.FIRST_CONTACT_TO_DO, **{f"first_contact_by__{lookup}": day})
    )


def overdue(queryset: QuerySet[Complaint], *, on: date) -> QuerySet[Complaint]:
    """Open complaints with a deadline still to meet that has passed."""
    return open_complaints(queryset).filter(deadline_before(on))


def due_soon(queryset: QuerySet[Complaint], *, on: date, until: date) -> QuerySet[Complaint]:
    """Open complaints not overdue whose soonest deadline still to meet falls within the
    warning window (`on` … `until`)."""
    return (
        open_complaints(queryset)
        .filter(deadline_before(until, inclusive=True))
        .exclude(deadline_before(on))
    )


def urgency_window(on: date | None = None) -> tuple[date, date]:
    """(today, last day that counts as due soon)."""
    on = on or deadlines.today()
    until = deadlines.due_soon_until(
        on=on, policy=Municipality.current(), calendar=workdays.working_calendar()
    )
    return on, until


def may_pick_up(user) -> bool:
    """Whether the municipality lets handlers pick up work themselves and `user` is a
    handler with a department."""
    return (
        user.department_id is not None
        and user.has_role(Role.HANDLER)
        and Municipality.current().handlers_may_pick_up
    )


def to_pick_up(user) -> QuerySet[Complaint]:
    """Open complaints without a handler in the handler's department (the list for
    `may_pick_up`). Not those the user is linked to as the person complained about
    (Awb 9:7; the action also checks the name)."""
    if user.department_id is None or not user.has_role(Role.HANDLER):
        return Complaint.objects.none()
    return (
        open_complaints(visible_complaints(user))
        .filter(handler__isnull=True, department_id=user.department_id)
        .exclude(person_complained_about_user=user)
    )


def my_work(user, *, on: date | None = None) -> dict:
    """The handler's desk, one queryset per list (its tile counts the same one): their
    open complaints, those overdue and due soon (every deadline still to meet), and
    those of their department they may pick up."""
    on, until = urgency_window(on)
    mine = open_complaints(visible_complaints(user)).filter(handler=user)
    order = ("decide_by", "id")
    return {
        "today": on,
        "due_soon_until": until,
        "assigned": for_list(mine).order_by(*order),
        "due_soon": for_list(due_soon(mine, on=on, until=until)).order_by(*order),
        "overdue": for_list(overdue(mine, on=on)).order_by(*order),
        # None: the municipality does not let handlers pick up work (or not this user).
        "pick_up": (
            for_list(to_pick_up(user)).order_by("received_on", "id") if may_pick_up(user) else None
        ),
    }


def complaint_detail(user, pk: int) -> Complaint:
    """One complaint with what its page shows, or 404 when the user may not see it
    (no difference between 'does not exist' and 'not yours')."""
    queryset = (
        visible_complaints(user)
        .select_related(
            "theme__parent",
            "department",
            "partner",
            "handler",
            "body",
            "person_complained_about_user",
            "created_by",
        )
        .prefetch_related(
            "involved_partners",
            "attachments",
            Prefetch(
                "forwards", queryset=Forward.objects.select_related("partner", "forwarded_by")
            ),
        )
    )
    complaint = queryset.filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


def timeline(complaint: Complaint) -> QuerySet[Event]:
    return complaint.events.select_related("actor").order_by("at", "id")
