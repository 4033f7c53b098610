import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from editorial.translation import all_languages

from .models import Country, Era, Event, Island, Person
from .words import Query

MAX_WORDS = 10


def public(model):
    """The choices readers may filter on, looked up at each request: "public"
    depends on the time (a scheduled event's people appear when it does)."""
    return lambda request: model.objects.public()


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        year_from, year_to = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_to", _("“To year” must not be before “from year”."))
        return cleaned_data


class EventFilter(django_filters.FilterSet):
    ORDER_CHOICES = [("oldest", _("Oldest first")), ("newest", _("Newest first"))]

    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=200
    )
    era = django_filters.ModelChoiceFilter(
        label=_("Era"),
        queryset=public(Era),
        to_field_name="slug",
        empty_label=_("All eras"),
    )
    country = django_filters.ModelChoiceFilter(
        field_name="countries",
        label=_("Country"),
        queryset=public(Country),
        to_field_name="slug",
        empty_label=_("All countries"),
    )
    person = django_filters.ModelChoiceFilter(
        field_name="people",
        label=_("Person"),
        queryset=public(Person),
        to_field_name="slug",
        empty_label=_("Anyone"),
    )
    island = django_filters.ModelChoiceFilter(
        field_name="islands",
        label=_("Island"),
        queryset=public(Island),
        to_field_name="slug",
        empty_label=_("All islands"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds")
    )
    year_from = django_filters.NumberFilter(
        field_name="date",
        lookup_expr="year__gte",
        label=_("From year"),
        min_value=1,
        max_value=9999,
    )
    year_to = django_filters.NumberFilter(
        field_name="date",
        lookup_expr="year__lte",
        label=_("To year"),
        min_value=1,
        max_value=9999,
    )
    order = django_filters.ChoiceFilter(
        choices=ORDER_CHOICES, method="filter_order", empty_label=None, label=_("Order")
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def filter_text(self, queryset, name, value):
        # The syntax of /search/: every word in one of its spellings, "-word" out.
        query = Query.parse(value)
        if not query and not query.excluded:
            return queryset
        fields = all_languages("title", "summary", "body")
        if query:
            queryset = queryset.filter(query.words_filter(fields))
        return queryset.filter(query.excluded_filter(fields))

    def filter_order(self, queryset, name, value):
        if value == "newest":
            return queryset.order_by("-date", "-title_en", "-pk")
        return queryset

    @classmethod
    def chooses_filters(cls, data):
        """Whether the query chooses any filter (the order and page are no filters)."""
        return any(
            data.get(name) for name in cls.base_filters if name not in {"order", "page"}
        )

    @property
    def is_filtered(self):
        return self.chooses_filters(self.form.data)
