"""Content held per language in the same row (django-translated-fields).

`translated(field)` turns one field into a column per language of settings.LANGUAGES
(`title_en`, `title_ja`, `title_ru`); `obj.title` reads the active language and falls
back to English when that column is empty. English is the language every object is
written in first, so only English may be required or unique.
"""

import functools

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from translated_fields import TranslatedField, to_attribute

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE.split("-")[0]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]


class TranslatedProperty(property):
    """What `obj.title` is: a property, so that Django takes `title=` wherever it
    takes a field (Event(title=…), objects.create(title=…)) and sets the active
    language's column."""


class TranslatedColumns(TranslatedField):
    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        setattr(cls, name, TranslatedProperty(self._getter, self._setter))


def get_active_or_english(name, field):
    def getter(obj):
        return getattr(obj, to_attribute(name, active_language())) or getattr(
            obj, to_attribute(name, DEFAULT_LANGUAGE)
        )

    return getter


def set_active_language(name, field):
    def setter(obj, value):
        setattr(obj, to_attribute(name, active_language()), value)

    return setter


def translated(field):
    relaxed = {"blank": True}
    if field.unique:
        relaxed["unique"] = False
    return TranslatedColumns(
        field,
        {language: relaxed for language in OTHER_LANGUAGES},
        languages=LANGUAGES,
        attrgetter=get_active_or_english,
        attrsetter=set_active_language,
    )


def active_language():
    language = (get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def translated_field_names(model):
    """The names of a model's translated fields: ["title", "summary", …]."""
    names = []
    seen = set()
    for klass in model.__mro__:
        for name, value in vars(klass).items():
            if name not in seen and isinstance(value, TranslatedProperty):
                names.append(name)
            seen.add(name)
    return tuple(names)


def is_translated(obj, name, language=None):
    """Whether obj has its own text for `name` in the language (not a fallback)."""
    language = language or active_language()
    return bool(getattr(obj, to_attribute(name, language), ""))


def text_language(obj, name):
    """The language the reader actually gets for `name`: the active one, or English."""
    language = active_language()
    if language == DEFAULT_LANGUAGE or is_translated(obj, name, language):
        return language
    return DEFAULT_LANGUAGE


def languages_of(obj, names):
    """The languages in which every one of `names` has its own non-empty text,
    among those that have text in English (an empty field needs no translation)."""
    needed = [
        name for name in names if getattr(obj, to_attribute(name, DEFAULT_LANGUAGE))
    ]
    return [
        language
        for language in LANGUAGES
        if all(is_translated(obj, name, language) for name in needed)
    ]


def translated_value(name):
    """An expression for the active language's text of `name`, English when empty,
    for queries that read values rather than objects (values_list, ordering)."""
    language = active_language()
    default = F(to_attribute(name, DEFAULT_LANGUAGE))
    if language == DEFAULT_LANGUAGE:
        return default
    return Coalesce(NullIf(F(to_attribute(name, language)), Value("")), default)


def all_languages(*names):
    """Every language's column of each name, for search_fields and the like:
    all_languages("title") == ["title_en", "title_ja", "title_ru"]."""
    return [to_attribute(name, language) for name in names for language in LANGUAGES]


def translate_history_models():
    """Give each historical model (simple-history) the same `title` as its live
    model, so a past version reads as the object did: record.title."""
    from django.apps import apps

    for model in apps.get_models():
        history = getattr(model, "history", None)
        historical = getattr(history, "model", None)
        if historical is None or historical is model:
            continue
        for name in translated_field_names(model):
            if not hasattr(historical, name):
                # The live model's property itself: it reads the same columns.
                setattr(historical, name, getattr(model, name))


def content_languages(obj):
    """The languages in which the object has all its texts: the languages of its
    page that a sitemap and the hreflang alternates offer."""
    names = [name for name in translated_field_names(type(obj)) if name != "body_html"]
    return languages_of(obj, names)
