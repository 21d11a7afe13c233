"""The second line (issue 6, parts 5 and 6): ombudsman cases, the ombudsman's
recommendations and the municipality's response, and what the second line costs.

One module per concept:

- `cases`: registering, changing and closing an ombudsman case (Awb 9:18 ff.);
- `recommendations`: a recommendation, its term and the response (Awb 9:36);
- `costs`: what each body's second line cost over a period, with its ombudsman cases;
- `scenarios`: the ombudsmen's tariffs compared over a range of numbers of cases;
- `shared`: the permission and the timeline wording the writes share.

The names below are the ones pages, the API and reports call (`second_line.register_case`).
"""

from .cases import (
    ACTION_CASE,
    check_case,
    close_case,
    find_complaint,
    register_case,
    update_case,
)
from .costs import body_costs, case_days, period_cost
from .recommendations import (
    ACTION_RECOMMENDATION,
    ANSWERED,
    ANSWERED_LATE,
    AWAITING,
    DEFAULT_RESPONSE_WEEKS,
    OVERDUE,
    add_recommendation,
    check_recommendation,
    check_response,
    default_respond_by,
    respond,
    response_state,
)
from .scenarios import (
    SCENARIO_DEFAULTS,
    SCENARIO_MAX_CASES,
    SCENARIO_MAX_INHABITANTS,
    SCENARIO_MAX_ROWS,
    latest_inhabitants,
    read_scenario,
    scenario,
)
from .shared import PERM

__all__ = [
    "ACTION_CASE",
    "ACTION_RECOMMENDATION",
    "ANSWERED",
    "ANSWERED_LATE",
    "AWAITING",
    "DEFAULT_RESPONSE_WEEKS",
    "OVERDUE",
    "PERM",
    "SCENARIO_DEFAULTS",
    "SCENARIO_MAX_CASES",
    "SCENARIO_MAX_INHABITANTS",
    "SCENARIO_MAX_ROWS",
    "add_recommendation",
    "body_costs",
    "case_days",
    "check_case",
    "check_recommendation",
    "check_response",
    "close_case",
    "default_respond_by",
    "find_complaint",
    "latest_inhabitants",
    "period_cost",
    "read_scenario",
    "register_case",
    "respond",
    "response_state",
    "scenario",
    "update_case",
]
