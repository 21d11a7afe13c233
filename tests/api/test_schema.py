"""The committed OpenAPI description (docs/openapi.yaml) matches the code."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

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

    assert set(paths) == {
        "/api/v1/complaints/",
        "/api/v1/complaints/{id}/",
        "/api/v1/complaints/{id}/assign/",
        "/api/v1/complaints/{id}/transition/",
        "/api/v1/complaints/{id}/notes/",
        "/api/v1/complaints/{id}/theme/",
        "/api/v1/complaints/{id}/forward/",
        "/api/v1/complaints/{id}/attachments/",
    }
    parameters = {p["name"] for p in paths["/api/v1/complaints/"]["get"]["parameters"]}
    assert parameters == {
        "q",
        "kind",
        "state",
        "theme",
        "department",
        "partner",
        "handler",
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
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


@pytest.mark.django_db
def test_schema_is_served_to_authenticated_users(api, users):
    assert api().get("/api/v1/schema/").status_code == 401

    response = api(users.viewer).get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert "/api/v1/complaints/" in response.json()["paths"]
