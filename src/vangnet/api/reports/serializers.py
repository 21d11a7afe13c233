"""What the report endpoint shows: the document of `reports.exports.to_data`, described
as a schema (its figures are listed in docs/open-data.md, not one component each)."""

INTERNAL, PUBLISHED = "internal", "published"

REPORT_SCHEMA = {
    "type": "object",
    "description": "The report's figures, one object per figure (docs/open-data.md).",
    "properties": {
        "period": {"type": "object"},
        "previous_period": {"type": "object"},
        "municipality": {"type": "string"},
        "body": {"type": "object", "nullable": True},
        "variant": {"type": "string", "enum": [INTERNAL, PUBLISHED]},
        "threshold": {"type": "integer", "nullable": True},
        "generated_at": {"type": "string", "format": "date-time"},
        "columns": {"type": "array", "items": {"type": "object"}},
        "figures": {"type": "array", "items": {"type": "object"}},
    },
}
