from django import forms
from django.utils.translation import gettext_lazy as _

from timeline.words import MAX_QUERY_LENGTH

from .search import RESULT_TYPE_CHOICES


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "Please shorten your search to at most %(limit_value)d "
                "characters (it has %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everything")), *RESULT_TYPE_CHOICES],
        required=False,
    )


class SourceFilterForm(forms.Form):
    """The bibliography's filters; the language choices come from the sources."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, kinds=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["language"].choices = [("", _("All languages")), *languages]
