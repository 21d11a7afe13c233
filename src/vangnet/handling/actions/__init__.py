"""Every action on a complaint, one module each: importing this package registers them
in `handling.base.ACTIONS`, then puts them in the order below: the order of the
procedure's steps (`workflow.Step`), then the term, a cooperation complaint's records and
the actions column, then what the resident and the partner do without an account."""

from ..base import arrange
from . import (  # noqa: F401  (each module registers its action)
    acknowledge,
    approve_letter,
    assign,
    attachments,
    close_forwarded,
    complainant,
    contribution,
    decide,
    decline,
    delay,
    extend,
    forward,
    forward_to_body,
    hold_hearing,
    joint_discussion,
    log_contact,
    note,
    offer_hearing,
    partner_reply,
    plan_hearing,
    record_advice,
    reopen,
    request_advice,
    resolve_informally,
    send_conclusion,
    skip_hearing,
    start_formal,
    theme,
    withdraw,
)

arrange(
    [
        # The procedure (the order of `workflow.Step`).
        "acknowledge",
        "log_contact",
        "resolve_informally",
        "start_formal",
        "offer_hearing",
        "plan_hearing",
        "hold_hearing",
        "skip_hearing",
        "request_advice",
        "record_advice",
        "decide",
        "send_conclusion",
        "decline",
        "withdraw",
        "forward_to_body",
        "close_forwarded",
        "reopen",
        # The term, a cooperation complaint, the actions column.
        "extend",
        "delay",
        "contribution",
        "joint_discussion",
        "assign",
        "note",
        "theme",
        "attachments",
        "forward",
        "approve_letter",
        "return_letter",
        # Without an account: the resident, the partner.
        "add_information",
        "withdraw_by_complainant",
        "partner_reply",
    ]
)
