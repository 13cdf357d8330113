"""RSS and Atom feeds of the news, the legal dissemination articles and the legal documents
(Circular 22/2023/TT-BTTTT asks state portals for RSS): the latest live, public items of a
section, linked to their pages."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.models import ArticleIndexPage, ArticlePage
from portal.core import cache as portal_cache
from portal.core import sites

SIZE = 30


def article_items(section):
    return ArticlePage.objects.order_by("-posted_at", "-pk")


# {section page type: the function giving a section's items, newest first}. Apps whose
# sections have a feed add theirs in ready() (legal_docs/apps.py): home imports no other app.
FEED_ITEMS = {ArticleIndexPage: article_items}


def register_feed(index_page_model, items):
    FEED_ITEMS[index_page_model] = items


def feed_sections(site):
    """(slug, title) of the sections with a feed, for the layout's <link rel="alternate">."""

    def build():
        children = site.root_page.get_children().live().public().type(*FEED_ITEMS)
        return list(children.values_list("slug", "title"))

    return portal_cache.get_or_build(portal_cache.cache_key("feeds", site.pk), build)


class SectionFeed(Feed):
    """/feeds/<section slug>.rss: the latest articles, or documents, of a section."""

    language = "vi"

    def get_object(self, request, slug):
        site = Site.find_for_request(request)
        section = site.root_page.get_children().live().filter(slug=slug).specific().first()
        if not isinstance(section, tuple(FEED_ITEMS)):
            raise Http404
        section.agency = sites.portal_settings(site).agency_name
        return section

    def title(self, section):
        return f"{section.title} – {section.agency}"

    def link(self, section):
        return section.full_url

    def description(self, section):
        return _("The latest items of the section %(section)s") % {"section": section.title}

    def items(self, section):
        items = FEED_ITEMS[type(section)](section)
        return sites.public(items.live().child_of(section))[:SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", None) or getattr(item, "lead", "")

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return getattr(item, "posted_at", None) or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return str(getattr(item, "issuing_authority", None) or getattr(item, "author", ""))


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description
