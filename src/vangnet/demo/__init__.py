"""Demo data: a fictional municipality (Gemeente Vangstad) with its partners, staff and a
realistic, deterministic complaint register, loaded by `python -m vangnet load_demo`."""
