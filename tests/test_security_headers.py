"""Security headers on every page, the admin's included; deploy checks; bad hosts."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("path", ["/en/", "/en/timeline/", "/admin/login/", "/admin/"])
def test_csp_and_permissions_policy_everywhere(client, admin_client, path):
    response = (admin_client if path == "/admin/" else client).get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_only_the_admin_allows_its_one_style_attribute(client):
    assert "style-src-attr" in client.get("/admin/login/")["Content-Security-Policy"]
    assert "style-src-attr" not in client.get("/en/")["Content-Security-Policy"]


def production_environment(**extra):
    """A production run's environment: none of the test run's DJANGO_ variables."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "dispute_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "DJANGO_SECURE_SSL_REDIRECT": "1",
        "DJANGO_HSTS_SECONDS": "31536000",
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
        "DJANGO_HSTS_PRELOAD": "1",
        **extra,
    }


def test_check_deploy_is_clean_in_a_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=production_environment(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_the_hsts_settings_check_deploy_warns():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=production_environment(
            DJANGO_HSTS_INCLUDE_SUBDOMAINS="0", DJANGO_HSTS_PRELOAD="0"
        ),
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W005" in result.stderr + result.stdout


def test_a_bad_host_is_logged_in_one_line():
    result = run_python(
        "from django.test import Client\n"
        "print(Client().get('/', HTTP_HOST='evil.example').status_code)\n",
        # A fresh clone has no collected static files, which WhiteNoise warns of.
        **production_environment(
            DJANGO_SECURE_SSL_REDIRECT="0", PYTHONWARNINGS="ignore"
        ),
    )
    assert result.stdout.strip() == "400"
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith("AXES")
    ]
    assert len(lines) == 1, result.stderr
    assert "DisallowedHost" in lines[0] and "evil.example" in lines[0]
