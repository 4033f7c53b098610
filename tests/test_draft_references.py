"""Reference objects that only drafts use stay private until something published
uses them: no menu, filter choice, page or sitemap entry shows them."""

import datetime

import pytest
from django.utils import timezone

from editorial.models import Status

from .factories import make_country, make_era, make_event, make_island, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_only():
    make_event(title="Public event", era=make_era(slug="public-era"))
    era = make_era(slug="secret-era", title="Secret Era Title")
    person = make_person(slug="secret-person", name="Secret Negotiator")
    island = make_island(slug="secret-island", name_ja="Secretjima")
    country = make_country(slug="secret-country", name="Secretland")
    draft = make_event(title="Draft event", era=era, status=Status.DRAFT)
    draft.people.add(person)
    draft.islands.add(island)
    draft.countries.add(country)
    return draft


SECRET_WORDS = ["Secret Era Title", "Secret Negotiator", "Secretjima", "Secretland"]


@pytest.mark.parametrize(
    "query",
    [
        {"era": "secret-era"},
        {"person": "secret-person"},
        {"island": "secret-island"},
        {"country": "secret-country"},
    ],
)
def test_a_filter_on_a_draft_only_reference_is_like_an_unknown_one(
    client, draft_only, query
):
    response = client.get("/en/timeline/", query)
    assert response.status_code == 400
    name = next(iter(query))
    unknown = client.get("/en/timeline/", {name: "no-such-thing"})
    assert unknown.status_code == 400


def test_draft_only_references_appear_in_no_menu_or_page(client, draft_only):
    for path in [
        "/en/",
        "/en/timeline/",
        "/en/islands/",
        "/sitemap.xml",
        "/en/sources/",
    ]:
        page = client.get(path).content.decode()
        assert [word for word in SECRET_WORDS if word in page] == [], path
    assert client.get("/en/eras/secret-era/").status_code == 404
    assert client.get("/en/islands/secret-island/").status_code == 404
    found = client.get("/en/search/", {"q": "Secretjima"}).content.decode()
    assert "/en/islands/secret-island/" not in found


def test_scheduled_only_references_stay_private_until_the_time(client, draft_only):
    draft_only.status = Status.PUBLISHED
    draft_only.published_at = timezone.now() + datetime.timedelta(days=1)
    draft_only.save()
    assert client.get("/en/timeline/", {"person": "secret-person"}).status_code == 400
    assert client.get("/en/eras/secret-era/").status_code == 404


def test_publishing_the_draft_makes_them_public(client, draft_only):
    draft_only.status = Status.PUBLISHED
    draft_only.published_at = timezone.now()
    draft_only.save()
    response = client.get("/en/timeline/", {"person": "secret-person"})
    assert response.status_code == 200
    assert "Draft event" in response.content.decode()
    assert "Secret Negotiator" in client.get("/en/timeline/").content.decode()
    assert client.get("/en/eras/secret-era/").status_code == 200
    assert client.get("/en/islands/secret-island/").status_code == 200


def test_a_reference_no_event_uses_yet_stays_visible(client, draft_only):
    make_island(slug="unused-island", name_ja="Unusedjima")
    assert client.get("/en/islands/unused-island/").status_code == 200
    response = client.get("/en/timeline/", {"island": "unused-island"})
    assert response.status_code == 200, response.context["filter"].form.errors
