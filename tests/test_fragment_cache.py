"""The timeline's filter fields are rendered once per content version and choice."""

import pytest
from django.test import override_settings

from .factories import make_era, make_event

pytestmark = pytest.mark.django_db


def test_the_filter_fields_follow_the_content_and_the_choice(client):
    era = make_era(slug="cold-war", title="Cold War")
    make_event(era=era)
    page = client.get("/en/timeline/").content.decode()
    assert "Cold War" in page
    era.title = "The Cold War"
    era.save()
    page = client.get("/en/timeline/").content.decode()
    # A new content version: the menu shows the new title at once.
    assert "The Cold War" in page
    chosen = client.get("/en/timeline/", {"era": "cold-war"}).content.decode()
    assert '<option value="cold-war" selected>' in chosen
    assert (
        '<option value="cold-war" selected>'
        not in client.get("/en/timeline/").content.decode()
    )


def test_free_text_and_errors_are_rendered_afresh(client):
    make_event()
    first = client.get("/en/timeline/", {"q": "first words"}).content.decode()
    second = client.get("/en/timeline/", {"q": "other words"}).content.decode()
    assert 'value="first words"' in first and 'value="other words"' in second
    bad = client.get("/en/timeline/", {"year_from": "abc"})
    assert bad.status_code == 400
    assert "has-error" in bad.content.decode()


@override_settings(CACHE_MIDDLEWARE_SECONDS=600, HTTP_CACHE=True)
def test_with_the_page_cache_on_the_version_is_read_once(
    client, django_assert_max_num_queries
):
    make_event()
    client.get("/en/timeline/?order=newest")
    with django_assert_max_num_queries(10):
        client.get("/en/timeline/")
