"""How citizens and other sites reach the content: RSS/Atom feeds, sitemap.xml, robots.txt,
descriptions, Open Graph and canonical addresses; only live, public pages in any of them."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageViewRestriction

from home.models import ArticlePage
from legal_docs.models import LegalDocumentPage
from tests.builders import article, image, legal_document
from tests.helpers import html

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def sitemap_addresses(client):
    index = xml_of(client, "/sitemap.xml")
    addresses = []
    for part in index.iter(f"{SITEMAP}loc"):
        path = urlsplit(part.text).path
        addresses += [loc.text for loc in xml_of(client, path).iter(f"{SITEMAP}loc")]
    return addresses


def news_of_three_days():
    """Three articles, the newest last, and a legal document for the registry's feed."""
    legal_document()
    day = datetime(2025, 3, 10, 8, tzinfo=UTC)
    return [article(f"Tin ngày {n}", posted_at=day + timedelta(days=n)) for n in range(3)]


def test_feeds_list_the_latest_live_public_items(client, news):
    news_of_three_days()
    latest = ArticlePage.objects.live().child_of(news).order_by("-posted_at").first()
    rss = xml_of(client, "/feeds/tin-tuc.rss")
    links = [item.findtext("link") for item in rss.iter("item")]
    assert links[0] == latest.full_url
    assert all(link.startswith("https://sotp.quangtri.gov.vn/tin-tuc/") for link in links)

    latest.unpublish()
    other = ArticlePage.objects.live().child_of(news).order_by("-posted_at").first()
    PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
    rss = xml_of(client, "/feeds/tin-tuc.rss")
    links = [item.findtext("link") for item in rss.iter("item")]
    assert latest.full_url not in links and other.full_url not in links

    atom = xml_of(client, "/feeds/van-ban.atom")
    titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert titles and set(titles) <= set(LegalDocumentPage.objects.values_list("title", flat=True))
    assert client.get("/feeds/gioi-thieu.rss").status_code == 404  # no feed for a section


def test_the_sitemap_lists_exactly_the_live_public_pages_on_the_domain(client, news):
    news_of_three_days()
    addresses = sitemap_addresses(client)
    assert "https://sotp.quangtri.gov.vn/" in addresses
    assert all(a.startswith("https://sotp.quangtri.gov.vn/") for a in addresses)
    article = ArticlePage.objects.live().child_of(news).first()
    assert article.full_url in addresses
    article.unpublish()
    restricted = ArticlePage.objects.live().child_of(news).first()
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    addresses = sitemap_addresses(client)
    assert article.full_url not in addresses and restricted.full_url not in addresses
    from wagtail.models import Page

    public = Page.objects.live().public().exclude(depth=1).count()
    assert len(addresses) == public


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, portal):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: https://sotp.quangtri.gov.vn/sitemap.xml" in text


def test_pages_describe_themselves_for_search_engines_and_sharing(client, news):
    shared = article(
        lead="Sở Tư pháp tổ chức hội nghị tập huấn nghiệp vụ hộ tịch cho công chức cấp xã.",
        image=image(),
    )
    page = html(client, shared.url)
    assert f'<link rel="canonical" href="{shared.full_url}">' in page
    assert f'<meta name="description" content="{shared.lead[:40]}' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:image" content="http' in page
    assert 'type="application/rss+xml"' in page and "/feeds/tin-tuc.rss" in page
