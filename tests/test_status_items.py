import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from editorial.models import Status
from positions.models import StatusItem

from .factories import make_source, make_status_item

pytestmark = pytest.mark.django_db

D = datetime.date


def test_current_lists_published_items_in_order_with_their_sources():
    second = make_status_item(label="Grave visits", order=2)
    first = make_status_item(label="Administration", order=1)
    make_status_item(label="Secret draft", status=Status.DRAFT)
    make_status_item(
        label="Scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    items = list(StatusItem.objects.current())
    assert items == [first, second]


def test_current_status_queries_stay_flat(django_assert_num_queries):
    for order in range(30):
        make_status_item(order=order)
    with django_assert_num_queries(1):
        html = render_to_string(
            "includes/current_status.html",
            {"status_items": StatusItem.objects.current()},
        )
    assert html.count('class="current-status-item"') == 30


def test_the_include_shows_as_of_review_date_and_source():
    source = make_source(
        title="Кремль не считает возможным обсуждать мирный договор",
        author="Интерфакс",
        url="https://www.interfax.ru/russia/1073875",
    )
    make_status_item(
        slug="peace-treaty-talks",
        label="Peace-treaty talks",
        text="There is no peace treaty.",
        as_of=D(2026, 2, 20),
        reviewed_on=D(2026, 12, 1),
        source=source,
    )
    make_status_item(label="Hidden draft", status=Status.DRAFT)
    html = render_to_string(
        "includes/current_status.html",
        {"status_items": StatusItem.objects.current()},
    )
    assert 'id="status-peace-treaty-talks"' in html
    assert '<time datetime="2026-02-20">20 February 2026</time>' in html
    assert "Reviewed on" in html and "1 December 2026" in html
    assert 'href="https://www.interfax.ru/russia/1073875"' in html
    assert "Hidden draft" not in html


def test_the_include_is_empty_without_items():
    html = render_to_string("includes/current_status.html", {"status_items": []})
    assert html.strip() == ""


def test_a_review_cannot_precede_the_as_of_date():
    item = make_status_item()
    item.reviewed_on = item.as_of - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "cannot be earlier" in str(error.value)
    with pytest.raises(IntegrityError):
        item.save()


def test_dates_cannot_lie_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    item = make_status_item()
    item.as_of = item.reviewed_on = tomorrow
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert set(error.value.message_dict) == {"as_of", "reviewed_on"}


def test_changes_are_kept_in_history():
    item = make_status_item(text="Old wording.")
    item.text = "New wording."
    item.save()
    assert [h.text for h in item.history.order_by("history_date")] == [
        "Old wording.",
        "New wording.",
    ]


def test_the_inclusion_tag_renders_the_published_items():
    make_status_item(label="Grave visits", text="Not held since 2020.")
    make_status_item(label="Hidden draft", status=Status.DRAFT)
    html = Template("{% load positions_tags %}{% current_status %}").render(Context())
    assert "Grave visits" in html and "Not held since 2020." in html
    assert "Hidden draft" not in html
