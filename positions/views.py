from django.db.models import Exists, OuterRef, Prefetch
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from editorial.pagecache import cache_for_readers
from editorial.preview import DraftPreviewMixin, draft_preview
from timeline.models import Country

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


@method_decorator(cache_for_readers, name="dispatch")
class TopicListView(ListView):
    template_name = "positions/topic_list.html"

    def get_queryset(self):
        return Position.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"], context["rows"] = self.object_list.matrix()
        return context


@method_decorator(cache_for_readers, name="dispatch")
class TopicDetailView(DraftPreviewMixin, DetailView):
    """A topic's positions; staff also see the unpublished ones, marked as such."""

    preview_model = Position

    def get_queryset(self):
        return Topic.objects.with_published_positions()

    def get_preview_queryset(self):
        return Topic.objects.all()

    def get_context_data(self, **kwargs):
        statements = Statement.objects.filter(position__topic=self.object)
        positions = self.object.positions.all()
        if not self.preview_allowed:
            statements, positions = statements.published(), positions.published()
        statements = list(statements.for_display().order_by("date", "pk"))
        positions = list(
            positions.select_related("country", "topic").order_by(
                "country__order", "country__name"
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
        return context


@method_decorator(cache_for_readers, name="dispatch")
class CountryDetailView(DetailView):
    template_name = "positions/country_detail.html"

    def get_queryset(self):
        return Country.objects.filter(
            Exists(Position.objects.published().filter(country=OuterRef("pk")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        positions = list(
            self.object.positions.published()
            .select_related("topic")
            .order_by("topic__order", "topic__title")
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
