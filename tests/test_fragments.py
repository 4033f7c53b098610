"""Kept fragments (editorial.fragments): the costly parts of readers' pages, rendered
once per content version and language, never stale, never for editors."""

import datetime
import time

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from editorial.fragments import fragment_key
from editorial.models import Status

from .factories import make_era, make_event

pytestmark = pytest.mark.django_db

FRAGMENTS_ON = override_settings(FRAGMENT_CACHE_SECONDS=3600)

# One page of each type whose content is kept, in the three languages.
SHIPPED_PAGES = [
    "/en/",
    "/ja/",
    "/ru/",
    "/en/timeline/",
    "/ja/timeline/?era=cold-war-stalemate",
    "/ru/timeline/?page=2",
    "/en/timeline/?order=newest&kind=treaty",
    "/en/timeline/joint-declaration-1956/",
    "/ja/timeline/joint-declaration-1956/",
    "/en/eras/cold-war-stalemate/",
    "/en/islands/",
    "/ru/islands/etorofu-iturup/",
    "/en/positions/",
    "/en/positions/legal-basis-of-sovereignty/",
    "/ja/positions/legal-basis-of-sovereignty/",
    "/ru/positions/countries/russia/",
    "/en/documents/",
    "/en/documents/treaty-of-shimoda/",
    "/ru/documents/joint-declaration-1956/",
    "/en/sources/",
    "/ja/sources/?kind=treaty",
    "/en/sources/?utm_source=newsletter",
    "/en/sources/shimoda-treaty-text/",
    "/ja/about/",
    "/ru/data/",
]


@pytest.mark.parametrize("path", SHIPPED_PAGES)
def test_a_kept_page_is_the_page_as_rendered(
    client, shipped_content, path, django_assert_max_num_queries
):
    fresh = client.get(path)
    assert fresh.status_code == 200
    with FRAGMENTS_ON:
        first = client.get(path)
        # The content version, the next scheduled time, the page's own object.
        with django_assert_max_num_queries(3):
            kept = client.get(path)
    assert first.content == fresh.content
    assert kept.content == fresh.content
    assert kept.status_code == 200


@FRAGMENTS_ON
def test_an_edit_is_seen_at_once(client):
    era = make_era(slug="cold-war", title="Cold War")
    event = make_event(era=era, title="Tokyo Declaration", is_key=True)
    for path in (
        "/en/",
        "/en/timeline/",
        event.get_absolute_url(),
        era.get_absolute_url(),
    ):
        assert "Tokyo Declaration" in client.get(path).content.decode()
    event.title = "Tokyo Declaration (corrected)"
    event.save()
    for path in (
        "/en/",
        "/en/timeline/",
        event.get_absolute_url(),
        era.get_absolute_url(),
    ):
        assert "(corrected)" in client.get(path).content.decode(), path


@FRAGMENTS_ON
def test_an_unpublished_event_leaves_every_kept_part(client):
    event = make_event(title="Nagato Summit")
    url = event.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Nagato Summit" in client.get("/en/timeline/").content.decode()
    event.status = Status.DRAFT
    event.save()
    assert client.get(url).status_code == 404
    assert "Nagato Summit" not in client.get("/en/timeline/").content.decode()
    assert "Nagato Summit" not in client.get("/en/").content.decode()


@FRAGMENTS_ON
def test_a_scheduled_event_appears_on_time(client):
    make_event(title="Already There")
    make_event(
        title="Appears Later",
        status=Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(seconds=1.5),
    )
    assert "Appears Later" not in client.get("/en/timeline/").content.decode()
    assert "Appears Later" not in client.get("/en/").content.decode()
    time.sleep(2)
    assert "Appears Later" in client.get("/en/timeline/").content.decode()
    assert "Appears Later" in client.get("/en/").content.decode()


@FRAGMENTS_ON
def test_rejected_filters_and_missing_pages_are_never_kept(client):
    make_event()
    for _ in range(2):
        bad = client.get("/en/timeline/", {"year_from": "abc"})
        assert bad.status_code == 400
        assert "has-error" in bad.content.decode()
        assert client.get("/en/timeline/", {"era": "no-such-era"}).status_code == 400
        assert client.get("/en/timeline/", {"page": "99"}).status_code == 404
        assert client.get("/en/sources/", {"kind": "no-such-kind"}).status_code == 400
    assert client.get("/en/timeline/").status_code == 200
    assert client.get("/en/sources/").status_code == 200


@FRAGMENTS_ON
def test_free_text_is_rendered_afresh(client):
    make_event(title="Zyxwv Accord")
    make_event(title="Qwerty Pact")
    first = client.get("/en/timeline/", {"q": "zyxwv"}).content.decode()
    second = client.get("/en/timeline/", {"q": "qwerty"}).content.decode()
    assert "Zyxwv Accord" in first and "Qwerty Pact" not in first
    assert "Qwerty Pact" in second and "Zyxwv Accord" not in second


@FRAGMENTS_ON
def test_each_language_has_its_own_parts(client):
    make_event(
        title_en="Tokyo Declaration",
        title_ja="東京宣言",
        title_ru="Токийская декларация",
    )
    assert "東京宣言" in client.get("/ja/timeline/").content.decode()
    assert "Токийская декларация" in client.get("/ru/timeline/").content.decode()
    english = client.get("/en/timeline/").content.decode()
    assert "Tokyo Declaration" in english and "東京宣言" not in english


@FRAGMENTS_ON
def test_nothing_is_kept_for_or_from_a_logged_in_editor(
    client, admin_client, superuser
):
    draft = make_event(title="Draft Summit", status=Status.DRAFT)
    make_event(title="Public Summit")
    # Staff preview the draft at its address and see it in no list; what they are
    # shown is rendered for them alone.
    assert "Draft Summit" in admin_client.get(draft.get_absolute_url()).content.decode()
    admin_client.get("/en/timeline/")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Draft Summit" not in client.get("/en/timeline/").content.decode()

    request = RequestFactory().get("/en/timeline/")
    request.user = superuser
    request.COOKIES["sessionid"] = "a-session"
    assert fragment_key(request, "timeline", "") is None


def test_fragments_are_off_when_their_time_is_zero(client):
    request = RequestFactory().get("/en/")
    assert fragment_key(request, "home") is None


@FRAGMENTS_ON
def test_a_tracking_parameter_gets_the_plain_page(client, shipped_content):
    for path in ("/en/sources/", "/en/timeline/"):
        tracked = client.get(path, {"utm_source": "newsletter"}).content
        assert tracked == client.get(path).content
        assert b"Clear filters" not in tracked
