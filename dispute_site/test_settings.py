"""Settings for the test suite: the real settings with test-only values filled in."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")

from .settings import *  # noqa: E402,F403

# Hashed static names need collectstatic, which the tests do not run.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the finders, without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
# Most tests measure pages as rendered; tests/test_cache.py turns the page cache on.
CACHE_MIDDLEWARE_SECONDS = 0
HTTP_CACHE = False
# Likewise the rendered parts of pages: tests/test_fragments.py turns them on.
FRAGMENT_CACHE_SECONDS = 0
