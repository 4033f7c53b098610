"""The OpenAPI schema is valid, its documentation page is self-contained, and
requests generated from the schema never meet a server error."""

import json
import re

import pytest
import schemathesis
import yaml
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def fetch_schema(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3(client):
    schema = fetch_schema(client)
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert {
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/statements/{id}/",
        "/api/v1/positions/{id}/",
    } <= set(schema["paths"])
    parameters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    }
    assert {
        "era",
        "country",
        "person",
        "island",
        "kind",
        "year_from",
        "year_to",
        "q",
        "order",
        "page",
        "page_size",
    } <= parameters


def test_the_docs_page_loads_nothing_from_another_host(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    assert all(url.startswith("/") for url in urls), urls
    assert "<style>" not in html
    assert re.search(r"<script>", html) is None
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    script = client.get(re.search(r'src="([^"]+\?script=)"', html).group(1))
    assert script.status_code == 200
    assert b"/api/v1/schema/" in script.content


def generated_schema():
    # Built without a request or the database, so that cases exist at collection.
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


schema = schemathesis.openapi.from_dict(generated_schema())
application = get_wsgi_application()


@pytest.fixture
def keep_test_connection():
    # As Django's test client does: a request's end must not close the connection
    # that holds the test's transaction (PostgreSQL would lose it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_never_meet_a_server_error(
    case, api_world, keep_test_connection
):
    response = case.call(app=application)
    assert response.status_code < 500, case.as_curl_command()
