"""JSON fixtures that keep times exactly: Django's encoder cuts microseconds to
milliseconds, so a dumpdata → loaddata round trip would change every timestamp (and
PostgreSQL and SQLite both store microseconds). settings.SERIALIZATION_MODULES
puts this serializer in place of the built-in "json" one; reading is unchanged."""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return (
                text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
            )
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
