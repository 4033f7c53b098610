"""The Editors role and the create_editor command."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from editorial.models import Status
from editorial.roles import EDITORS_GROUP, content_models
from timeline.models import Event

from .admin_forms import form_data, submit
from .factories import make_editor, make_era, make_event, make_source

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_the_editors_group_has_every_right_on_content_and_none_on_accounts():
    perms = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=EDITORS_GROUP).permissions.all()
    }
    expected = {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in content_models(apps)
        for action in ["add", "change", "delete", "view"]
    }
    assert perms == expected
    labels = {model._meta.label for model in content_models(apps)}
    assert {"timeline.Event", "timeline.Citation", "positions.Position"} <= labels
    assert {"positions.Statement", "positions.Topic"} <= labels
    assert not any(perm.startswith("auth.") for perm in perms)


def test_an_editor_edits_content_in_the_admin(client):
    client.force_login(make_editor())
    assert client.get(reverse("admin:index")).status_code == 200
    for name in ["position", "statement", "topic", "source", "island"]:
        app = "timeline" if name in {"source", "island"} else "positions"
        changelist = reverse(f"admin:{app}_{name}_changelist")
        assert client.get(changelist).status_code == 200, name
    event = make_event()
    url = reverse("admin:timeline_event_change", args=[event.pk])
    assert submit(client, url, "event_form", title="Edited").status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Edited"
    response = submit(
        client,
        reverse("admin:timeline_event_add"),
        "event_form",
        title="New",
        slug="new",
        era=make_era().pk,
        date="2001-03-25",
        summary="s",
        **{"citations-0-source": make_source().pk},
    )
    assert response.status_code == 302
    delete = reverse("admin:timeline_event_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist"]
)
def test_an_editor_cannot_open_user_administration(client, url_name):
    client.force_login(make_editor())
    assert client.get(reverse(url_name)).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse(url_name) not in index


def test_an_editor_cannot_open_a_user_page(client):
    other = User.objects.create_user("other")
    client.force_login(make_editor())
    url = reverse("admin:auth_user_change", args=[other.pk])
    assert client.get(url).status_code == 403


def test_a_superuser_can_open_user_administration(admin_client):
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_create_editor_takes_the_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-Passphrase-19")
    output = run("hanako", "--email", "hanako@example.org", "--no-input")
    assert "Created the editor “hanako”" in output
    user = User.objects.get(username="hanako")
    assert user.is_staff and not user.is_superuser
    assert user.email == "hanako@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert user.check_password("a-long-Passphrase-19")
    assert client.login(username="hanako", password="a-long-Passphrase-19")
    assert client.get(reverse("admin:timeline_event_changelist")).status_code == 200


def test_create_editor_refuses_an_existing_username(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-Passphrase-19")
    User.objects.create_user("Hanako")
    with pytest.raises(CommandError, match="A user named “hanako” already exists"):
        run("hanako")
    assert User.objects.count() == 1


def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="EDITOR_PASSWORD is not accepted"):
        run("hanako")
    assert not User.objects.exists()


def test_create_editor_without_a_password_or_terminal_says_what_to_do(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="set the EDITOR_PASSWORD"):
        run("hanako", "--no-input")
    assert not User.objects.exists()


def test_create_editor_refuses_a_bad_email(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-Passphrase-19")
    with pytest.raises(CommandError, match="not a valid email"):
        run("hanako", "--email", "not-an-address")


def test_create_editor_prompts_for_the_password(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    # A mismatch, then a password the validators refuse, then a good one.
    answers = iter(["one-Passphrase-19", "two", "123", "123"] + ["a-long-Pass-19"] * 2)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("hanako")
    assert User.objects.get(username="hanako").check_password("a-long-Pass-19")


@pytest.fixture
def viewer(client):
    """Staff who may only look at events."""
    user = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(user)
    return user


def test_view_only_staff_cannot_revert(client, viewer):
    event = make_event(title="Tokyo Declaration")
    event.title = "Changed"
    event.save()
    old = event.history.last()
    url = reverse("admin:timeline_event_simple_history", args=[event.pk, old.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page, "historicalevent_form"))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Changed"


def test_view_only_staff_cannot_publish(client, viewer):
    event = make_event(status=Status.DRAFT)
    url = reverse("admin:timeline_event_changelist")
    client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.DRAFT
