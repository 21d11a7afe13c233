"""Every report figure of kpis.md, computed from the register: the one package that
defines them. The annual report, the open-data files, the API and the council's pages
all read `compute()`; none counts complaints itself.

Each figure is a database aggregate (COUNT with a filter, GROUP BY): the number of
queries is fixed and no Python loop runs over complaints, so the time grows with the
register no worse than linearly (`bench/bench_report.py`).

One module per section of the report, each with a `gather` (the period's plain numbers
into a `raw.Raw`) and a `section` (those numbers, this period beside the previous one,
as a `figures.Section` through `builder.Builder`), and with the definitions it chose
where kpis.md leaves a choice: `volume`, `route`, `outcome`, `timeliness`, `partners`,
`second_line`, `learning`, `satisfaction`. `report.compute` runs them in report order.
"""

from .report import compute
from .route import Route

__all__ = ["Route", "compute"]
