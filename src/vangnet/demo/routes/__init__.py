"""The routes a complaint takes through the procedure, as the planner draws them: one
`Route` builds one complaint's steps day by day (see `base.RouteBase`). Each public
method is a route: `informal`, `formal`, `decline`, `withdraw`, `to_body`, `partner`,
`cooperation`; `begin` (triage and acknowledgement) comes first and `after_close`
(survey answers, reopening) after a closing. The route classes live in a module each:

- `base`: building blocks, triage, acknowledgement, first contact and contact records;
- `informal`: resolved informally (Awb 9:5);
- `formal`: the formal handling (Awb 9:9-9:12), extensions and delays;
- `side_paths`: declined (9:8), withdrawn, sent on to another body (2:3);
- `partners`: forwarded to a partner, and cooperation complaints;
- `aftercare`: the satisfaction survey and reopening.
"""

from .aftercare import Aftercare
from .base import HANDLER, RouteBase
from .formal import FormalRoute
from .informal import InformalRoute
from .partners import PartnerRoutes
from .side_paths import SidePaths

__all__ = ["HANDLER", "Route", "RouteBase"]


class Route(InformalRoute, FormalRoute, SidePaths, PartnerRoutes, Aftercare):
    """All routes of one complaint (see the module docstring)."""
