"""The API documentation runs under the site's CSP with nothing from elsewhere."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_event

from .conftest import check_page

pytestmark = pytest.mark.browser


@pytest.fixture
def one_event(transactional_db, live_server):
    make_event(slug="tokyo-declaration", title="Tokyo Declaration")
    return live_server


def test_the_api_docs_render_from_local_assets_only(one_event, reader):
    page = reader
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(one_event.url + "/api/v1/docs/")
    expect(page.get_by_text("/api/v1/events/", exact=True).first).to_be_visible()
    page.get_by_text("/api/v1/events/", exact=True).first.click()
    expect(page.get_by_text("era").first).to_be_visible()
    assert hosts == {one_event.url.split("/")[2]}
    assert page.problems.messages == []


def test_the_data_page(one_event, reader):
    reader.goto(one_event.url + "/en/data/")
    check_page(reader, "open-data")
