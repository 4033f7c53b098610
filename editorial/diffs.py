"""History diffs an editor can read: what changed, word by word, and nothing else.

simple-history shortens long values around their first difference ("Yelts[507
chars]tice") and reports changes that no one made: line endings a browser sent as
CRLF, a time that lost its microseconds in a form. This helper drops such noise and
marks the words removed and added in long texts, in full.
"""

import dataclasses
import datetime
import difflib
import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

LONG_TEXT = 80
_TOKENS = re.compile(r"(\s+)")


def normalised(value):
    """A value as an editor would compare it: LF line endings, whole seconds."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value


def is_noise(change):
    return normalised(change.old) == normalised(change.new)


def word_diff(old, new):
    """(old, new) as HTML: the words only one of them has in <del> or <ins>."""
    old_words = _TOKENS.split(normalised(old))
    new_words = _TOKENS.split(normalised(new))
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    old_html, new_html = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before = conditional_escape("".join(old_words[i1:i2]))
        after = conditional_escape("".join(new_words[j1:j2]))
        if tag == "equal":
            old_html.append(before)
            new_html.append(after)
            continue
        if before:
            old_html.append(format_html("<del>{}</del>", mark_safe(before)))
        if after:
            new_html.append(format_html("<ins>{}</ins>", mark_safe(after)))
    return (
        mark_safe('<span class="text-diff">' + "".join(old_html) + "</span>"),
        mark_safe('<span class="text-diff">' + "".join(new_html) + "</span>"),
    )


class ReadableDiffHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if not is_noise(change)]
        return super().context_for_delta_changes(
            dataclasses.replace(delta, changes=changes)
        )

    def stringify_delta_change_values(self, change, old, new):
        if isinstance(old, str) and isinstance(new, str):
            if max(len(old), len(new)) > LONG_TEXT or "\n" in old + new:
                return word_diff(old, new)
            return conditional_escape(old), conditional_escape(new)
        return super().stringify_delta_change_values(change, old, new)
