"""The visitor counter: a count per page and day, nothing about the visitor."""

import time

import pytest
from django.utils import timezone

from portal.core.models import DailyVisits
from tests.builders import article as build_article
from tests.helpers import html

pytestmark = pytest.mark.django_db


def test_each_public_view_counts_robots_do_not_and_nothing_personal_is_kept(client, news):
    article = build_article(parent=news)
    for _ in range(3):
        client.get(article.url, HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")
    client.get(article.url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    row = DailyVisits.objects.get(page=article)
    assert row.count == 3 and row.date == timezone.localdate()
    columns = {field.name for field in DailyVisits._meta.get_fields()}
    assert columns == {"id", "date", "page", "count"}  # no address, agent or cookie


def test_the_footer_shows_todays_and_all_visits(client, news):
    from django.core.cache import caches

    article = build_article(parent=news)
    DailyVisits.objects.create(date=timezone.localdate(), page=article, count=1234)
    for cache in caches.all():
        cache.delete("portal:visits")
    page = html(client, "/")
    assert "Lượt truy cập hôm nay: 1.23" in page  # 1.234 or 1.235, with the home page's own


def test_views_are_held_in_memory_and_written_together(settings, news):
    from portal import visits

    settings.VISITS_FLUSH_SECONDS = 3600
    article = build_article(parent=news)
    visits.write_pending()  # what earlier tests left
    visits.last_write = time.monotonic()
    for _ in range(3):
        visits.count(article.pk)
    assert not DailyVisits.objects.filter(page=article).exists()
    visits.write_pending()
    assert DailyVisits.objects.get(page=article).count == 3
