"""Content in the reader's language, or English marked as English."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from editorial.translation import DEFAULT_LANGUAGE, active_language, text_language

register = template.Library()


@register.simple_tag
def lang_of(obj, name):
    """` lang="en"` where a text falls back to English on another language's page,
    so that screen readers and browsers read it as English."""
    if obj is None or text_language(obj, name) == active_language():
        return ""
    return mark_safe(f' lang="{DEFAULT_LANGUAGE}"')


@register.simple_tag
def not_yet_translated(obj, *names):
    """A note for the reader when any of the texts is shown in English."""
    language = active_language()
    if obj is None or all(text_language(obj, name) == language for name in names):
        return ""
    return format_html(
        '<p class="untranslated">{}</p>',
        _("Not yet translated: this text is shown in English."),
    )
