"""The survey follows the procedure (connected in `apps.SurveysConfig.ready`): a
closing invites the complainant, a reopening handles the answers that wait."""

import logging

from django.dispatch import receiver

from vangnet.complaints.signals import complaint_closed, complaint_reopened

from . import services

logger = logging.getLogger(__name__)


@receiver(complaint_closed, dispatch_uid="surveys_invite_on_close")
def invite_on_close(sender, *, complaint, actor=None, **kwargs) -> None:
    """Invite the complainant (inside the closing transaction; the e-mail leaves when it
    commits). A survey is a courtesy: whatever goes wrong with it (say an address the
    mail library refuses) must not stop the closing, so it is logged and dropped; its
    own savepoint (`invite` is atomic) leaves nothing of it behind."""
    try:
        services.invite(complaint=complaint)
    except Exception:
        logger.exception("No satisfaction survey for complaint %s", complaint.pk)


@receiver(complaint_reopened, dispatch_uid="surveys_handled_on_reopen")
def handle_on_reopen(sender, *, complaint, actor=None, **kwargs) -> None:
    """The reopening answers the complainant's unhappiness: their waiting answers are
    handled and an unanswered link stops. Failing here must not stop the reopening
    either (the answer then simply stays on the coordinator's list)."""
    try:
        services.complaint_reopened(complaint=complaint, actor=actor)
    except Exception:
        logger.exception("Survey answers of complaint %s not marked handled", complaint.pk)
