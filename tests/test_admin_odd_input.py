"""Odd addresses on every content admin are never a server error."""

import pytest
from django.contrib import admin
from django.test import Client

from editorial.roles import content_models

pytestmark = pytest.mark.django_db


def admin_bases():
    return [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in content_models()
        if model in admin.site._registry
    ]


ODD_SUFFIXES = [
    "abc/history/",
    "abc/change/",
    "abc/delete/",
    "99999999/history/",
    "add/?_to_field=",
    "add/?_to_field=password",
    "add/?_to_field=id&_popup=1",
    "add/?era=abc",
    "add/?era=999999",
    "add/?country=abc&position=abc&topic=x&source=%00",
    "add/?published_at=yesterday&date=1956-13-45",
    "?_to_field=x",
    "?o=abc",
    "?p=abc",
    "?status__exact=nothing",
    "?q=%00",
]


def test_odd_admin_addresses_are_never_a_server_error(superuser):
    admin_client = Client(raise_request_exception=False)
    admin_client.force_login(superuser)
    failures = {}
    for base in admin_bases():
        for suffix in ODD_SUFFIXES:
            status = admin_client.get(base + suffix).status_code
            if status >= 500:
                failures[base + suffix] = status
    assert failures == {}
