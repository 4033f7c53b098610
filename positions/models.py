import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from simple_history.models import HistoricalRecords

from editorial.models import (
    MarkdownBody,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    public_q,
)
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
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    question = models.CharField(
        max_length=300, help_text="The question both sides answer, as a question."
    )
    introduction = models.TextField(
        blank=True,
        help_text="Plain text: the background a reader needs, neutrally put.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = TopicManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]

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
        positions = self.select_related("topic", "country").order_by(
            "topic__order", "topic__title", "topic__pk"
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
    summary = models.TextField(
        help_text="Plain text, two or three sentences, in the country's own terms."
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
            "position__country", "position__topic", "speaker", "source", "event"
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


class Statement(models.Model):
    class Kind(models.TextChoices):
        TREATY = "treaty", "Treaty or agreement text"
        OFFICIAL = "official", "Official statement"
        SPEECH = "speech", "Speech"
        INTERVIEW = "interview", "Interview or press conference"
        LEGISLATION = "legislation", "Legislation or resolution"
        DIPLOMATIC = "diplomatic", "Diplomatic note or memorandum"
        OTHER = "other", "Other"

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
    speaker_label = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who spoke when it was not one person: 'Ministry of Foreign Affairs "
        "of Japan', 'Russian Foreign Ministry spokeswoman'.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICIAL)
    text = models.TextField(help_text="The words, or a faithful paraphrase.")
    is_quotation = models.BooleanField(
        "verbatim quotation",
        default=False,
        help_text="Tick only when the text is the speaker's exact words "
        "(in translation "
        "where needed); otherwise it is shown as a paraphrase.",
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
        if self.speaker_id is None and not self.speaker_label:
            errors["speaker_label"] = (
                "Name the speaker: choose a person or fill this in."
            )
        if self.date and self.event_id and "date" not in errors:
            message = self.event_date_error()
            if message:
                errors["event"] = message
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

    @property
    def speaker_name(self):
        return str(self.speaker) if self.speaker_id else self.speaker_label

    @property
    def display_date(self):
        return format_date(self.date, self.date_precision)

    @property
    def machine_date(self):
        return machine_date(self.date, self.date_precision)
