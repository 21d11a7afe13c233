"""When the conduct complained about happened, in the demo: a day or a period shortly
before receipt for a fair share of complaints, and long before receipt for a complaint
declined on Awb 9:8 lid 1 b. Drawn from their own random streams (seeded by the
complaint), so the rest of the demo stays as it was."""

import random
from datetime import date, timedelta

#: Share of complaints whose registration says when the conduct happened; of those, the
#: share about a period rather than a day.
CONDUCT_SHARE = 0.6
CONDUCT_PERIOD_SHARE = 0.15


def conduct_dates(received_on: date, description: str) -> dict:
    """When the conduct happened, for a fair share of complaints: a day (or a period)
    shortly before receipt. Drawn from its own random stream (seeded by the complaint),
    so the rest of the demo stays as it was."""
    rng = random.Random(f"conduct:{received_on.isoformat()}:{description}")
    if rng.random() >= CONDUCT_SHARE:
        return {}
    until = received_on - timedelta(days=rng.randint(0, 30))
    if rng.random() < CONDUCT_PERIOD_SHARE:
        return {"conduct_on": until - timedelta(days=rng.randint(14, 120)), "conduct_until": until}
    return {"conduct_on": until}


def long_ago(received_on: date) -> dict:
    """Conduct more than a year before receipt (Awb 9:8 lid 1 b), for a complaint that is
    declined on that ground."""
    rng = random.Random(f"long-ago:{received_on.isoformat()}")
    return {
        "conduct_on": received_on - timedelta(days=rng.randint(380, 900)),
        "conduct_until": None,
    }
