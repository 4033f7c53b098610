import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.test import override_settings

from positions.models import Statement
from timeline.models import Era, Event

pytestmark = pytest.mark.django_db


def run_setup_site():
    call_command("setup_site", verbosity=0)


def test_setup_site_loads_the_fixtures_into_an_empty_site():
    run_setup_site()
    assert Event.objects.published().count() >= 30
    assert Era.objects.count() >= 5


def test_setup_site_run_again_keeps_what_editors_changed(capsys):
    run_setup_site()
    event = Event.objects.get(slug="tokyo-declaration")
    event.title = "Tokyo Declaration (edited by an editor)"
    event.save()
    Event.objects.filter(slug="treaty-of-shimoda").delete()
    count = Event.objects.count()

    call_command("setup_site")

    assert "already has content" in capsys.readouterr().out
    assert Event.objects.get(slug="tokyo-declaration").title.endswith(
        "(edited by an editor)"
    )
    assert Event.objects.count() == count


def test_a_broken_fixture_leaves_the_database_as_it_was(tmp_path):
    (tmp_path / "01_good.json").write_text(
        '[{"model": "timeline.era", "fields": {"slug": "good", "title_en": "Good", '
        '"start_year": 1855, "summary_en": "s"}}]'
    )
    (tmp_path / "02_broken.json").write_text(
        '[{"model": "timeline.event", "fields": {"slug": "orphan", '
        '"title_en": "Orphan", '
        '"date": "1956-10-19", "era": ["no-such-era"], "summary_en": "s"}}]'
    )
    with override_settings(FIXTURE_DIRS=[tmp_path]), pytest.raises(Exception) as error:
        run_setup_site()
    assert "02_broken.json" in str(error.value)
    assert not Era.objects.exists()


def test_the_fixtures_load_with_loaddata_for_a_deliberate_reset():
    run_setup_site()
    before = Event.objects.count()
    call_command("loaddata", "01_reference", "02_timeline", verbosity=0)
    assert Event.objects.count() == before


def test_integrity_is_enforced_by_the_database():
    run_setup_site()
    event = Event.objects.first()
    with pytest.raises(IntegrityError):
        Event.objects.filter(pk=event.pk).update(end_date="1800-01-01")


def test_setup_site_links_statements_to_the_articles_they_read():
    run_setup_site()
    assert Statement.objects.filter(article__isnull=False).count() >= 20
    statement = Statement.objects.get(
        position__country__slug="russia",
        date="1956-10-19",
        locator="Art. 9",
    )
    assert statement.article.get_absolute_url() == (
        "/en/documents/joint-declaration-1956/#article-9"
    )
    # The links are in the first version of each statement's history.
    assert statement.history.earliest().article_id == statement.article_id


def test_a_bad_reading_leaves_the_database_as_it_was(tmp_path):
    (tmp_path / "01_good.json").write_text(
        '[{"model": "timeline.era", "fields": {"slug": "good", "title_en": "Good", '
        '"start_year": 1855, "summary_en": "s"}}]'
    )
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "readings.json").write_text(
        '[{"statement": ["japan", "x", "1956-10-19", "no-source", ""], '
        '"article": ["no-document", "article-9"]}]'
    )
    with (
        override_settings(FIXTURE_DIRS=[tmp_path]),
        pytest.raises(CommandError) as error,
    ):
        run_setup_site()
    assert "readings.json, entry 1" in str(error.value)
    assert not Era.objects.exists()
