"""Input that once made the server fail (issue 14, item 6): every one a 400 with a
Dutch message now, never a 500."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import ValidationError

OMBUDSMAN_CASES = "/api/v1/ombudsman-cases/"
BAD_YEARS = ["0", "-1", "99999999999", "abc", "²", "２０２６", "2026.0"]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_that_is_no_year_is_a_field_error(api, users, year):
    response = api(users.coordinator).get(OMBUDSMAN_CASES, {"year": year})
    assert response.status_code == 400, response.content
    assert "jaar" in response.json()["year"][0].lower()


@pytest.mark.parametrize(
    "url",
    [
        OMBUDSMAN_CASES,
        "/api/v1/second-line/costs/",
        "/api/v1/partner-figures/",
        "/api/v1/case-discussions/",
    ],
)
@pytest.mark.parametrize("year", ["0", "99999999999", "²", "-1"])
def test_every_year_filter_of_the_api_refuses_the_same(api, users, url, year):
    response = api(users.coordinator).get(url, {"year": year})
    assert response.status_code == 400, response.content
    assert response.json()["year"]


def test_a_good_year_still_filters(api, users):
    response = api(users.coordinator).get(OMBUDSMAN_CASES, {"year": "2026"})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["99999999999", "²"])
def test_an_id_filter_that_is_no_id_is_refused_or_empty(api, users, value):
    for url, name in [(OMBUDSMAN_CASES, "ombudsman"), ("/api/v1/partner-figures/", "partner")]:
        response = api(users.coordinator).get(url, {name: value})
        assert response.status_code in (200, 400), (url, response.content)


# --- NUL ------------------------------------------------------------------------------


def test_a_nul_in_a_partner_figures_theme_is_a_field_error(api, users):
    body = {
        "year": 2026,
        "period": "Q1",
        "lines": [{"theme": "schul\x00den", "received": 1}],
    }
    response = api(users.partner).post("/api/v1/partner-figures/", body, format="json")
    assert response.status_code == 400, response.content
    assert "NUL-teken" in response.json()["lines"]["0"]["theme"][0]


def test_a_nul_in_a_key_of_any_json_body_is_refused(api, users):
    response = api(users.coordinator).post(
        "/api/v1/complaints/", {"descrip\x00tion": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "NUL-teken" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize(
    "url",
    [OMBUDSMAN_CASES + "?q=a%00b", "/api/v1/complaints/?q=a%00b", "/api/v1/complaints/?x%00=1"],
)
def test_a_nul_in_the_query_string_is_refused(api, users, url):
    response = api(users.coordinator).get(url)
    assert response.status_code == 400, response.content
    assert "NUL" in str(response.json())


def test_a_nul_in_a_page_address_is_refused(client, users):
    client.force_login(users.coordinator)
    response = client.get("/backoffice/klachten/?q=a%00b")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


# --- JSON nesting ---------------------------------------------------------------------


@pytest.mark.parametrize("depth", [100_000, 65])
def test_deeply_nested_json_is_refused(api, users, depth):
    body = "[" * depth + "]" * depth
    response = api(users.coordinator).post(
        "/api/v1/complaints/", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:200]
    assert "diep" in response.json()["detail"]


def test_nesting_inside_strings_does_not_count_and_normal_bodies_pass(api, users):
    text = "[" * 1000 + '\\"{'
    response = api(users.coordinator).post(
        "/api/v1/complaints/",
        '{"description": "' + text + '", "x": [[[[1]]]]}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "diep" not in str(response.json())
    assert "description" not in response.json()


def test_a_body_over_the_upload_limit_is_refused_unread(api, users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"description": "' + "x" * 2000 + '"}'
    response = api(users.coordinator).post(
        "/api/v1/complaints/", body, content_type="application/json"
    )
    assert response.status_code == 400  # Django's own check or the parser's


def test_an_unknown_character_set_is_no_server_error(api, users):
    response = api(users.coordinator).post(
        "/api/v1/complaints/", "{}", content_type="application/json; charset=nonsense"
    )
    assert response.status_code == 400  # read as UTF-8, or refused: never a 500


def test_broken_json_is_a_clear_400(api, users):
    response = api(users.coordinator).post(
        "/api/v1/complaints/", '{"a": [1,', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]


# --- the database connection ----------------------------------------------------------


def test_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@pytest.mark.parametrize("value", ["schul\x00den", "x" * 500, "a b"])
def test_the_theme_field_never_queries_with_what_is_no_slug(org, value):
    from vangnet.api.partner_figures.serializers import ThemeOrOtherField

    with pytest.raises(ValidationError) as caught, CaptureQueriesContext(connection) as queries:
        ThemeOrOtherField().to_internal_value(value)
    assert "kennen we niet" in str(caught.value.detail)
    assert not queries.captured_queries


def _serve(path: str) -> int:
    """`path` through Django's own WSGI handler, as gunicorn calls it: unlike the test
    client it runs `close_old_connections` at the start and end of the request."""
    from io import BytesIO

    from django.core.handlers.wsgi import WSGIHandler

    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
    }
    response = WSGIHandler()(environ, lambda code, headers, *rest: status.append(code))
    response.close()  # request_finished: the connection is kept (CONN_MAX_AGE)
    return int(status[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL backend to end")
@pytest.mark.django_db(transaction=True)
def test_a_connection_ended_by_the_database_is_replaced_on_the_next_request(org):
    connection.close()  # the next one is made with the settings (health checks on)
    assert _serve("/") == 200
    backend = connection.connection.info.backend_pid
    # The database ends the kept connection (a restart, a failover), between requests.
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [backend])
    finally:
        other.close()
    assert _serve("/") == 200
    assert connection.connection.info.backend_pid != backend


# --- numbers typed as text elsewhere --------------------------------------------------


@pytest.mark.parametrize("total", ["²", "99999999999999999999"])
def test_the_registration_page_reads_its_number_of_rows_safely(client, users, total):
    client.force_login(users.coordinator)
    response = client.post(
        "/backoffice/klachten/nieuw/", {"meer_onderdelen": "1", "parts-TOTAL_FORMS": total}
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_a_part_names_its_id_and_department_safely(api, users, make_complaint, value):
    complaint = make_complaint()
    body = {"parts": [{"id": value, "description": "Onbeleefd.", "department": value}]}
    response = api(users.coordinator).post(
        f"/api/v1/complaints/{complaint.pk}/parts/", body, format="json"
    )
    assert response.status_code == 400, response.content


def test_the_parser_itself_keeps_to_the_upload_limit(settings):
    """REST framework reads the body from the stream, past Django's own check."""
    from io import BytesIO

    from rest_framework.exceptions import ParseError

    from vangnet.api.common.parsers import JSONParser

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    assert JSONParser().parse(BytesIO(b'{"a": [1, {"b": "c"}]}')) == {"a": [1, {"b": "c"}]}
    with pytest.raises(ParseError, match="te groot"):
        JSONParser().parse(BytesIO(b'"' + b"x" * 2000 + b'"'))
