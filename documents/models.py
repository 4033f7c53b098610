from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.models import (
    MarkdownBody,
    Publishable,
    PublishableQuerySet,
    SlugManager,
    public_q,
)
from editorial.translation import translated
from timeline.dates import format_date, old_style_error
from timeline.models import Country, Event, Person, Source


class Language(models.TextChoices):
    JAPANESE = "ja", _("Japanese")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


# The order in which a document's languages are shown after its authentic ones.
LANGUAGE_ORDER = [code for code, _ in Language.choices]
LANGUAGE_NAMES = dict(Language.choices)


def parse_languages(value):
    """'ja, ru' → ['ja', 'ru'], in the order written, without repeats."""
    codes = []
    for code in value.replace(";", ",").split(","):
        code = code.strip().lower()
        if code and code not in codes:
            codes.append(code)
    return codes


class DocumentQuerySet(PublishableQuerySet):
    def chronological(self):
        return self.order_by("date", "title_en", "pk")

    def for_list(self):
        return self.prefetch_related("parties")

    def for_detail(self):
        return self.select_related("event__era", "source").prefetch_related(
            "parties", "signatories__country"
        )

    def with_public_articles(self):
        """Each document's published articles in order, as `public_articles`."""
        return self.prefetch_related(
            Prefetch(
                "articles",
                Article.objects.filter(public_q()).order_by("order", "pk"),
                to_attr="public_articles",
            )
        )


class DocumentManager(SlugManager.from_queryset(DocumentQuerySet)):
    pass


class Document(Publishable, MarkdownBody):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty")
        AGREEMENT = "agreement", _("Agreement")
        DECLARATION = "declaration", _("Declaration")
        COMMUNIQUE = "communique", _("Joint communiqué or statement")
        MEMORANDUM = "memorandum", _("Memorandum or note")
        STATUTE = "statute", _("Constitution or statute")

    title = translated(
        models.CharField(
            max_length=200,
            help_text="The usual name in each language: Japan–Soviet Joint "
            "Declaration, 日ソ共同宣言, Советско-японская декларация 1956 года.",
        )
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The end of the document's address: "
        "/documents/joint-declaration-1956/.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TREATY)
    date = models.DateField(
        "date signed", help_text="Gregorian calendar; for a statute, its adoption."
    )
    date_old_style = models.DateField(
        "date signed (Old Style)",
        null=True,
        blank=True,
        help_text="Julian calendar date, as Russian documents gave it before 1918.",
    )
    place = translated(
        models.CharField(max_length=100, blank=True, help_text="Where it was signed.")
    )
    in_force = models.DateField(
        "in force from",
        null=True,
        blank=True,
        help_text="Leave empty if it never entered into force or the day is not known.",
    )
    force_note = translated(
        models.CharField(
            "legal force",
            max_length=250,
            blank=True,
            help_text="What readers should know about its force, attributed: 'Japan "
            "holds that it is not bound by this agreement.'",
        )
    )
    parties = models.ManyToManyField(Country, blank=True, related_name="documents")
    signatories = models.ManyToManyField(Person, blank=True, related_name="documents")
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The event of its signing, which then links to this document.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="Its entry in the bibliography: where the whole text can be read.",
    )
    authentic_languages = models.CharField(
        max_length=50,
        blank=True,
        help_text="Language codes of the texts the document itself declares authentic, "
        "separated by commas: 'ja, ru'. Leave empty when that is not verified.",
    )
    summary = translated(
        models.TextField(
            help_text="Plain text, one or two sentences in the site's neutral voice."
        )
    )

    objects = DocumentManager()
    history = HistoricalRecords(m2m_fields=["parties", "signatories"])

    class Meta:
        ordering = ["date", "title_en"]
        indexes = [models.Index(fields=["status", "published_at", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force__isnull=True) | Q(in_force__gte=models.F("date")),
                name="document_in_force_not_before_signing",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date.year})" if self.date else self.title

    def get_absolute_url(self):
        return reverse("documents:document_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        unknown = [
            code
            for code in parse_languages(self.authentic_languages)
            if code not in LANGUAGE_NAMES
        ]
        if unknown:
            errors["authentic_languages"] = (
                f"Unknown language code(s): {', '.join(unknown)}. Use "
                + ", ".join(f"{code} ({name})" for code, name in Language.choices)
                + "."
            )
        if self.date and self.in_force and self.in_force < self.date:
            errors["in_force"] = (
                f"It cannot enter into force ({self.in_force:%Y-%m-%d}) before it was "
                f"signed ({self.date:%Y-%m-%d})."
            )
        message = old_style_error(self.date, self.date_old_style)
        if message:
            errors["date_old_style"] = message
        if errors:
            raise ValidationError(errors)

    @property
    def authentic_language_codes(self):
        return parse_languages(self.authentic_languages)

    @property
    def authentic_language_names(self):
        return [
            LANGUAGE_NAMES.get(code, code) for code in self.authentic_language_codes
        ]

    @property
    def display_date(self):
        return format_date(self.date)

    @property
    def display_date_old_style(self):
        return format_date(self.date_old_style)

    @property
    def display_in_force(self):
        return format_date(self.in_force)

    def language_order(self, codes):
        """The authentic languages first, then the others in the site's order."""
        authentic = self.authentic_language_codes

        def key(code):
            if code in authentic:
                return (0, authentic.index(code))
            if code in LANGUAGE_ORDER:
                return (1, LANGUAGE_ORDER.index(code))
            return (2, code)

        return sorted(set(codes), key=key)


class ArticleQuerySet(PublishableQuerySet):
    def published(self):
        """Public articles of public documents: a draft document hides them all."""
        return self.filter(public_q() & public_q("document__"))

    def for_page(self):
        return self.order_by("order", "pk").prefetch_related(
            Prefetch("texts", ArticleText.objects.select_related("source"))
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, document_slug, slug):
        return self.get(document__slug=document_slug, slug=slug)


class Article(Publishable):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="articles"
    )
    label = translated(
        models.CharField(
            max_length=100,
            help_text="As the document numbers it: 'Article 9', 'Paragraph 8', "
            "'Article 2(c)'.",
        )
    )
    slug = models.SlugField(
        max_length=60,
        help_text="The article's anchor on the document page: article-9 gives "
        "/documents/…/#article-9. Unique within the document.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    summary = translated(
        models.TextField(
            blank=True,
            help_text="Plain text: what the clause provides, in the site's neutral "
            "voice. Never a translation of it.",
        )
    )

    objects = ArticleManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "slug"], name="article_unique_slug_per_document"
            )
        ]

    def __str__(self):
        return f"{self.document.title}, {self.label}"

    def get_absolute_url(self):
        return self.document.get_absolute_url() + f"#{self.slug}"

    def natural_key(self):
        return (self.document.slug, self.slug)

    natural_key.dependencies = ["documents.document"]

    @property
    def is_public(self):
        return super().is_public and self.document.is_public


class ArticleTextManager(models.Manager):
    def get_by_natural_key(self, document_slug, article_slug, language):
        return self.get(
            article__document__slug=document_slug,
            article__slug=article_slug,
            language=language,
        )


class ArticleText(models.Model):
    class Authenticity(models.TextChoices):
        AUTHENTIC = "authentic", _("Authentic text")
        ORIGINAL = "original", _("Original text (whether authentic is not verified)")
        OFFICIAL = "official", _("Official translation")
        UNOFFICIAL = "unofficial", _("Unofficial translation")

    class Verification(models.TextChoices):
        FULL = "full", _("Verbatim: the whole clause")
        EXCERPT = "excerpt", _("Verbatim excerpt: omissions marked …")
        NOT_VERIFIED = "not-verified", _("Not verified here: no text, a link to it")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=5, choices=Language.choices)
    authenticity = models.CharField(
        "standing of the text",
        max_length=12,
        choices=Authenticity.choices,
        help_text="Authentic only if the document names this language as authentic. "
        "A text in the language a document was written or signed in, where its "
        "authenticity is not verified, is an original text.",
    )
    translator = models.CharField(
        "whose translation",
        max_length=200,
        blank=True,
        help_text="For a translation, who made it: 'Ministry of Foreign Affairs of "
        "Japan', 'United Nations Secretariat (UN Treaty Series)'.",
    )
    verification = models.CharField(
        max_length=12,
        choices=Verification.choices,
        default=Verification.FULL,
        help_text="Copy a text only from a source you read, word for word; never "
        "translate one yourself. If you could not read it, choose “not verified” and "
        "cite where it is.",
    )
    text = models.TextField(
        blank=True,
        help_text="The exact wording, as printed in the source. Empty when not "
        "verified.",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="article_texts"
    )
    locator = models.CharField(
        max_length=100, blank=True, help_text="Where in the source: p. 73, Art. 9."
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="What a reader should know about this copy: a variant reading, a "
        "reprint, modernised punctuation.",
    )

    objects = ArticleTextManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="article_text_unique_per_language"
            )
        ]

    def __str__(self):
        return f"{self.article.label} in {self.get_language_display()}"

    def natural_key(self):
        return (self.article.document.slug, self.article.slug, self.language)

    natural_key.dependencies = ["documents.article", "timeline.source"]

    def clean(self):
        errors = {}
        text = self.text.strip()
        if self.verification == self.Verification.NOT_VERIFIED:
            if text:
                errors["text"] = (
                    "A text marked “not verified” shows no wording: empty this box, or "
                    "choose “verbatim” if you read these exact words in the source."
                )
        elif not text:
            errors["text"] = (
                "Paste the exact wording from the source, or mark the text “not "
                "verified” and cite where it can be read."
            )
        elif self.verification == self.Verification.EXCERPT and "…" not in text:
            errors["text"] = "Mark each omission in an excerpt with an ellipsis (…)."
        if self.authenticity == self.Authenticity.AUTHENTIC:
            if self.translator:
                errors["translator"] = "An authentic text is no one's translation."
            document = self.article.document if self.article_id else None
            if document and self.language not in document.authentic_language_codes:
                errors["authenticity"] = (
                    f"{document.title} does not list {self.get_language_display()} "
                    "among its authentic languages: mark this text a translation, or "
                    "correct the document's authentic languages."
                )
        elif self.authenticity == self.Authenticity.ORIGINAL:
            if self.translator:
                errors["translator"] = "An original text is no one's translation."
        elif not self.translator:
            errors["translator"] = (
                "Say whose translation this is; if it is unknown, write 'translator "
                "not named in the source'."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def language_name(self):
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def is_verified(self):
        return self.verification != self.Verification.NOT_VERIFIED
