import django_filters

from documents.models import Article, ArticleText, Document, Language
from positions.models import Statement, Topic
from timeline.models import Country, Event, Person, Source


def published_events(request):
    return Event.objects.published()


def published_documents(request):
    return Document.objects.published()


YEAR = {"min_value": 1, "max_value": 9999}


class StatementFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        field_name="position__country",
        queryset=Country.objects.all(),
        to_field_name="slug",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="position__topic", queryset=Topic.objects.all(), to_field_name="slug"
    )
    speaker = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), to_field_name="slug"
    )
    event = django_filters.ModelChoiceFilter(
        queryset=published_events, to_field_name="slug"
    )
    kind = django_filters.ChoiceFilter(choices=Statement.Kind.choices)
    is_quotation = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
    )
    year_from = django_filters.NumberFilter(
        field_name="date", lookup_expr="year__gte", min_value=1, max_value=9999
    )
    year_to = django_filters.NumberFilter(
        field_name="date", lookup_expr="year__lte", min_value=1, max_value=9999
    )

    class Meta:
        model = Statement
        fields = []


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    language = django_filters.CharFilter(max_length=10)

    class Meta:
        model = Source
        fields = []


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices)
    party = django_filters.ModelChoiceFilter(
        field_name="parties", queryset=Country.objects.all(), to_field_name="slug"
    )
    year_from = django_filters.NumberFilter(
        field_name="date", lookup_expr="year__gte", **YEAR
    )
    year_to = django_filters.NumberFilter(
        field_name="date", lookup_expr="year__lte", **YEAR
    )

    class Meta:
        model = Document
        fields = []


class ArticleFilter(django_filters.FilterSet):
    """language and verification keep the articles that have such a text, with all
    their texts."""

    document = django_filters.ModelChoiceFilter(
        queryset=published_documents, to_field_name="slug"
    )
    language = django_filters.ChoiceFilter(
        field_name="texts__language", choices=Language.choices, distinct=True
    )
    verification = django_filters.ChoiceFilter(
        field_name="texts__verification",
        choices=ArticleText.Verification.choices,
        distinct=True,
    )

    class Meta:
        model = Article
        fields = []
