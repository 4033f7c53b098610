"""Login throttling (django-axes): per account and per address, with a clear message."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-19"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "hanako", password=PASSWORD, is_staff=True
    )


def attempt(username, password, address="192.0.2.1"):
    return Client(REMOTE_ADDR=address).post(
        reverse("admin:login"), {"username": username, "password": password}
    )


def test_the_right_password_logs_in(editor):
    assert attempt("hanako", PASSWORD).status_code == 302


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(editor):
    for _ in range(9):
        assert attempt("hanako", "wrong").status_code == 200
    locked = attempt("hanako", "wrong")
    assert locked.status_code == 429
    # Locked: even the right password is refused now, from another address too.
    for address in ("192.0.2.1", "198.51.100.7"):
        response = attempt("hanako", PASSWORD, address)
        assert response.status_code == 429
        assert "Login locked: too many failed attempts" in response.content.decode()


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(editor):
    for number in range(10):
        attempt(f"guess{number}", "wrong", "203.0.113.9")
    assert attempt("hanako", PASSWORD, "203.0.113.9").status_code == 429
    # The account itself was never guessed at: from elsewhere it logs in.
    assert attempt("hanako", PASSWORD, "198.51.100.7").status_code == 302


def test_a_success_clears_the_count(editor):
    for _ in range(9):
        attempt("hanako", "wrong")
    assert attempt("hanako", PASSWORD).status_code == 302
    for _ in range(9):
        attempt("hanako", "wrong")
    assert attempt("hanako", PASSWORD).status_code == 302


@override_settings(BEHIND_PROXY=True, PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_counted(editor):
    for _ in range(10):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").post(
            reverse("admin:login"), {"username": "x", "password": "wrong"}
        )
    elsewhere = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = elsewhere.post(
        reverse("admin:login"), {"username": "hanako", "password": PASSWORD}
    )
    # Everyone comes through the proxy's 10.0.0.1: only the guessing address is locked.
    assert response.status_code == 302


def test_a_password_check_waits_for_the_hosts_one_slot(editor, tmp_path):
    from editorial.logins import BUSY_MESSAGE, password_check_slot

    with override_settings(
        LOGIN_LOCK_FILE=str(tmp_path / "check.lock"), LOGIN_WAIT_SECONDS=0.1
    ):
        with password_check_slot() as granted:
            assert granted
            # Another worker is checking a password: this attempt is refused unchecked.
            busy = attempt("hanako", PASSWORD)
            assert busy.status_code == 200
            assert BUSY_MESSAGE in busy.content.decode()
        assert attempt("hanako", PASSWORD).status_code == 302


def test_password_checks_never_run_side_by_side(editor, tmp_path, monkeypatch):
    import threading
    import time

    from django.contrib.auth.backends import ModelBackend

    from editorial.logins import OneCheckAtATimeBackend

    running, most = [0], [0]
    lock = threading.Lock()

    def slow_check(self, request, username=None, password=None, **kwargs):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1

    monkeypatch.setattr(ModelBackend, "authenticate", slow_check)
    with override_settings(
        LOGIN_LOCK_FILE=str(tmp_path / "check.lock"), LOGIN_WAIT_SECONDS=5
    ):
        threads = [
            threading.Thread(
                target=OneCheckAtATimeBackend().authenticate,
                args=(None, "hanako", "wrong"),
            )
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert most[0] == 1
