"""Every public page of the shipped site answers, and odd input never becomes a 500."""

import re

import pytest

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "/en/timeline/?year_from=1956&year_to=1956&page=2",
    "/en/timeline/?page=0",
    "/en/timeline/?page=-1",
    "/en/timeline/?page=999999999999999999999",
    "/en/timeline/?year_from=99999999999999999999",
    "/en/timeline/?year_from=1956.5",
    "/en/timeline/?era[]=x&era=y",
    "/en/timeline/?q=%00",
    "/en/timeline/?q=" + "x" * 5000,
    "/en/timeline/?order=newest&order=oldest",
    "/en/timeline/%E2%80%8B/",
    "/en/timeline/../admin/",
    "/en/eras/%00/",
    "/en/positions/%F0%9F%92%A5/",
    "/en/positions/countries/atlantis/",
    "/en/islands/urup/",
    "/en/search/?q=",
    "/en/search/?q=%00",
    "/en/search/?q=%27%22%3C%3E%26",
    "/en/search/?q=" + "Шикотан " * 100,
    "/en/search/?q=a&type=nothing",
    "/en/search/?q=Shikotan&type=events&page=abc",
    "/en/search/?q=Shikotan&type=events&page=999",
    "/en/feeds/events/?page=2",
    "/en/feeds/documents/?page=2",
    "/en/documents/?page=999",
    "/en/documents/%00/",
    "/en/documents/joint-declaration-1956/?lang=%00",
    "/en/search/?q=%E5%BC%95%E3%81%8D%E6%B8%A1%E3%81%99&type=article&page=abc",
    "/sitemap.xml?p=999",
    "/en/sources/?kind=%00",
]


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return [
        re.sub(r"^https?://[^/]+", "", url)
        for url in re.findall(r"<loc>(.*?)</loc>", xml)
    ]


def test_every_page_in_the_sitemap_answers(site_content, client):
    paths = sitemap_paths(client)
    assert len(paths) > 50
    failures = [(path, client.get(path).status_code) for path in paths]
    assert [failure for failure in failures if failure[1] != 200] == []


def test_odd_input_is_never_a_server_error(site_content, client):
    statuses = {path: client.get(path).status_code for path in ODD_QUERIES}
    assert {path: code for path, code in statuses.items() if code >= 500} == {}
