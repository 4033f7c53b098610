"""Addresses an editor (or a scanner) can type that must not become server errors.

- /admin/<model>/<not a number>/history/: django-simple-history looks the id up as
  is (a ValueError, a 500); here it is "not found" like any unknown object.
- add/?field=value prefills the form; a value its field cannot hold (?era=abc,
  ?date=1956-13-45, ?published_at=yesterday) is a 500 in the form's widgets. Such
  values are dropped: the form opens empty there, as without them.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404


def is_valid_pk(model, object_id):
    try:
        model._meta.pk.to_python(unquote(object_id))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def holds(field, value):
    """Whether the model field can take this raw GET value as its initial value."""
    target = field.target_field if field.is_relation else field
    values = value.split(",") if field.many_to_many else [value]
    try:
        for item in values:
            target.to_python(item)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class OddInputAdminMixin:
    def history_view(self, request, object_id, extra_context=None):
        if not is_valid_pk(self.model, object_id):
            raise Http404("No such object.")
        return super().history_view(request, object_id, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kept = {}
        for name, value in initial.items():
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                kept[name] = value
                continue
            if not isinstance(value, str) or holds(field, value):
                kept[name] = value
        return kept
