from django.db.models import Exists, OuterRef, Prefetch
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from editorial.fragments import KeptObjectMixin, fragment_key, is_kept
from editorial.pagecache import cache_for_readers
from editorial.preview import DraftPreviewMixin, draft_preview
from editorial.translation import content_languages
from timeline.models import Country
from timeline.views import neighbours

from .models import Position, Statement, Topic


def number_sources(statements):
    """Number each cited source once, in order of first citation; return the sources."""
    numbers, sources = {}, []
    for statement in statements:
        if statement.source_id not in numbers:
            sources.append(statement.source)
            numbers[statement.source_id] = len(sources)
        statement.source_number = numbers[statement.source_id]
    return sources


def lanes(positions, statements):
    """One lane per country with a position, in the positions' order.

    Each statement gets its lane number and its row (its place in date order), so the
    page can set both sides' statements side by side in one chronology.
    """
    countries = []
    for position in positions:
        if position.country_id not in countries:
            countries.append(position.country_id)
    for statement in statements:
        if statement.position.country_id not in countries:
            countries.append(statement.position.country_id)
    by_country = {country: [] for country in countries}
    for row, statement in enumerate(statements, start=1):
        statement.lane = countries.index(statement.position.country_id) + 1
        statement.row = row
        by_country[statement.position.country_id].append(statement)
    names = {position.country_id: position.country for position in positions}
    names.update({s.position.country_id: s.position.country for s in statements})
    return [
        {
            "number": number,
            "country": names[country],
            "count": len(by_country[country]),
            "latest": by_country[country][-1].date if by_country[country] else None,
        }
        for number, country in enumerate(countries, start=1)
    ]


@method_decorator(cache_for_readers, name="dispatch")
class TopicListView(ListView):
    template_name = "positions/topic_list.html"

    def get_queryset(self):
        return Position.objects.published()

    def get_context_data(self, **kwargs):
        # Lazy: the page's content is a kept fragment (editorial.fragments).
        context = super().get_context_data(**kwargs)
        matrix = SimpleLazyObject(self.object_list.matrix)
        context["countries"] = SimpleLazyObject(lambda: matrix[0])
        context["rows"] = SimpleLazyObject(lambda: matrix[1])
        return context


@method_decorator(cache_for_readers, name="dispatch")
class TopicDetailView(KeptObjectMixin, DraftPreviewMixin, DetailView):
    """A topic's positions; staff also see the unpublished ones, marked as such."""

    preview_model = Position

    def get_queryset(self):
        return Topic.objects.with_published_positions()

    def get_preview_queryset(self):
        return Topic.objects.all()

    def get_context_data(self, **kwargs):
        # Once rendered for this content version, the page's head and content are kept
        # fragments (editorial.fragments), which need none of the rest.
        topic = self.object.pk
        if not self.preview_allowed and is_kept(
            self.request,
            fragment_key(self.request, "topic", topic),
            fragment_key(self.request, "topic-head", topic),
        ):
            context = super().get_context_data(**kwargs)
            context["page_languages"] = content_languages(self.object)
            return context
        statements = Statement.objects.filter(position__topic=self.object)
        positions = self.object.positions.all()
        if not self.preview_allowed:
            statements, positions = statements.published(), positions.published()
        statements = list(statements.for_display().order_by("date", "pk"))
        positions = list(
            positions.select_related("country", "topic").order_by(
                "country__order", "country__name_en"
            )
        )
        hidden = [position for position in positions if not position.is_public]
        if hidden:
            self.is_preview = True
            kwargs["draft_preview"] = draft_preview(parts=hidden)
        context = super().get_context_data(**kwargs)
        context["positions"] = positions
        # The page changes when a position does; its statements have no timestamps.
        context["updated_at"] = max(
            (position.updated_at for position in positions), default=None
        )
        context["statements"] = statements
        context["sources"] = number_sources(statements)
        context["lanes"] = lanes(positions, statements)
        topics = list(Topic.objects.with_published_positions())
        if any(topic.pk == self.object.pk for topic in topics):
            context["previous_topic"], context["next_topic"] = neighbours(
                topics, self.object
            )
        context["page_languages"] = content_languages(self.object)
        return context


@method_decorator(cache_for_readers, name="dispatch")
class CountryDetailView(KeptObjectMixin, DetailView):
    template_name = "positions/country_detail.html"

    def get_queryset(self):
        return Country.objects.filter(
            Exists(Position.objects.published().filter(country=OuterRef("pk")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object.pk
        if is_kept(
            self.request,
            fragment_key(self.request, "country", country),
            fragment_key(self.request, "country-head", country),
        ):
            return context  # see TopicDetailView
        positions = list(
            self.object.positions.published()
            .select_related("topic")
            .order_by("topic__order", "topic__title_en")
            .prefetch_related(
                Prefetch(
                    "statements",
                    Statement.objects.published().for_display().order_by("date", "pk"),
                    to_attr="published_statements",
                )
            )
        )
        context["positions"] = positions
        context["sources"] = number_sources(
            statement
            for position in positions
            for statement in position.published_statements
        )
        return context
