"""Password checks one at a time on each host, so that a flood of login attempts never
takes more than one core away from readers.

Checking a password costs a deliberately slow hash (a large part of a second of one
core). django-axes locks an account or address after AXES_FAILURE_LIMIT failures, but
until then every attempt hashes; four clients posting wrong passwords at once would
hold every core. Here a check waits up to LOGIN_WAIT_SECONDS for the host's one slot (a
lock file shared by every worker and thread); an attempt that gets none is refused
without hashing, and the login form says so (it counts as a failed attempt).
"""

import fcntl
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

BUSY_MESSAGE = (
    "Many sign-ins are being tried at this moment, so this one was not checked. "
    "Wait a few seconds and sign in again."
)


@contextmanager
def password_check_slot():
    """Yields whether this host's slot for a password check was had in time."""
    with open(settings.LOGIN_LOCK_FILE, "a") as lock:
        deadline = time.monotonic() + settings.LOGIN_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.02)
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class OneCheckAtATimeBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        with password_check_slot() as granted:
            if not granted:
                if request is not None:
                    request.login_busy = True
                return None
            return super().authenticate(request, username, password, **kwargs)


class EditorLoginForm(AdminAuthenticationForm):
    def get_invalid_login_error(self):
        if getattr(self.request, "login_busy", False):
            return ValidationError(BUSY_MESSAGE, code="busy")
        return super().get_invalid_login_error()
