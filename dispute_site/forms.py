from django import forms

from timeline.words import MAX_QUERY_LENGTH

from .search import RESULT_TYPE_CHOICES


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": "Please shorten your search to at most %(limit_value)d "
            "characters (it has %(show_value)d)."
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(
        label="Show",
        choices=[("", "Everything"), *RESULT_TYPE_CHOICES],
        required=False,
    )


class SourceFilterForm(forms.Form):
    """The bibliography's filters; the language choices come from the sources."""

    kind = forms.ChoiceField(label="Kind", required=False)
    language = forms.ChoiceField(label="Language", required=False)

    def __init__(self, *args, kinds=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *kinds]
        self.fields["language"].choices = [("", "All languages"), *languages]
