from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.models import (
    MarkdownBody,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    Status,
    public_q,
)
from editorial.translation import active_language, translated, translated_value

from .dates import (
    DatePrecision,
    format_date,
    format_date_range,
    machine_date,
    old_style_error,
    precision_errors,
)


class ReferenceQuerySet(models.QuerySet):
    """Reference data (eras, countries, people, islands) as readers may see it.

    Something only drafts or scheduled events use stays out of menus, filter choices
    and pages until a published event uses it; what no event uses yet stays visible.
    The model names its link from Event in EVENT_RELATION.
    """

    def public(self):
        relation = self.model.EVENT_RELATION
        uses = Event.objects.filter(**{relation: models.OuterRef("pk")})
        return self.filter(
            models.Exists(uses.filter(public_q())) | ~models.Exists(uses)
        )


class ReferenceManager(SlugManager.from_queryset(ReferenceQuerySet)):
    pass


class Country(models.Model):
    EVENT_RELATION = "countries"

    name = translated(models.CharField(max_length=100, unique=True))
    slug = models.SlugField(max_length=60, unique=True)
    native_name = models.CharField(max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first, e.g. in the positions table."
    )

    objects = ReferenceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("timeline:event_list") + "?" + urlencode({"country": self.slug})

    def natural_key(self):
        return (self.slug,)


class Person(models.Model):
    EVENT_RELATION = "people"

    name = translated(
        models.CharField(
            max_length=150,
            help_text="As each language writes it: Ichirō Hatoyama, 鳩山一郎, "
            "Итиро Хатояма (English: given name first).",
        )
    )
    slug = models.SlugField(max_length=100, unique=True)
    native_name = models.CharField(
        max_length=150, blank=True, help_text="In the person's own script: 鳩山一郎."
    )
    role = translated(
        models.CharField(
            max_length=250,
            blank=True,
            help_text="The office that matters here, with years: Prime Minister of "
            "Japan (1954–1956).",
        )
    )
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    objects = ReferenceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("timeline:event_list") + "?" + urlencode({"person": self.slug})

    def natural_key(self):
        return (self.slug,)


class IslandQuerySet(ReferenceQuerySet):
    def with_event_count(self):
        """Annotate how many published events concern each island, in one query."""
        events = (
            Event.objects.published()
            .filter(islands=models.OuterRef("pk"))
            .order_by()
            .values("islands")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            event_count=Coalesce(models.Subquery(events), models.Value(0))
        )


class IslandManager(SlugManager.from_queryset(IslandQuerySet)):
    pass


class Island(models.Model):
    EVENT_RELATION = "islands"

    slug = models.SlugField(max_length=60, unique=True)
    name_ja = models.CharField("Japanese name", max_length=100)
    name_ja_native = models.CharField("Japanese name (Japanese script)", max_length=100)
    name_ru = models.CharField("Russian name", max_length=100)
    name_ru_native = models.CharField("Russian name (Cyrillic)", max_length=100)
    summary = translated(models.TextField(blank=True))
    area_km2 = models.DecimalField("area (km²)", max_digits=7, decimal_places=1)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    population_note = translated(
        models.CharField(
            max_length=250,
            blank=True,
            help_text="E.g. 'no civilian residents; border guards'.",
        )
    )
    administration_by_japan = translated(
        models.CharField(
            "administration (as Japan describes it)",
            max_length=250,
            blank=True,
            help_text="Where Japan places the island in its own administration: "
            "Nemuro Subprefecture, Hokkaido (with the village, if any).",
        )
    )
    administration_by_russia = translated(
        models.CharField(
            "administration (as Russia describes it)",
            max_length=250,
            blank=True,
            help_text="How Russia, which governs the island, administers it: "
            "Kurilsky or Yuzhno-Kurilsky District, Sakhalin Oblast.",
        )
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    is_named_in_1956 = models.BooleanField(
        "named in the 1956 Joint Declaration",
        default=False,
        help_text="Article 9 of the 1956 Joint Declaration names Shikotan and the "
        "Habomai Islands.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = IslandManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name_ja"]

    def __str__(self):
        """Both names, the reader's own first: Etorofu / Iturup, 択捉島 / Итуруп,
        Итуруп / Etorofu."""
        language = active_language()
        if language == "ja":
            names = [self.name_ja_native, self.name_ru_native]
        elif language == "ru":
            names = [self.name_ru_native, self.name_ja]
        else:
            names = [self.name_ja, self.name_ru]
        if names[0] == names[1]:
            return names[0]
        return " / ".join(names)

    def get_absolute_url(self):
        return reverse("timeline:island_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def get_timeline_url(self):
        return reverse("timeline:event_list") + "?" + urlencode({"island": self.slug})


class Source(models.Model):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty or official document")
        GOVERNMENT = "government", _("Government publication")
        SCHOLARSHIP = "scholarship", _("Scholarship")
        PRESS = "press", _("Press")
        REFERENCE = "reference", _("Reference work")
        OTHER = "other", _("Other")

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    author = models.CharField(
        "author or issuing body",
        max_length=250,
        help_text="A person, or the body that issued it: Ministry of Foreign Affairs "
        "of Japan.",
    )
    publisher = models.CharField(
        max_length=250, blank=True, help_text="Newspaper, journal, website or archive."
    )
    date = models.DateField(
        null=True, blank=True, help_text="Publication date, if known."
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField("URL", max_length=500, blank=True)
    language = models.CharField(
        max_length=10, default="en", help_text="Language code: en, ja, ru."
    )
    note = translated(
        models.TextField(
            blank=True, help_text="What the source is and why it is cited."
        )
    )

    # Readers see only cited sources (dispute_site.sources.cited_sources).
    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.slug])

    def get_bibliography_url(self):
        return reverse("sources") + f"#{self.anchor}"

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        message = precision_errors(self.date, self.date_precision)
        if message:
            raise ValidationError({"date": message})

    @property
    def anchor(self):
        return f"source-{self.slug}"

    @property
    def display_date(self):
        return format_date(self.date, self.date_precision)


class EraQuerySet(ReferenceQuerySet):
    def containing(self, year):
        return self.filter(
            Q(start_year__lte=year), Q(end_year__isnull=True) | Q(end_year__gte=year)
        )


class EraManager(SlugManager.from_queryset(EraQuerySet)):
    pass


class Era(models.Model):
    EVENT_RELATION = "era"

    title = translated(models.CharField(max_length=200))
    slug = models.SlugField(max_length=100, unique=True)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Leave empty for the era that is still going on.",
    )
    summary = translated(models.TextField(help_text="Plain text, a short paragraph."))
    order = models.PositiveSmallIntegerField(default=0)

    objects = EraManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="era_end_year_not_before_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:era_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.end_year is not None and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": "The end year cannot be before the start year."}
            )

    @property
    def years(self):
        return f"{self.start_year}–{self.end_year or 'present'}"


class EventQuerySet(PublishableQuerySet):
    def chronological(self):
        return self.order_by("date", "title_en", "pk")

    def for_list(self):
        return self.select_related("era")

    def for_strip(self):
        """Just what the visual timeline draws: one light query for every event."""
        return (
            self.order_by()
            .annotate(title=translated_value("title"))
            .values_list(
                "pk",
                "date",
                "end_date",
                "date_precision",
                "slug",
                "title",
                "is_key",
                "era_id",
                named=True,
            )
        )

    def for_detail(self):
        return self.select_related("era").prefetch_related(*event_page_prefetches())


def event_page_prefetches():
    """What an event's page shows of its relations (its view prefetches them only
    when the page's content is not a kept fragment)."""
    return (
        "countries",
        "people",
        "islands",
        models.Prefetch("citations", Citation.objects.select_related("source")),
    )


class EventManager(SlugManager.from_queryset(EventQuerySet)):
    pass


class Event(Publishable, MarkdownBody):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty")
        AGREEMENT = "agreement", _("Agreement")
        DECLARATION = "declaration", _("Declaration")
        SUMMIT = "summit", _("Summit or visit")
        STATEMENT = "statement", _("Statement")
        MILITARY = "military", _("Military")
        LEGAL = "legal", _("Legal or constitutional")
        ECONOMIC = "economic", _("Economic")
        DOMESTIC = "domestic", _("Domestic politics")
        OTHER = "other", _("Other")

    title = translated(models.CharField(max_length=200))
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The end of the event's address: /timeline/tokyo-declaration/.",
    )
    date = models.DateField(help_text="Gregorian calendar.")
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known; readers see only that much.",
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="For events that lasted several days."
    )
    date_old_style = models.DateField(
        "date (Old Style)",
        null=True,
        blank=True,
        help_text="Julian calendar date, as Russian documents gave it before 1918; "
        "shown beside the Gregorian date.",
    )
    era = models.ForeignKey(
        Era,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="A published event's date lies within its era's years.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    summary = translated(
        models.TextField(help_text="Plain text, one or two sentences.")
    )
    is_key = models.BooleanField(
        "key event",
        default=False,
        help_text="Key events are highlighted on the home page.",
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="events")
    people = models.ManyToManyField(Person, blank=True, related_name="events")
    islands = models.ManyToManyField(Island, blank=True, related_name="events")
    sources = models.ManyToManyField(
        Source, through="Citation", blank=True, related_name="events"
    )

    objects = EventManager()
    history = HistoricalRecords(m2m_fields=["countries", "people", "islands"])

    publication_children = ("citations",)

    class Meta:
        ordering = ["date", "title_en"]
        indexes = [models.Index(fields=["status", "published_at", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="event_end_date_not_before_date",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:event_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        message = precision_errors(self.date, self.date_precision)
        if message:
            errors["date"] = message
        if self.date and self.end_date and self.end_date < self.date:
            errors["end_date"] = (
                f"The end date ({self.end_date:%Y-%m-%d}) is before the date "
                f"({self.date:%Y-%m-%d})."
            )
        message = old_style_error(self.date, self.date_old_style)
        if message:
            errors["date_old_style"] = message
        if self.status == Status.PUBLISHED and "date" not in errors:
            message = self.era_problem()
            if message:
                errors["era"] = message
        if errors:
            raise ValidationError(errors)

    def era_problem(self):
        if not self.date or self.era_id is None:
            return None
        era = self.era
        if era.start_year <= self.date.year <= (era.end_year or self.date.year):
            return None
        fitting = Era.objects.containing(self.date.year).first()
        return (
            f"A published event is dated within its era: {self.date.year} is "
            f"outside “{era}” ({era.years}). "
            + (
                f"Choose the era “{fitting}” ({fitting.years}), or correct the date."
                if fitting
                else "Correct the date, or widen an era's years."
            )
            + " (A draft may stay as it is.)"
        )

    def children_problem(self, related_name, count):
        if related_name == "citations" and count == 0:
            return (
                "A published event cites at least one source: add a citation "
                "(choose its source under Citations), or keep the event a draft."
            )
        return None

    def publication_problems(self):
        problems = super().publication_problems()
        era = self.era_problem()
        return [era, *problems] if era else problems

    @property
    def display_date(self):
        return format_date_range(self.date, self.end_date, self.date_precision)

    @property
    def machine_date(self):
        return machine_date(self.date, self.date_precision)

    @property
    def display_date_old_style(self):
        return format_date(self.date_old_style, self.date_precision)

    def get_previous_published(self):
        return (
            Event.objects.published()
            .filter(
                Q(date__lt=self.date)
                | Q(date=self.date, title_en__lt=self.title_en)
                | Q(date=self.date, title_en=self.title_en, pk__lt=self.pk)
            )
            .order_by("-date", "-title_en", "-pk")
            .first()
        )

    def get_next_published(self):
        return (
            Event.objects.published()
            .filter(
                Q(date__gt=self.date)
                | Q(date=self.date, title_en__gt=self.title_en)
                | Q(date=self.date, title_en=self.title_en, pk__gt=self.pk)
            )
            .chronological()
            .first()
        )


class CitationManager(models.Manager):
    def get_by_natural_key(self, event_slug, source_slug, locator):
        return self.get(
            event__slug=event_slug, source__slug=source_slug, locator=locator
        )


class Citation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations"
    )
    locator = models.CharField(
        max_length=100, blank=True, help_text="Where in the source: p. 12, Art. 9, §3."
    )
    quote = models.TextField(blank=True, help_text="An optional short quotation.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = CitationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "locator"],
                name="citation_unique_per_locator",
            )
        ]

    def __str__(self):
        return f"{self.source}{', ' + self.locator if self.locator else ''}"

    def natural_key(self):
        return (self.event.slug, self.source.slug, self.locator)

    natural_key.dependencies = ["timeline.event", "timeline.source"]
