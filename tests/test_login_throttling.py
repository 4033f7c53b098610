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
