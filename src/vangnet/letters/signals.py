"""What the letters app tells higher layers (which connect when Django starts)."""

from django.dispatch import Signal

#: Sent (inside the delivery's transaction) when an e-mail failed for good: refused by
#: the mail server or out of attempts (`message`: the `OutboxMessage`, state failed;
#: `permanent`: refused rather than out of attempts). Receivers that send something go
#: through the outbox, which waits for the commit.
message_failed = Signal()
