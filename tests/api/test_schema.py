"""The committed OpenAPI description (docs/openapi.yaml) matches the code."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

from vangnet.complaints.workflow import Step

PROJECT_DIR = Path(__file__).resolve().parents[2]
OPENAPI_FILE = PROJECT_DIR / "docs" / "openapi.yaml"
REGENERATE = (
    f"cd {PROJECT_DIR} && VANGNET_DEBUG=true .venv/bin/python -m vangnet spectacular "
    "--file docs/openapi.yaml --validate   (or: make openapi)"
)


def generate() -> tuple[dict, str]:
    # The command runs in the default language; labels and choices are translated.
    with translation.override(settings.LANGUAGE_CODE):
        GENERATOR_STATS.reset()
        schema = SchemaGenerator().get_schema(request=None, public=True)
        rendered = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    return schema, rendered


def test_openapi_file_is_up_to_date():
    schema, generated = generate()
    committed = OPENAPI_FILE.read_text(encoding="utf-8") if OPENAPI_FILE.exists() else ""

    assert generated == committed, (
        f"{OPENAPI_FILE} does not match the API; regenerate it with:\n    {REGENERATE}"
    )


def test_schema_is_valid_and_generated_without_warnings():
    schema, _rendered = generate()

    validate_schema(schema)
    assert not GENERATOR_STATS._warn_cache, list(GENERATOR_STATS._warn_cache)
    assert not GENERATOR_STATS._error_cache, list(GENERATOR_STATS._error_cache)


def test_schema_documents_every_endpoint():
    schema, _rendered = generate()
    paths = schema["paths"]

    steps = {
        "acknowledge": "acknowledge",
        "log_contact": "contacts",
        "resolve_informally": "resolve-informally",
        "start_formal": "start-formal",
        "offer_hearing": "hearing/offer",
        "plan_hearing": "hearing/plan",
        "hold_hearing": "hearing/hold",
        "skip_hearing": "hearing/skip",
        "request_advice": "advice/request",
        "record_advice": "advice/record",
        "decide": "decision",
        "send_conclusion": "conclusion",
        "decline": "decline",
        "withdraw": "withdraw",
        "forward_to_body": "forward-to-body",
        "close_forwarded": "close-forwarded",
        "reopen": "reopen",
    }
    assert set(steps) == set(Step.values)
    assert set(paths) == {
        "/api/v1/complaints/",
        "/api/v1/complaints/{id}/",
        "/api/v1/complaints/{id}/assign/",
        "/api/v1/complaints/{id}/pick-up/",
        "/api/v1/complaints/{id}/notes/",
        "/api/v1/complaints/{id}/theme/",
        "/api/v1/complaints/{id}/parts/",
        "/api/v1/complaints/{id}/forward/",
        "/api/v1/complaints/{id}/attachments/",
        "/api/v1/complaints/{id}/extension/",
        "/api/v1/complaints/{id}/delay/",
        "/api/v1/complaints/{id}/contributions/",
        "/api/v1/complaints/{id}/joint-discussions/",
        "/api/v1/complaints/{id}/copies/record/",
        "/api/v1/complaints/{id}/hearing/person/",
        "/api/v1/complaints/{id}/forwards/{partner_slug}/reply/",
        "/api/v1/complaints/{id}/approve-letter/",
        "/api/v1/complaints/{id}/return-letter/",
        *(f"/api/v1/complaints/{{id}}/{path}/" for path in steps.values()),
        "/api/v1/partner-figures/",
        "/api/v1/partner-figures/{id}/",
        "/api/v1/reports/figures/",
        "/api/v1/causes/",
        "/api/v1/complaints/{id}/lesson/",
        "/api/v1/measures/",
        "/api/v1/measures/{id}/",
        "/api/v1/bottlenecks/",
        "/api/v1/bottlenecks/{id}/",
        "/api/v1/bottlenecks/{id}/decision/",
        "/api/v1/case-discussions/",
        "/api/v1/case-discussions/{id}/",
        "/api/v1/ombudsman-cases/",
        "/api/v1/ombudsman-cases/{id}/",
        "/api/v1/ombudsman-cases/{id}/recommendations/",
        "/api/v1/recommendations/{id}/",
        "/api/v1/second-line/costs/",
        "/api/v1/second-line/scenarios/",
        "/api/v1/trends/",
        "/api/v1/notifications/",
        "/api/v1/notifications/{id}/read/",
        "/api/v1/notifications/preferences/",
        "/api/v1/approvals/",
    }
    # Each step is its own operation with its own request body, and documents the 409.
    for step, path in steps.items():
        operation = paths[f"/api/v1/complaints/{{id}}/{path}/"]["post"]
        assert operation["operationId"] == f"complaints_{step}"
        assert "409" in operation["responses"]
    bodies = {
        step: paths[f"/api/v1/complaints/{{id}}/{path}/"]["post"].get("requestBody")
        for step, path in steps.items()
    }
    assert bodies["acknowledge"] is None
    # The conclusion's body is optional: only the complaint's lesson.
    assert not bodies["send_conclusion"].get("required", False)
    refs = {
        step: body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for step, body in bodies.items()
        if body
    }
    assert len(set(refs.values())) == len(refs)  # one schema per step
    assert set(bodies["record_advice"]["content"]) == {"multipart/form-data", "application/json"}
    decide = schema["components"]["schemas"][refs["decide"]]["properties"]
    assert list(decide)[:5] == [
        "findings",
        "conclusions",
        "measures",
        "deviates_from_advice",
        "deviation_reasons",
    ]
    part = schema["components"]["schemas"]["JudgmentPartInputRequest"]["properties"]
    assert set(part) == {"part", "judgment", "norms", "reasoning"}
    assert part["norms"]["items"]["$ref"].endswith("/NormCode")
    parameters = {p["name"] for p in paths["/api/v1/complaints/"]["get"]["parameters"]}
    assert parameters == {
        "q",
        "kind",
        "state",
        "theme",
        "department",
        "partner",
        "handler",
        "handled_by",
        "without",
        "unassigned",
        "channel",
        "overdue",
        "due_soon",
        "received_from",
        "received_to",
        "ordering",
        "page",
        "page_size",
    }
    components = schema["components"]["schemas"]
    for name in ("ComplaintCreateRequest", "ComplaintDetail", "ComplaintList", "Complainant"):
        assert name in components
    create = components["ComplaintCreateRequest"]["properties"]["acknowledge"]
    assert create["default"] is False and create["writeOnly"] is True
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


@pytest.mark.django_db
def test_schema_is_served_to_authenticated_users(api, users):
    assert api().get("/api/v1/schema/").status_code == 401

    response = api(users.viewer).get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert "/api/v1/complaints/" in response.json()["paths"]
