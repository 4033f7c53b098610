"""Two editors saving one event at the same moment: one save goes through, the other
is refused with the edit-conflict message; never a 500, never a lost word."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from timeline.models import Event

from .admin_forms import form_data
from .factories import make_editor, make_event


def save_at_once(event, editors, changes):
    url = reverse("admin:timeline_event_change", args=[event.pk])
    clients, pages = [], []
    for user in editors:
        client = Client()
        client.force_login(user)
        clients.append(client)
        pages.append(client.get(url))  # both open the same version
    barrier = threading.Barrier(len(editors))
    responses = [None] * len(editors)

    def save(index):
        try:
            data = form_data(pages[index], "event_form", **changes[index])
            barrier.wait()
            responses[index] = clients[index].post(url, data)
        except Exception as error:  # shown by the assertion below
            responses[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(editors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return responses


@pytest.mark.parametrize("attempt", range(3))
def test_two_concurrent_saves_of_one_event(transactional_db, attempt):
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    event = make_event(title="Tokyo Declaration")
    alice = make_editor(first_name="Alice", last_name="Archer")
    bob = make_editor(first_name="Bob", last_name="Baker")
    responses = save_at_once(
        event,
        [alice, bob],
        [{"summary": "Alice's summary."}, {"summary": "Bob's summary."}],
    )
    for response in responses:
        assert not isinstance(response, Exception), repr(response)
    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302], codes
    saved = next(r for r in responses if r.status_code == 302)
    refused = next(r for r in responses if r.status_code == 200)
    winner = "Alice" if saved is responses[0] else "Bob"
    content = refused.content.decode()
    assert (
        f"{winner} {'Archer' if winner == 'Alice' else 'Baker'} changed this event"
        in (content)
    )
    assert "have NOT been saved" in content
    event = Event.objects.get(pk=event.pk)
    assert event.summary == f"{winner}'s summary."
    assert event.history.count() == 2
