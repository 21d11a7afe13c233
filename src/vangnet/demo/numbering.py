"""Complaint references numbered outside the registration service, for the bulk
generator in bench/ (the demo itself lets the service number, in order of receipt)."""

from __future__ import annotations

from dataclasses import dataclass

from vangnet.complaints.models import ReferenceCounter


@dataclass
class Numbering:
    """References per year of receipt, continuing from the counters already stored.
    (The demo itself lets the registration service number, in order of receipt; the
    bulk generator in bench/ numbers with this.)"""

    counters: dict[int, int]
    start: dict[int, int]

    @classmethod
    def load(cls) -> Numbering:
        stored = dict(ReferenceCounter.objects.values_list("year", "last_number"))
        return cls(counters=dict(stored), start=dict(stored))

    def next(self, year: int) -> str:
        self.counters[year] = self.counters.get(year, 0) + 1
        return f"{year}-{self.counters[year]:05d}"

    def save(self, *, also: int) -> None:
        """Store the counters. `also`: a year the services numbered in (today's), whose
        counter must come back to what this numbering handed out."""
        for year in sorted(set(self.counters) | {also}):
            value = self.counters.get(year, self.start.get(year, 0))
            if value == 0 and year not in self.start:
                ReferenceCounter.objects.filter(year=year).delete()
            else:
                ReferenceCounter.objects.update_or_create(
                    year=year, defaults={"last_number": value}
                )
