"""Art. 5.1d and 5.1e: strategies, plans and programmes; public investment and procurement
lists and results; financial reports and statistics. A collection page holds the files of
one kind of information, shown grouped by year, newest first."""

from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.models.pages import PortalPage


class CollectionKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy, sector planning")
    PLAN = "plan", _("Programme, project, plan")
    WORK_PLAN = "work_plan", _("Yearly work plan")
    INVESTMENT = "investment", _("Public investment list or result")
    PROCUREMENT = "procurement", _("Public procurement list or result")
    FINANCE = "finance", _("Financial report, budget disclosure")
    STATISTICS = "statistics", _("Statistics")
    SCIENCE = "science", _("Science and technology programme")
    OTHER = "other", _("Other")


class CollectionPage(PortalPage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("items", label=_("Files"), min_num=0),
    ]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("collection page")

    def by_year(self):
        """[(year, [items])], newest year first."""
        items = self.items.select_related("document").order_by("-year", "-issued_on", "sort_order")
        return [(year, list(group)) for year, group in groupby(items, key=lambda i: i.year)]


class CollectionItem(Orderable):
    page = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CollectionKind.choices, default=CollectionKind.PLAN
    )
    year = models.PositiveSmallIntegerField(_("year"))
    issued_on = models.DateField(_("date"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("description"), max_length=500, blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("issued_on")]),
        FieldPanel("document"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("file of the collection")
