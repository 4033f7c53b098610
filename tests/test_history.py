"""Every change kept with who and when; diffs, revert, recovery, no lost edits."""

import json

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from editorial.admin import ContentAdmin
from editorial.models import Status
from positions.models import Position
from timeline.models import Citation, Event

from .admin_forms import form_data, submit
from .factories import (
    make_article,
    make_article_text,
    make_country,
    make_editor,
    make_era,
    make_event,
    make_island,
    make_person,
    make_source,
    make_statement,
    make_status_item,
    make_topic,
)

pytestmark = pytest.mark.django_db

REVERT_FORM = "historicalevent_form"


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def history_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def revert_url(record):
    return reverse(
        "admin:timeline_event_simple_history", args=[record.id, record.history_id]
    )


@pytest.fixture
def editor(client):
    user = make_editor("alice", first_name="Alice", last_name="Archer")
    client.force_login(user)
    return user


@pytest.fixture
def event():
    event = make_event(slug="tokyo-declaration", title="Tokyo Declaration")
    event.countries.set([make_country(name="Japan")])
    return event


def test_orm_saves_are_recorded(event):
    event.title = "Tokyo Declaration on Japan–Russia Relations"
    event.save()
    latest = event.history.first()
    assert latest.title == event.title
    assert latest.history_type == "~"
    assert event.history.count() >= 2


def test_an_admin_save_is_one_record_with_the_editor_and_the_links(
    client, editor, event
):
    russia = make_country(name="Russia")
    before = event.history.count()
    data_changes = {"title": "Tokyo Declaration (1993)"}
    page = client.get(change_url(event))
    data = form_data(page, "event_form", **data_changes)
    data["countries"] = [*data["countries"], str(russia.pk)]
    assert client.post(change_url(event), data).status_code == 302

    assert event.history.count() == before + 1
    record = event.history.first()
    assert record.history_user == editor
    assert record.title == "Tokyo Declaration (1993)"
    assert {c.name for c in Event.objects.get(pk=event.pk).countries.all()} == {
        "Japan",
        "Russia",
    }
    assert {row.country.name for row in record.countries.all()} == {"Japan", "Russia"}
    assert "Changed Title and Countries" in record.history_change_reason


def test_inline_citations_keep_their_own_history_with_the_editor(client, editor, event):
    citation = event.citations.get()
    response = submit(
        client, change_url(event), "event_form", **{"citations-0-locator": "Art. 2"}
    )
    assert response.status_code == 302
    record = citation.history.first()
    assert record.locator == "Art. 2"
    assert record.history_user == editor


def test_the_history_page_shows_field_by_field_changes(client, editor, event):
    submit(client, change_url(event), "event_form", summary="A new summary.")
    response = client.get(history_url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Summary:" in content
    assert "A new summary." in content
    assert "alice" in content
    # An editor may not open user pages: no link to one.
    assert "/admin/auth/user/" not in content


def test_revert_restores_the_old_values_links_and_citations(client, editor, event):
    old = event.history.first()
    old_citation = event.citations.get()
    page = client.get(change_url(event))
    data = form_data(
        page,
        "event_form",
        title="Wrong title",
        summary="Wrong summary.",
        countries=[],
        status="draft",  # a published event cites a source
        **{"citations-0-DELETE": "on"},
    )
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Wrong title"
    assert not event.citations.exists()

    page = client.get(revert_url(old))
    assert page.status_code == 200
    content = page.content.decode()
    assert "What reverting changes" in content
    assert 'value="Revert"' in content  # SIMPLE_HISTORY_REVERT_DISABLED is off
    assert {
        "field": "Title",
        "old": "Wrong title",
        "new": "Tokyo Declaration",
    } in page.context["version_changes"]
    assert "Citations: what reverting does" in content
    assert [str(c) for c in page.context["child_changes"][0].added] == [
        str(old_citation)
    ]
    assert str(old_citation) in content
    response = client.post(revert_url(old), form_data(page, REVERT_FORM), follow=True)
    assert response.redirect_chain[-1][0] == change_url(event)
    assert "Reverted “Tokyo Declaration” to the version of" in response.content.decode()

    event.refresh_from_db()
    assert event.title == "Tokyo Declaration"
    assert event.summary == "Something happened."
    assert [c.name for c in event.countries.all()] == ["Japan"]
    assert list(event.citations.values_list("pk", flat=True)) == [old_citation.pk]
    latest = event.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Reverted to the version of")


def test_a_deleted_event_is_listed_and_restored_with_its_citations(
    client, editor, event
):
    citation = event.citations.get()
    changelist = client.get(reverse("admin:timeline_event_changelist"))
    recover_url = reverse("admin:timeline_event_deleted")
    assert recover_url in changelist.content.decode()

    delete_url = reverse("admin:timeline_event_delete", args=[event.pk])
    response = client.post(delete_url, {"post": "yes"}, follow=True)
    assert not Event.objects.filter(pk=event.pk).exists()
    assert recover_url in response.content.decode()  # "Deleted by mistake?" message

    listing = client.get(recover_url)
    assert listing.status_code == 200
    assert "Tokyo Declaration" in listing.content.decode()
    [row] = listing.context["rows"]
    assert row["who"] == "Alice Archer"

    page = client.get(row["restore_url"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "was <strong>deleted</strong>" in content
    assert 'value="Restore"' in content
    response = client.post(
        row["restore_url"], form_data(page, REVERT_FORM), follow=True
    )
    assert response.redirect_chain[-1][0] == change_url(event)
    assert "Restored “Tokyo Declaration”." in response.content.decode()

    restored = Event.objects.get(pk=event.pk)
    assert restored.title == "Tokyo Declaration"
    assert [c.name for c in restored.countries.all()] == ["Japan"]
    assert list(restored.citations.all()) == [citation]
    assert restored.history.first().history_type == "+"
    assert client.get(recover_url).context["rows"] == []


def test_loaded_fixtures_get_a_first_version(tmp_path):
    """loaddata skips history; setup_site records the loaded content."""
    (tmp_path / "01.json").write_text(
        json.dumps(
            [
                {
                    "model": "timeline.era",
                    "fields": {
                        "slug": "e",
                        "title_en": "E",
                        "start_year": 1855,
                        "summary_en": "s",
                    },
                },
                {
                    "model": "timeline.country",
                    "fields": {"slug": "japan", "name_en": "Japan"},
                },
                {
                    "model": "timeline.event",
                    "fields": {
                        "slug": "ev",
                        "title_en": "Ev",
                        "date": "1956-10-19",
                        "era": ["e"],
                        "summary_en": "s",
                        "status": "published",
                        "countries": [["japan"]],
                    },
                },
            ]
        )
    )
    with override_settings(FIXTURE_DIRS=[tmp_path]):
        call_command("setup_site", verbosity=0)
    event = Event.objects.get(slug="ev")
    record = event.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "Initial content loaded from fixtures"
    assert [row.country.slug for row in record.countries.all()] == ["japan"]

    # A deliberate reset with loaddata is recorded by the next setup_site.
    Event.objects.filter(pk=event.pk).update(title_en="Changed in SQL")
    with override_settings(FIXTURE_DIRS=[tmp_path]):
        call_command("loaddata", str(tmp_path / "01.json"), verbosity=0)
        call_command("setup_site", verbosity=0)
    assert event.history.count() == 2
    with override_settings(FIXTURE_DIRS=[tmp_path]):
        call_command("setup_site", verbosity=0)
    assert event.history.count() == 2


# No lost edits: the second of two concurrent saves is refused.


def test_the_second_of_two_concurrent_saves_is_refused(client, editor, event):
    bob = make_editor("bob", first_name="Bob", last_name="Baker")
    page_alice = client.get(change_url(event))

    client.force_login(bob)
    assert (
        submit(client, change_url(event), "event_form", title="Bob's title").status_code
        == 302
    )

    client.force_login(editor)
    data = form_data(page_alice, "event_form", summary="Alice's summary.")
    response = client.post(change_url(event), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bob Baker changed this event on" in content
    assert "have NOT been saved" in content
    event.refresh_from_db()
    assert event.title == "Bob's title"
    assert event.summary == "Something happened."

    # Saving again from the refused form is a deliberate choice, and goes through.
    response = client.post(change_url(event), form_data(response, "event_form"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.summary == "Alice's summary."


def test_a_change_by_a_script_also_blocks_a_stale_save(client, editor, event):
    page = client.get(change_url(event))
    event.status = Status.DRAFT
    event.save()
    response = client.post(change_url(event), form_data(page, "event_form"))
    assert response.status_code == 200
    assert "someone outside the admin" in response.content.decode()


def test_a_stale_citation_row_is_refused(client, editor, event):
    page = client.get(change_url(event))
    citation = event.citations.get()
    citation.locator = "p. 7"
    citation.save()
    data = form_data(page, "event_form", **{"citations-0-locator": "p. 9"})
    response = client.post(change_url(event), data)
    assert response.status_code == 200
    citation.refresh_from_db()
    assert citation.locator == "p. 7"


def test_a_revert_is_refused_when_the_object_changed_meanwhile(client, editor, event):
    old = event.history.first()
    page = client.get(revert_url(old))
    event.title = "Changed meanwhile"
    event.save()
    response = client.post(revert_url(old), form_data(page, REVERT_FORM))
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.title == "Changed meanwhile"


def test_unchanged_saves_by_one_editor_never_conflict(client, editor, event):
    for title in ["One", "Two", "Three"]:
        assert (
            submit(client, change_url(event), "event_form", title=title).status_code
            == 302
        )
    event.refresh_from_db()
    assert event.title == "Three"


def test_adding_needs_no_version(client, editor):
    source = make_source()
    era = make_event().era
    response = submit(
        client,
        reverse("admin:timeline_event_add"),
        "event_form",
        title="Irkutsk Statement",
        slug="irkutsk-statement",
        era=era.pk,
        date="2001-03-25",
        summary="s",
        **{"citations-0-source": source.pk},
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="irkutsk-statement")
    assert event.history.get().history_type == "+"
    assert Citation.objects.get(event=event).history.count() == 1


BUILDERS = {
    "timeline.Country": make_country,
    "timeline.Person": make_person,
    "timeline.Island": make_island,
    "timeline.Source": make_source,
    "timeline.Era": make_era,
    "timeline.Event": make_event,
    "positions.Topic": make_topic,
    "positions.Position": lambda: make_statement().position,
    "positions.Statement": make_statement,
    "positions.StatusItem": make_status_item,
    "documents.Document": lambda: make_article().document,
    "documents.Article": lambda: make_article_text().article,
}


def test_every_content_model_has_an_editing_admin():
    content = {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"timeline", "documents", "positions"}
    }
    assert content == set(BUILDERS)
    for label in BUILDERS:
        model = next(m for m in admin.site._registry if m._meta.label == label)
        assert isinstance(admin.site._registry[model], ContentAdmin), label


@pytest.mark.parametrize("label", BUILDERS)
def test_every_content_admin_refuses_a_stale_save(client, editor, label):
    obj = BUILDERS[label]()
    url = change_url(obj)
    page = client.get(url)
    type(obj).objects.get(pk=obj.pk).save()  # someone else saves meanwhile
    response = client.post(url, form_data(page, f"{obj._meta.model_name}_form"))
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    response = client.post(url, form_data(response, f"{obj._meta.model_name}_form"))
    assert response.status_code == 302


def test_reverting_a_position_puts_its_statements_back(client, editor):
    statement = make_statement(text="The original words.")
    position = statement.position
    # The position's first record predates its statement (both made in code):
    # a save in the admin records it with the statement.
    assert submit(client, change_url(position), "position_form").status_code == 302
    old = position.history.first()
    page = client.get(change_url(position))
    data = form_data(
        page,
        "position_form",
        summary="A rewritten summary.",
        **{"statements-0-text": "Rewritten words."},
    )
    assert client.post(change_url(position), data).status_code == 302
    statement.refresh_from_db()
    assert statement.text == "Rewritten words."

    url = reverse("admin:positions_position_simple_history", args=[position.pk, old.pk])
    page = client.get(url)
    assert "Statements: what reverting does" in page.content.decode()
    assert (
        client.post(url, form_data(page, "historicalposition_form")).status_code == 302
    )
    position = Position.objects.get(pk=position.pk)
    assert position.summary == old.summary
    statement.refresh_from_db()
    assert statement.text == "The original words."


def test_list_edits_and_bulk_actions_are_recorded_with_the_editor(client, editor):
    country = make_country(order=5)
    changelist = reverse("admin:timeline_country_changelist")
    page = client.get(changelist)
    data = form_data(page, "changelist-form", **{"form-0-order": "9", "_save": "Save"})
    assert client.post(changelist, data).status_code == 302
    record = country.history.first()
    assert (record.order, record.history_user) == (9, editor)

    event = make_event(status=Status.DRAFT)
    client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
    )
    record = event.history.first()
    assert (record.status, record.history_user) == (Status.PUBLISHED, editor)


def test_reverting_an_article_puts_its_texts_back(client, editor):
    text = make_article_text(text="The original wording.")
    article = text.article
    assert submit(client, change_url(article), "article_form").status_code == 302
    old = article.history.first()
    page = client.get(change_url(article))
    data = form_data(
        page,
        "article_form",
        label="Article 99",
        **{"texts-0-text": "A mistaken wording."},
    )
    assert client.post(change_url(article), data).status_code == 302
    text.refresh_from_db()
    assert text.text == "A mistaken wording."

    url = reverse("admin:documents_article_simple_history", args=[article.pk, old.pk])
    page = client.get(url)
    shown = page.content.decode().lower()
    assert "texts: what reverting does" in shown and "a mistaken wording" in shown
    assert (
        client.post(url, form_data(page, "historicalarticle_form")).status_code == 302
    )
    article.refresh_from_db()
    text.refresh_from_db()
    assert article.label == old.label
    assert text.text == "The original wording."


def test_reverting_a_document_puts_its_articles_back(client, editor):
    article = make_article(label="Article 9")
    document = article.document
    assert submit(client, change_url(document), "document_form").status_code == 302
    old = document.history.first()
    page = client.get(change_url(document))
    data = form_data(page, "document_form", **{"articles-0-label": "Article 10"})
    assert client.post(change_url(document), data).status_code == 302
    article.refresh_from_db()
    assert article.label == "Article 10"
    url = reverse("admin:documents_document_simple_history", args=[document.pk, old.pk])
    page = client.get(url)
    assert (
        client.post(url, form_data(page, "historicaldocument_form")).status_code == 302
    )
    article.refresh_from_db()
    assert article.label == "Article 9"
