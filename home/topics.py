"""A section's news as a topic citizens can follow by email (portal/core/topics.py): each new
article of one article index (news, legal dissemination, ...). Registered in
HomeConfig.ready()."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.models import ArticleIndexPage, ArticlePage
from portal.core import sites
from portal.core.topics import TopicKind


class SectionNewsKind(TopicKind):
    key = "section_news"
    label = _("News of a section")
    page_models = (ArticlePage,)
    follows_changes = False  # a corrected article is not news again

    def sections(self):
        return sites.public(ArticleIndexPage.objects.live()).order_by("path")

    def options(self):
        return [(str(page.pk), page.title) for page in self.sections()]

    def describe(self, value):
        title = ArticleIndexPage.objects.filter(pk=value).values_list("title", flat=True).first()
        return f"{self.label}: {title or gettext('(removed)')}"

    def link(self, value):
        section = ArticleIndexPage.objects.filter(pk=value).first()
        return section.url if section else ""

    def matching(self, page, values):
        parent = str(page.get_parent().pk)
        return {parent} & set(values)
