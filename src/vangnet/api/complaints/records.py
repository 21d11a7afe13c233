"""The procedure's records the complaint's detail shows, fetched in a fixed number of
queries, and only for who may see them."""

from django.db.models import Prefetch, prefetch_related_objects

from vangnet.complaints.models import (
    Complaint,
    ComplaintPart,
    Contact,
    Contribution,
    Decision,
    JointDiscussion,
    OpenTask,
    Postponement,
)
from vangnet.letters.models import Letter

from .serializers import PERM_TIMELINE


def with_records(user, complaint: Complaint) -> Complaint:
    """Fetch the procedure's records the detail shows, in a fixed number of queries;
    only for who may see them (`complaints.view_timeline`). The parts for everyone."""
    prefetch_related_objects(
        [complaint],
        Prefetch("parts", queryset=ComplaintPart.objects.select_related("department", "partner")),
    )
    if user.has_perm(PERM_TIMELINE, complaint):
        prefetch_related_objects(
            [complaint],
            Prefetch("contacts", queryset=Contact.objects.select_related("recorded_by")),
            "hearing",
            "advice__attachment",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("decided_by").prefetch_related("parts"),
            ),
            Prefetch("postponements", queryset=Postponement.objects.select_related("recorded_by")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related(
                    "partner", "department", "recorded_by"
                ),
            ),
            Prefetch(
                "joint_discussions",
                queryset=JointDiscussion.objects.select_related("recorded_by"),
            ),
            Prefetch("letters", queryset=Letter.objects.defer("html")),
            Prefetch(
                "tasks",
                queryset=OpenTask.objects.filter(done_at__isnull=True),
                to_attr="open_task_list",
            ),
        )
    return complaint
