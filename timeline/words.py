"""The words a reader types, one syntax for /search/ and the timeline's words filter.

Each word must appear; "-word" leaves out what contains it. A word that is a name in
any script stands for the name in every script: Etorofu, Iturup, 択捉 and Итуруп find
the same things, because each is replaced by the same set of spellings. The spellings
come from the islands' and people's own fields and from a short list of places below.

Matching is by substring, in every language's column, on every database: Japanese
needs no word splitting ("択捉" is found in "択捉島"), and a Russian stem finds its
inflected forms ("Москв" in "Москве").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import and_, or_

from django.core.cache import cache
from django.db.models import Q, Value

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
WORD = re.compile(r"\w+")
# Japanese names of islands end in these; texts often leave them off (国後、択捉の両島).
ISLAND_SUFFIXES = ("群島", "島")
# A Latin or Cyrillic spelling this long also finds a word it begins
# (Итурупа, Hatoyama's); a shorter one must match the whole word.
PREFIX_LENGTH = 3

# Places that are neither islands nor people, with their spellings in the three
# languages (GLOSSARY.md). Russian spellings are stems where the word inflects.
PLACE_NAMES = [
    ("Yalta", "ヤルタ", "Ялт"),
    ("Potsdam", "ポツダム", "Потсдам"),
    ("Shimoda", "下田", "Симод"),
    ("Portsmouth", "ポーツマス", "Портсмут"),
    ("Sakhalin", "Karafuto", "樺太", "サハリン", "Сахалин"),
    ("Urup", "得撫", "Уруп"),
    ("Kuril", "Kurile", "Chishima", "千島", "クリル", "Курил"),
    ("Hokkaido", "北海道", "Хоккайдо"),
    ("Nemuro", "根室", "Немуро"),
    ("Irkutsk", "イルクーツク", "Иркутск"),
    ("Tokyo", "東京", "Токио"),
    ("Moscow", "モスクワ", "Москв"),
    ("Kamchatka", "カムチャツカ", "Камчат"),
]


def normalise(text):
    return unicodedata.normalize("NFKC", text).casefold()


def is_latin_or_cyrillic(text):
    return all(char.isascii() or "\u0400" <= char <= "\u04ff" for char in text)


def without_island_suffix(name):
    for suffix in ISLAND_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def person_spellings(names):
    """A person's names in each script, and the parts of them a text uses alone:
    the family name (last in Latin and Cyrillic; the first two characters of a
    Japanese name written without a space)."""
    spellings = set()
    for name in filter(None, names):
        name = name.strip()
        spellings.add(name)
        parts = WORD.findall(name)
        if len(parts) > 1 and is_latin_or_cyrillic(name):
            spellings.add(parts[-1])
        elif len(parts) == 1 and not is_latin_or_cyrillic(name) and len(name) >= 3:
            if "・" in name:
                spellings.add(name.rsplit("・", 1)[-1])
            else:
                spellings.add(name[:2])
    return frozenset(spelling for spelling in spellings if len(spelling) > 1)


NAMES_KEY = "timeline:name-groups"


def name_groups():
    """Every name's spellings, one frozenset per island, person and place: read in
    one query and kept in the shared cache until an island or a person changes."""
    groups = cache.get(NAMES_KEY)
    if groups is None:
        groups = read_name_groups()
        cache.set(NAMES_KEY, groups, timeout=None)
    return groups


def forget_name_groups(sender, **kwargs):
    cache.delete(NAMES_KEY)


def read_name_groups():
    from .models import Island, Person

    islands = (
        Island.objects.order_by()
        .annotate(kind=Value("island"))
        .values_list("kind", "name_ja", "name_ja_native", "name_ru", "name_ru_native")
    )
    people = (
        Person.objects.order_by()
        .annotate(kind=Value("person"))
        .values_list("kind", "name_en", "name_ja", "name_ru", "native_name")
    )
    groups = [frozenset(spellings) for spellings in PLACE_NAMES]
    for kind, *names in islands.union(people, all=True):
        if kind == "island":
            romanised_ja, native_ja, romanised_ru, native_ru = names
            spellings = (romanised_ja, without_island_suffix(native_ja), romanised_ru)
            groups.append(frozenset(filter(None, (*spellings, native_ru))))
        else:
            groups.append(person_spellings(names))
    return tuple(groups)


def spells(word, spelling):
    word, spelling = normalise(word), normalise(spelling)
    if word == spelling:
        return True
    if is_latin_or_cyrillic(spelling):
        return len(spelling) >= PREFIX_LENGTH and word.startswith(spelling)
    # Japanese: the typed word inside the name (択捉 in 択捉島) or the name inside the
    # typed word (択捉 in 択捉島民).
    return len(word) >= 2 and (word in spelling or spelling in word)


def alternatives(word):
    """The spellings that stand for a typed word: all spellings of every name it
    spells, or just the word itself."""
    return spellings_for(word, name_groups())


@lru_cache(maxsize=2048)
def spellings_for(word, groups):
    # A search asks for each word's spellings once per field it looks in: the
    # answer depends only on the word and the names (a tuple: it keys the cache).
    found = set()
    for group in groups:
        if any(spells(word, spelling) for spelling in group):
            found |= group
    return tuple(sorted(found)) if found else (word,)


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text):
        """Split what a reader typed into words to find and "-words" to leave out."""
        text = "".join(
            char if unicodedata.category(char)[0] != "C" else " " for char in text
        )
        text = " ".join(text.split())[:MAX_QUERY_LENGTH]
        words, excluded = {}, {}
        for token in text.split():
            found = excluded if token.startswith("-") else words
            for word in WORD.findall(token):
                # A lone Latin letter or digit ("s" of "Japan's") would match
                # everything; a lone kanji is a real word.
                if len(word) > 1 or not word.isascii():
                    found.setdefault(word.casefold(), word)
        return cls(
            text=text,
            words=tuple(words.values())[:MAX_WORDS],
            excluded=tuple(excluded.values())[:MAX_WORDS],
        )

    def __bool__(self):
        return bool(self.words)

    @property
    def spellings(self):
        """The words and every spelling each stands for, to highlight."""
        return tuple(
            spelling for word in self.words for spelling in (word, *alternatives(word))
        )

    @property
    def pattern(self):
        longest_first = sorted(set(self.spellings), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, longest_first)), re.IGNORECASE)

    def words_filter(self, fields):
        """Every word appears, in one of its spellings, in one of the fields."""
        return reduce(and_, (anywhere(word, fields) for word in self.words))

    def excluded_filter(self, fields):
        """No word the reader left out appears in any of the fields."""
        return reduce(and_, (~anywhere(word, fields) for word in self.excluded), Q())


def anywhere(word, fields):
    return reduce(
        or_,
        (
            Q(**{f"{name}__icontains": spelling})
            for spelling in alternatives(word)
            for name in fields
        ),
    )
