"""Every receiver of the editorial app, connected once from EditorialConfig.ready()
so that the admin, scripts, the shell and loaddata all go through them."""

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_save,
)
from django.dispatch import Signal

from .history import is_tracked
from .markdown import render_markdown
from .models import MarkdownBody
from .pagecache import bump_after_migrate, bump_content_version
from .roles import grant_rights_after_migrate
from .translation import LANGUAGES, to_attribute

# Sent after a deleted object was restored in the admin, its children included, with
# instance, record (the version it came back from) and user. A higher app re-links
# what pointed at it (positions: statements at a restored event); a receiver may
# return a sentence for the editor.
content_restored = Signal()


def render_markdown_body(sender, instance, **kwargs):
    # A receiver rather than save(): loaddata saves raw and never calls save().
    if isinstance(instance, MarkdownBody):
        for language in LANGUAGES:
            body = getattr(instance, to_attribute("body", language))
            setattr(
                instance, to_attribute("body_html", language), render_markdown(body)
            )


def skip_history_of_raw_saves(sender, instance, raw, **kwargs):
    # simple-history skips loaddata's raw saves but not the many-to-many links set
    # right after them, which would leave one half-made version per link field.
    # record_missing_history() records the loaded object whole instead.
    if raw and is_tracked(sender):
        instance.skip_history_when_saving = True


def connect():
    pre_save.connect(render_markdown_body, dispatch_uid="editorial-markdown")
    pre_save.connect(skip_history_of_raw_saves, dispatch_uid="editorial-raw-saves")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_content_version, dispatch_uid=f"editorial-cache-{signal}")
    post_migrate.connect(grant_rights_after_migrate, dispatch_uid="editorial-roles")
    post_migrate.connect(bump_after_migrate, dispatch_uid="editorial-cache-migrate")
