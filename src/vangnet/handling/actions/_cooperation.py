"""What the cooperation actions share: they belong to a cooperation complaint only."""

from django.utils.translation import gettext as _

from vangnet.complaints.models import SubjectType


def not_cooperation(complaint) -> str | None:
    if complaint.subject_type != SubjectType.COOPERATION:
        return _("Dit hoort alleen bij een samenwerkingsklacht.")
    return None


def partner_ids(complaint) -> set[int]:
    """The partners that are parties to the complaint."""
    ids = set(complaint.involved_partners.values_list("pk", flat=True))
    if complaint.partner_id:
        ids.add(complaint.partner_id)
    return ids
