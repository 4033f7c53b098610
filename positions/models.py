import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import Article
from editorial.models import (
    MarkdownBody,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    public_q,
)
from editorial.translation import active_language, translated
from timeline.dates import (
    DatePrecision,
    date_span,
    format_date,
    machine_date,
    precision_errors,
)
from timeline.models import Country, Event, Person, Source

STATEMENT_EVENT_MARGIN_DAYS = 7


class TopicQuerySet(models.QuerySet):
    def with_published_positions(self):
        """Topics a reader can see: a topic without a public position is unfinished."""
        return self.filter(
            Exists(Position.objects.published().filter(topic=OuterRef("pk")))
        )


class TopicManager(SlugManager.from_queryset(TopicQuerySet)):
    pass


class Topic(models.Model):
    title = translated(models.CharField(max_length=200))
    slug = models.SlugField(max_length=100, unique=True)
    question = translated(
        models.CharField(
            max_length=300, help_text="The question both sides answer, as a question."
        )
    )
    introduction = translated(
        models.TextField(
            blank=True,
            help_text="Plain text: the background a reader needs, neutrally put.",
        )
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = TopicManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title_en"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("positions:topic_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class PositionQuerySet(PublishableQuerySet):
    def matrix(self):
        """Return (countries, rows): each row a topic and its (country, position) cells.

        Countries and topics come from the positions themselves, so a country or a
        topic without a position here has no column or row. One query.
        """
        positions = (
            self.select_related("topic", "country")
            .annotate(latest_statement=models.Max("statements__date"))
            .order_by("topic__order", "topic__title_en", "topic__pk")
        )
        cells, topics, countries = {}, {}, {}
        for position in positions:
            cells[position.topic_id, position.country_id] = position
            topics.setdefault(position.topic_id, position.topic)
            countries.setdefault(position.country_id, position.country)
        countries = sorted(countries.values(), key=lambda c: (c.order, c.name, c.pk))
        rows = [
            (
                topic,
                [(country, cells.get((topic.pk, country.pk))) for country in countries],
            )
            for topic in topics.values()
        ]
        return countries, rows


class PositionManager(models.Manager.from_queryset(PositionQuerySet)):
    def get_by_natural_key(self, country_slug, topic_slug):
        return self.get(country__slug=country_slug, topic__slug=topic_slug)


class Position(Publishable, MarkdownBody):
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="positions"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="positions")
    summary = translated(
        models.TextField(
            help_text="Plain text, two or three sentences, in the country's own terms."
        )
    )
    why_no_statements = models.CharField(
        "why no statement",
        max_length=300,
        blank=True,
        help_text="A published position is evidenced by at least one dated "
        "statement. If there is none yet, say why here (for editors, not shown to "
        "readers): 'Russia has not stated a view on this question since 1991.'",
    )

    objects = PositionManager()
    history = HistoricalRecords()

    publication_children = ("statements",)

    class Meta:
        ordering = ["topic__order", "country__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "topic"], name="position_unique_per_country_topic"
            )
        ]

    def __str__(self):
        return f"{self.country} on {self.topic}"

    def get_absolute_url(self):
        return reverse("positions:topic_detail", args=[self.topic.slug])

    def natural_key(self):
        return (self.country.slug, self.topic.slug)

    natural_key.dependencies = ["timeline.country", "positions.topic"]

    def children_problem(self, related_name, count):
        if related_name == "statements" and count == 0 and not self.why_no_statements:
            return (
                "A published position has at least one statement: add a dated, "
                "sourced statement, or say under “Why no statement” why there is "
                "none yet, or keep the position a draft."
            )
        return None

    def unique_error_message(self, model_class, unique_check):
        if (
            set(unique_check) == {"country", "topic"}
            and self.country_id
            and self.topic_id
        ):
            return ValidationError(
                f"{self.country} already has a position on “{self.topic}”: edit that "
                "one instead (one position per country and topic).",
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_q("position__"))

    def for_display(self):
        return self.select_related(
            "position__country",
            "position__topic",
            "speaker",
            "source",
            "event",
            "article__document",
        )


class StatementManager(models.Manager.from_queryset(StatementQuerySet)):
    def get_by_natural_key(self, country_slug, topic_slug, date, source_slug, locator):
        return self.get(
            position__country__slug=country_slug,
            position__topic__slug=topic_slug,
            date=date,
            source__slug=source_slug,
            locator=locator,
        )


class OriginalLanguage(models.TextChoices):
    JAPANESE = "ja", _("Japanese")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class Statement(models.Model):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty or agreement text")
        OFFICIAL = "official", _("Official statement")
        SPEECH = "speech", _("Speech")
        INTERVIEW = "interview", _("Interview or press conference")
        LEGISLATION = "legislation", _("Legislation or resolution")
        DIPLOMATIC = "diplomatic", _("Diplomatic note or memorandum")
        OTHER = "other", _("Other")

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="statements"
    )
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    speaker_label = translated(
        models.CharField(
            max_length=200,
            blank=True,
            help_text="Who spoke when it was not one person: 'Ministry of Foreign "
            "Affairs of Japan', 'Russian Foreign Ministry spokeswoman'.",
        )
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICIAL)
    text = translated(
        models.TextField(
            "translation or paraphrase",
            help_text="For a quotation, a faithful translation of the original "
            "wording below (leave the original's own language empty); otherwise a "
            "paraphrase of what was said.",
        )
    )
    original_text = models.TextField(
        "original wording",
        blank=True,
        help_text="The words in the language in which they were said or written, "
        "copied exactly from a source you have read (the source below). Never "
        "translate back from an English version: if you cannot read the original, "
        "leave this empty and keep the statement a paraphrase.",
    )
    original_language = models.CharField(
        max_length=5,
        choices=OriginalLanguage.choices,
        blank=True,
        help_text="The language of the original wording.",
    )
    is_quotation = models.BooleanField(
        "verbatim quotation",
        default=False,
        help_text="Tick only when the original wording above is verbatim, read in the "
        "cited source. Otherwise the statement is shown as a paraphrase.",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="statements"
    )
    locator = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where in the source: p. 12, Art. 9, §3. "
        "Two statements from one source "
        "on one date need different locators.",
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The event at which it was said, if any.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readings",
        help_text="The article of a treaty or declaration that this statement "
        "interprets, if any: it is then shown beside that article's texts.",
    )

    objects = StatementManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "date", "source", "locator"],
                name="statement_unique_per_source_locator",
            )
        ]

    def __str__(self):
        return f"{self.speaker_name}, {self.display_date}"

    def get_absolute_url(self):
        return self.position.get_absolute_url() + f"#statement-{self.pk}"

    @property
    def reads_in_original(self):
        """On a page in the original's own language the original wording is the
        text: no translation is shown beside it."""
        return bool(self.original_text) and self.original_language == active_language()

    def natural_key(self):
        return (
            self.position.country.slug,
            self.position.topic.slug,
            self.date.isoformat(),
            self.source.slug,
            self.locator,
        )

    natural_key.dependencies = ["positions.position", "timeline.source"]

    def clean(self):
        errors = {}
        message = precision_errors(self.date, self.date_precision)
        if message:
            errors["date"] = message
        if self.speaker_id is None and not self.speaker_label_en:
            errors["speaker_label_en"] = (
                "Name the speaker: choose a person or fill this in."
            )
        if self.is_quotation and not self.original_text.strip():
            errors["original_text"] = (
                "A verbatim quotation needs its original wording: copy the exact words "
                "from the source, or untick “verbatim quotation”."
            )
        if self.original_text.strip() and not self.original_language:
            errors["original_language"] = "Say in which language the original is."
        if self.original_language and not self.original_text.strip():
            errors["original_language"] = (
                "Leave this empty while there is no original wording."
            )
        if self.date and self.event_id and "date" not in errors:
            message = self.event_date_error()
            if message:
                errors["event"] = message
        if self.date and self.article_id and "date" not in errors:
            message = self.article_date_error()
            if message:
                errors["article"] = message
        if errors:
            raise ValidationError(errors)

    def event_date_error(self):
        event = self.event
        first, last = date_span(self.date, self.date_precision)
        event_first, event_last = date_span(
            event.date, event.date_precision, event.end_date
        )
        # A few days' leeway: the final negotiation before a signing and the press
        # conference after a summit belong to the event too.
        margin = datetime.timedelta(days=STATEMENT_EVENT_MARGIN_DAYS)
        if last < event_first - margin or first > event_last + margin:
            return (
                f"This statement is dated {self.display_date}, more than "
                f"{STATEMENT_EVENT_MARGIN_DAYS} days from “{event}” "
                f"({event.display_date}). Link only the event at which it was said: "
                "correct the date, or choose another event or none."
            )
        return None

    def article_date_error(self):
        document = self.article.document
        _, last = date_span(self.date, self.date_precision)
        # The same leeway as for events: the last round of talks reads the final text.
        margin = datetime.timedelta(days=STATEMENT_EVENT_MARGIN_DAYS)
        if last < document.date - margin:
            return (
                f"This statement is dated {self.display_date}, before “{document}” "
                f"was signed ({document.display_date}): it cannot read that article. "
                "Correct the date, or choose another article or none."
            )
        return None

    @property
    def has_original(self):
        return bool(self.original_text.strip())

    @property
    def original_lang_attribute(self):
        """The BCP 47 tag for the original's `lang`, or "" when it is not known."""
        if self.original_language == OriginalLanguage.OTHER:
            return ""
        return self.original_language

    @property
    def speaker_name(self):
        return str(self.speaker) if self.speaker_id else self.speaker_label

    @property
    def display_date(self):
        return format_date(self.date, self.date_precision)

    @property
    def machine_date(self):
        return machine_date(self.date, self.date_precision)


class StatusItemQuerySet(PublishableQuerySet):
    def current(self):
        """The published facts of the current status, in order, with their sources."""
        return self.published().select_related("source").order_by("order", "label_en")


class StatusItemManager(SlugManager.from_queryset(StatusItemQuerySet)):
    pass


class StatusItem(Publishable):
    label = translated(
        models.CharField(
            max_length=100,
            help_text="What the fact is about, in a few words: 'Administration', "
            "'Grave visits', 'Japan's latest wording'.",
        )
    )
    slug = models.SlugField(max_length=100, unique=True)
    text = translated(
        models.TextField(
            help_text="Plain text, one or two sentences, in the site's neutral voice; "
            "each side's claim attributed to it. Say only what the source supports."
        )
    )
    as_of = models.DateField(
        "as of",
        help_text="The date on which the fact is known to hold: the date of the latest "
        "source that confirms it.",
    )
    reviewed_on = models.DateField(
        help_text="When an editor last checked that nothing newer has changed it. "
        "Update it at each review, and the text and “as of” date when the facts move.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="status_items",
        help_text="The source that establishes the fact as of that date.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = StatusItemManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "label_en"]
        verbose_name = "current-status fact"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_on__gte=models.F("as_of")),
                name="status_item_reviewed_after_as_of",
                violation_error_message="The review date cannot be earlier than the "
                "“as of” date: a fact is reviewed on or after the day it holds.",
            )
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["timeline.source"]

    def clean(self):
        today = timezone.localdate()
        errors = {}
        if self.as_of and self.as_of > today:
            errors["as_of"] = "An “as of” date cannot lie in the future."
        if self.reviewed_on and self.reviewed_on > today:
            errors["reviewed_on"] = "A review date cannot lie in the future."
        if errors:
            raise ValidationError(errors)
