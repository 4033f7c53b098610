"""Settings for the Northern Territories / Southern Kurils dispute site.

Every value that differs between machines comes from the environment; the defaults
suit a local development run.
"""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for a local run, use `make run`, which turns DEBUG on)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "editorial.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "editorial",
    "timeline",
    "documents",
    "positions",
    "dispute_site",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dispute_site.middleware.RefuseTraceMiddleware",
    "dispute_site.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (whose slash redirect needs the prefix).
    "dispute_site.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "editorial.timezones.EditorTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dispute_site.middleware.SiteCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): failed logins are counted in the database, shared by
# every process, per account and per address separately; after AXES_FAILURE_LIMIT
# failures that account (from anywhere) and that address (for any account) are locked
# for DJANGO_LOGIN_LOCKOUT_MINUTES. A locked login costs no password hashing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, one password check at a time on each host (editorial.logins).
    "editorial.logins.OneCheckAtATimeBackend",
]
LOGIN_LOCK_FILE = os.environ.get(
    "DJANGO_LOGIN_LOCK_FILE",
    os.path.join(tempfile.gettempdir(), "dispute-site-password-check.lock"),
)
LOGIN_WAIT_SECONDS = float(os.environ.get("DJANGO_LOGIN_WAIT_SECONDS", "2"))
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "10"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "30"))
)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "dispute_site.middleware.client_ip"
AXES_COOLOFF_MESSAGE = (
    "Login locked: too many failed attempts for this account or from this address. "
    f"Try again in {AXES_COOLOFF_TIME.seconds // 60} minutes, or ask an "
    "administrator to unlock it (manage.py axes_reset_username NAME)."
)

ROOT_URLCONF = "dispute_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dispute_site.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "dispute_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes the write lock when it begins, and a second writer waits
    # for it (up to `timeout` seconds) instead of failing with "database is locked"
    # halfway: two editors saving at once get the edit-conflict message, not a 500.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        **DATABASES["default"].get("OPTIONS", {}),
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dispute_site",
        }
    }
else:
    # Pages and their rendered parts, per process; more entries than the default
    # 300, so that one language's pages and parts fit (old versions are culled).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
# How long the server keeps a rendered page (0: never). Pages are keyed on the content
# version in the database, so a longer time never means a stale page.
CACHE_MIDDLEWARE_SECONDS = int(os.environ.get("DJANGO_CACHE_SECONDS", "600"))
# How long the server keeps a rendered part of a reader's page (editorial.fragments;
# 0: never): its lists, visual timeline, map. Keyed on the content version like pages.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", "3600"))
# HTTP caching of public pages (editorial.pagecache): ETag and Last-Modified, and how
# long browsers (max-age) and shared caches such as a CDN (s-maxage) may keep a page
# before asking again. A browser that asks again with If-None-Match gets a 304.
HTTP_CACHE = env_bool("DJANGO_HTTP_CACHE", True)
CACHE_MAX_AGE = int(os.environ.get("DJANGO_CACHE_MAX_AGE", "0"))
CACHE_S_MAXAGE = int(os.environ.get("DJANGO_CACHE_S_MAXAGE", "60"))
CACHE_STALE_WHILE_REVALIDATE = int(
    os.environ.get("DJANGO_CACHE_STALE_WHILE_REVALIDATE", "30")
)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Readers' pages are under /en/, /ja/ and /ru/; the admin, the API and the other
# machine addresses stay unprefixed and in English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English keeps the British formats the site has always used (25/10/2006 in the
# admin's date fields, "19 October 1956" on pages): dispute_site/formats/en.
FORMAT_MODULE_PATH = ["dispute_site.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    # Read-only and the same for everyone: no sessions, no CSRF, no browsable pages
    # (one representation per URL, so caches never split on Accept).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Northern Territories / Southern Kurils: open data",
    "DESCRIPTION": "Read-only access to everything the site publishes. The site's own "
    "text is licensed CC BY 4.0; quoted primary texts remain under their own terms.",
    "VERSION": "1",
    "LICENSE": {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# dumpdata keeps microseconds, so dumpdata → loaddata round-trips exactly.
SERIALIZATION_MODULES = {"json": "editorial.serializers"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_NAME = "Northern Territories / Southern Kurils: the dispute"
# Whether editors publish themselves (True) or only reviewers publish what editors
# send them (False); reviewers (the Reviewers group) may always publish.
EDITORS_MAY_PUBLISH = os.environ.get("DJANGO_EDITORS_MAY_PUBLISH", "1") != "0"

SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Pages, the admin's too, load nothing from elsewhere and run no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The admin's one inline style attribute (django-simple-history's history list,
# style="border-top: 0"), allowed by its hash alone.
ADMIN_CSP_ADDITIONS = {
    "style-src-attr": [
        "'unsafe-hashes'",
        "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    ],
}
# Browser features no page uses, turned off for every page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
# Behind a TLS-terminating proxy: redirect to HTTPS and send HSTS when asked to.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
# Only once every subdomain serves HTTPS; preload also asks browsers to ship the rule.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the site:
# the client's address is the one the outermost trusted proxy saw.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "dispute_site.logging.WithoutTraceback"}},
    "formatters": {
        "one_line": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {
            "class": "logging.StreamHandler",
            "filters": ["without_traceback"],
            "formatter": "one_line",
        },
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        # A request naming a host the site is not: one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
