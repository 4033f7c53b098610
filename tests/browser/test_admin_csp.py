"""Every admin page an editor opens renders under the admin's Content-Security-Policy
with no violation: lists, add and change forms, history, a version, deleted items."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from editorial.roles import content_models
from tests.factories import make_event, make_position, make_statement

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_site(transactional_db, live_server):
    event = make_event(slug="tokyo-declaration", title="Tokyo Declaration")
    event.title = "Tokyo Declaration (1993)"
    event.save()
    make_statement(position=make_position())
    get_user_model().objects.create_superuser("chief", "c@example.org", "pw-chief-19")
    return live_server


def admin_paths():
    paths = ["/admin/", "/admin/password_change/"]
    for model in content_models():
        if model not in admin.site._registry:
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        paths += [base, base + "add/", base + "recover/"]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
            version = first.history.order_by("history_id").first()
            if version is not None:
                paths.append(f"{base}{first.pk}/history/{version.history_id}/")
    return paths


def test_admin_pages_raise_no_csp_violation(admin_site, page):
    violations = []
    page.on(
        "console",
        lambda msg: (
            "Content Security Policy" in msg.text
            and violations.append(f"{page.url}: {msg.text}")
        ),
    )
    page.goto(admin_site.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-19")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    statuses = {}
    for path in admin_paths():
        response = page.goto(admin_site.url + path)
        statuses[path] = response.status
        assert "content-security-policy" in response.headers, path
        # Widgets (the date picker, autocomplete) run once the page has loaded.
        page.wait_for_load_state("load")
    assert {path: code for path, code in statuses.items() if code != 200} == {}
    assert violations == []
