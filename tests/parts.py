"""Test helper: a decision's input in the shape of the tests that describe each part by
its text. `keyed(complaint, data)` makes the complaint's parts those texts (setting the
scene directly, as the `parts` action would) and names each judged part by its id, as
the decide step takes it."""

from vangnet.complaints.parts import write_parts


def keyed(complaint, data: dict) -> dict:
    rows = data.get("parts")
    if not rows or not all(isinstance(row, dict) and "summary" in row for row in rows):
        return data
    parts = write_parts(
        complaint,
        [
            {"id": None, "description": row["summary"] or f"Onderdeel {number}"}
            for number, row in enumerate(rows, start=1)
        ],
    )
    judged = [
        {key: value for key, value in row.items() if key != "summary"} | {"part": part.pk}
        for part, row in zip(parts, rows, strict=True)
    ]
    return {**data, "parts": judged}


def posted(complaint, data: dict) -> dict:
    """The same for the page's decide form (`parts-N-summary` keys)."""
    numbers = sorted(
        int(key.split("-")[1])
        for key in data
        if key.startswith("parts-") and key.endswith("-summary")
    )
    if not numbers:
        return data
    parts = write_parts(
        complaint,
        [{"id": None, "description": data[f"parts-{n}-summary"] or "-"} for n in numbers],
    )
    converted = {k: v for k, v in data.items() if not k.endswith("-summary")}
    for number, part in zip(numbers, parts, strict=True):
        converted[f"parts-{number}-part"] = str(part.pk)
    return converted
