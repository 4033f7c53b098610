"""dumpdata → loaddata round-trips the content exactly and writes no history;
a broken fixture names its file and its object."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from editorial.history import history_of
from editorial.roles import content_models

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["timeline", "positions"]


def dump():
    out = StringIO()
    call_command(
        "dumpdata",
        *CONTENT_APPS,
        natural_foreign=True,
        natural_primary=True,
        indent=2,
        stdout=out,
    )
    return out.getvalue()


def history_count():
    return sum(history_of(model).count() for model in content_models())


def test_a_dump_loads_back_byte_for_byte_without_history(site_content, tmp_path):
    from timeline.models import Event

    # Times with microseconds, as the admin and scripts write them.
    event = Event.objects.first()
    event.title += " (edited)"
    event.save()
    first = dump()
    assert f".{event.updated_at.microsecond:06d}" in first
    versions = history_count()
    path = tmp_path / "content.json"
    path.write_text(first)
    call_command("loaddata", str(path), verbosity=0)
    assert dump() == first
    assert history_count() == versions


def test_a_broken_fixture_names_the_file_and_the_object(site_content, tmp_path):
    objects = json.loads(dump())
    event = next(obj for obj in objects if obj["model"] == "timeline.event")
    event["fields"]["slug"] = "new-broken-event"
    event["fields"]["era"] = None  # an event must have an era
    path = tmp_path / "broken.json"
    path.write_text(json.dumps([event]))
    with pytest.raises(Exception) as raised:
        call_command("loaddata", str(path), verbosity=0)
    message = str(raised.value)
    assert "broken.json" in message
    assert "new-broken-event" in message
    assert "pk=None" not in message
    assert not isinstance(raised.value, CommandError) or message
