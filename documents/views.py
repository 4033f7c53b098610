from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from editorial.fragments import KeptObjectMixin, fragment_key, is_kept
from editorial.pagecache import cache_for_readers
from editorial.preview import DraftPreviewMixin, draft_preview
from editorial.translation import content_languages

from .models import LANGUAGE_NAMES, Article, Document


@method_decorator(cache_for_readers, name="dispatch")
class DocumentListView(ListView):
    template_name = "documents/document_list.html"

    def get_queryset(self):
        return Document.objects.published().for_list().chronological()


def text_grid(document, articles):
    """The document's languages in display order, and each article's texts in them.

    Every article gets one cell per language the document has anywhere (None where it
    holds no text in that language), so the columns line up from article to article.
    """
    codes = document.language_order(
        text.language for article in articles for text in article.texts.all()
    )
    for article in articles:
        by_language = {text.language: text for text in article.texts.all()}
        article.cells = [(code, by_language.get(code)) for code in codes]
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "is_authentic": code in document.authentic_language_codes,
        }
        for code in codes
    ]


@method_decorator(cache_for_readers, name="dispatch")
class DocumentDetailView(KeptObjectMixin, DraftPreviewMixin, DetailView):
    """A document article by article; staff also see its unpublished articles."""

    def get_queryset(self):
        return self.get_preview_queryset().published()

    def get_preview_queryset(self):
        return Document.objects.for_detail()

    def get_context_data(self, **kwargs):
        document = self.object
        # Once rendered for this content version, the page's head and content are kept
        # fragments (editorial.fragments), which need none of the rest.
        if not self.preview_allowed and is_kept(
            self.request,
            fragment_key(self.request, "document", document.pk),
            fragment_key(self.request, "document-head", document.pk),
        ):
            context = super().get_context_data(**kwargs)
            context["page_languages"] = content_languages(document)
            return context
        articles = Article.objects.filter(document=document).for_page()
        if not self.preview_allowed:
            articles = articles.published()
        articles = list(articles)
        for article in articles:
            article.document = document  # already at hand: no query per article
        hidden = [article for article in articles if not article.is_public]
        if hidden and not self.is_preview:
            self.is_preview = True
            kwargs["draft_preview"] = draft_preview(parts=hidden)
        context = super().get_context_data(**kwargs)
        context["articles"] = articles
        context["languages"] = text_grid(document, articles)
        context["page_languages"] = content_languages(self.object)
        return context
