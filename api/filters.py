import django_filters

from positions.models import Statement, Topic
from timeline.models import Country, Event, Person, Source


def published_events(request):
    return Event.objects.published()


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
