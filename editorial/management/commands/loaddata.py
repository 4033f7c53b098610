"""Django's loaddata, with errors that name the object by its natural key.

Fixtures use natural keys, so Django's "Could not load timeline.Event(pk=None)"
names nothing; this says "timeline.Event 'tokyo-declaration'" instead (Django
already names the file)."""

from django.core.management.commands import loaddata


class Command(loaddata.Command):
    def save_obj(self, obj):
        try:
            return super().save_obj(obj)
        except Exception as error:
            instance = obj.object
            if instance.pk is None and hasattr(instance, "natural_key"):
                try:
                    key = ", ".join(str(part) for part in instance.natural_key())
                except Exception:
                    key = str(instance)
                label = instance._meta.label
                error.args = (
                    str(error).replace(f"{label}(pk=None)", f"{label} “{key}”", 1),
                    *error.args[1:],
                )
            raise
