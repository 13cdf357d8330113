from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.log_actions import log
from wagtail.models import Orderable, Page, PageViewRestriction, Site, get_page_models
from wagtail.search import index

from home.blocks import BodyBlock
from home.forms import RATE_LIMITED, FeedbackForm, rate_limited
from home.mail import notify_office
from home.models.feedback import Feedback
from portal.core import profile, sites, wagtail_adapter
from portal.core.pages import SECTION_PATH_LENGTH, paginate
from portal.core.text import ascii_slug

# A slug Wagtail or an older version of the portal may have stored with Vietnamese letters.
PLAIN_SLUG = r"^[-a-z0-9_]*$"


class PortalPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        # Before Wagtail's check that no sibling has it: the address the page will really get.
        slug = self.cleaned_data.get("slug")
        return (ascii_slug(slug) or slug) if slug else slug

    def clean(self):
        from portal.core import rich_text  # imports Wagtail's converters, which need the models

        cleaned_data = super().clean()
        # Links, files and images in rich text point to something that exists (issue #19).
        rich_text.check_form(self)
        return cleaned_data


class PortalPage(Page):
    """What every page of the portal has in common."""

    base_form_class = PortalPageForm

    search_fields = Page.search_fields + [index.FilterField("section_path")]

    # Which page types have an English version at /en/ (issue #25): the home page, the
    # introduction, functions, organisation and contacts. Only these may be translated.
    translatable_to_english = False

    # What the layout and the result lists ask of any page (an article's own fields, a
    # search's partial match): answered here, because a lookup that fails makes Django's
    # templates list the page's every attribute (dir()) before giving up, on every request.
    image = None
    posted_at = None
    approximate = False

    class Meta:
        abstract = True

    @property
    def language(self):
        """The language of the page's content: its locale's code ("vi", or "en" under /en/)."""
        return sites.language_of(self)

    @property
    def in_english(self):
        return self.language != settings.LANGUAGE_CODE

    @property
    def localized_draft(self):
        # Wagtail's routing asks for the active locale (a query) on every request; the public
        # site is Vietnamese throughout, so the site's own home page is the one to route from.
        if self.language == settings.LANGUAGE_CODE:
            return self
        return super().localized_draft

    @property
    def meta_description(self):
        """The page's own search description, else the start of what it says first."""
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        text = self.search_description
        for name in ("lead", "summary", "intro"):
            text = text or strip_tags(str(getattr(self, name, "") or ""))
        return Truncator(" ".join(text.split())).chars(160)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # base.html marks and renders the body of an English page in English.
        context["page_language"] = self.language if self.in_english else ""
        return context

    def full_clean(self, *args, **kwargs):
        self.plain_slug()
        super().full_clean(*args, **kwargs)

    # What a publication set on the page row, which a save of an older copy must not undo.
    PUBLICATION_FIELDS = ("live", "live_revision_id", "first_published_at", "last_published_at")

    def save(self, *args, clean=True, **kwargs):
        """Wagtail's editor saves a page it loaded as not live with the whole row
        (`form.save(commit=not page.live)`), so an autosave or "save draft" of a copy loaded
        just before the board's approval wrote `live = False` back over it and took the
        approved page offline. Such a copy (a checked save of the whole row, not live, of a page
        the database holds live) takes the publication from the database. Unpublishing saves
        with clean=False (Wagtail's UnpublishAction) and goes through."""
        if self.locale_id and not self.translatable_to_english and self.in_english:
            # Wagtail's "Translate" copies any page (and a whole subtree with it); the English
            # site is the introduction only (issue #25).
            raise ValidationError(
                _("Only the home page, the introduction and its pages have an English version.")
            )
        if clean and not self.live and self.pk and kwargs.get("update_fields") is None:
            now = (
                Page.objects.filter(pk=self.pk, live=True).values(*self.PUBLICATION_FIELDS).first()
            )
            for field, value in (now or {}).items():
                setattr(self, field, value)
        return super().save(*args, clean=clean, **kwargs)

    def minimal_clean(self):  # what Wagtail runs instead of full_clean() on saving a draft
        self.plain_slug()
        super().minimal_clean()

    def plain_slug(self):
        """Addresses in plain letters (issue #23): a slug with Vietnamese letters is printed in
        citations as %E1%BB%99..., and typed without accents it was a 404. Here, not only in
        the admin's JavaScript, so pages made in code, imports and the admin all get one."""
        parent_known = self.path or getattr(self, "_cached_parent_obj", None)
        if self.slug and not self.slug.isascii():
            base = ascii_slug(self.slug)
            # A new page (a copy, an import) takes "-2" if a sibling has the folded slug.
            if base and self.pk is None and parent_known:
                base = self._get_autogenerated_slug(base)
            self.slug = base or self.slug
        elif not self.slug and self.title and parent_known:
            base = ascii_slug(self.title)
            if base:
                self.slug = self._get_autogenerated_slug(base)

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # A page whose slug still has Vietnamese letters answers its plain-letters address.
            child = path_components and self.unicode_child(path_components[0])
            if not child:
                raise
            return child.specific.route(request, path_components[1:])

    def unicode_child(self, plain):
        """The child whose slug folds to `plain`; only on a miss, among the few children
        whose slug is not plain (setup_portal converts them all, home/slugs.py)."""
        if not plain.isascii():
            return None
        children = self.get_children().exclude(slug__regex=PLAIN_SLUG).only("slug")
        return next((child for child in children if ascii_slug(child.slug) == plain), None)

    def get_view_restrictions(self):
        # Without a query when no restricted page is above this one: the restricted paths are
        # cached (portal/core/cache.py). Aliases, which would inherit their source's restrictions,
        # cannot be made (workflow/wagtail_hooks.py).
        if not self.path.startswith(sites.restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def section_path(self):
        """The tree path of the top-level section holding this page (its own for a section),
        indexed so the search engine counts results per section with one term lookup each,
        not a prefix walk over every page path under the section."""
        return self.path[:SECTION_PATH_LENGTH]


class DisclosureMixin(models.Model):
    """What the disclosure catalogue (Art. 5.1g) says about a section: why it is published,
    how, when and for how long, and how often the board must review it (Art. 5.3)."""

    disclosure_legal_basis = models.CharField(
        _("legal basis for disclosure"),
        max_length=500,
        blank=True,
        help_text=_("The provision that requires this information to be published."),
    )
    disclosure_form = models.CharField(
        _("form of disclosure"), max_length=255, default="Đăng tải trên Trang thông tin điện tử"
    )
    disclosure_timing = models.CharField(
        _("when it is disclosed"),
        max_length=255,
        blank=True,
        help_text=_("E.g. within 5 working days of the document being issued."),
    )
    disclosure_duration = models.CharField(
        _("how long it stays disclosed"),
        max_length=255,
        blank=True,
        help_text=_("E.g. while the document is in force."),
    )
    review_interval_days = models.PositiveIntegerField(
        _("review interval (days)"),
        default=90,
        validators=[MinValueValidator(1)],
        help_text=_("How often the section must be checked for outdated information."),
    )

    disclosure_panels = [
        MultiFieldPanel(
            [
                FieldPanel("disclosure_legal_basis"),
                FieldPanel("disclosure_form"),
                FieldPanel("disclosure_timing"),
                FieldPanel("disclosure_duration"),
                FieldPanel("review_interval_days"),
            ],
            heading=_("Disclosure catalogue (Art. 5.1g)"),
        )
    ]

    class Meta:
        abstract = True

    @classmethod
    def tabbed(cls, content_panels):
        return TabbedInterface(
            [
                ObjectList(content_panels, heading=_("Content")),
                ObjectList(cls.disclosure_panels, heading=_("Disclosure")),
                ObjectList(Page.promote_panels, heading=_("Promote")),
                ObjectList(Page.settings_panels, heading=_("Settings")),
            ]
        )


def disclosure_page_models():
    return [model for model in get_page_models() if issubclass(model, DisclosureMixin)]


# What other apps add to the home page's context: functions (home page, request) -> dict,
# registered in their AppConfig.ready() (legal_docs: the registry search, the newest
# documents, the most used procedures), since home imports no app above it.
HOME_CONTEXT = []


def register_home_context(function):
    HOME_CONTEXT.append(function)
    return function


class HomePage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "featured_items",
            label=_("Featured items"),
            max_num=6,
            help_text=_(
                "Up to six pages shown first on the home page. Like any change to a page, "
                "they go live when the editorial board approves."
            ),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    translatable_to_english = True
    subpage_types = [
        "home.SectionPage",
        "home.ArticleIndexPage",
        "home.StandardPage",
        "home.DisclosureCatalogPage",
        "legal_docs.LegalDocumentIndexPage",
        "legal_docs.ProcedureIndexPage",
        "home.FeedbackPage",
        "consultations.ConsultationIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        if path_components:
            child = sites.top_pages(self).get(path_components[0])
            if getattr(child, "in_english", False) and not settings.PORTAL_ENGLISH_PAGES:
                raise Http404  # /en/, the English pages, turned off
            if child is not None:
                wagtail_adapter.set_parent(child, self)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_template(self, request, *args, **kwargs):
        if self.in_english:
            return "home/english_home_page.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.in_english:
            # The English home page: its introduction and its pages, none of the Vietnamese
            # home page's news, registry search or sections.
            children = sites.public(self.get_children().live())
            context["sections"] = children
            return context
        # sites.public(), not .public(): the restricted paths come from the cache.
        articles = sites.public(ArticlePage.objects.live().descendant_of(self))
        context["latest_articles"] = articles.select_related("image").order_by("-posted_at")[:6]
        context["sections"] = sites.public(self.get_children().live().in_menu())
        context["featured"] = self.featured()
        for function in HOME_CONTEXT:
            context.update(function(self, request))
        return context

    def featured(self):
        """The board's featured pages that citizens may open: live and not restricted."""
        restricted = sites.restricted_paths()
        items = self.featured_items.select_related("link").order_by("sort_order")
        return [
            item for item in items if item.link.live and not item.link.path.startswith(restricted)
        ]


class HomeFeaturedItem(Orderable):
    """A page the board puts first on the home page. Part of the home page's revision, so a
    change goes through the board's workflow like any other."""

    home = ParentalKey(HomePage, related_name="featured_items", on_delete=models.CASCADE)
    link = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        _("label"), max_length=255, blank=True, help_text=_("Leave blank to show the page title.")
    )
    description = models.CharField(_("short description"), max_length=255, blank=True)

    panels = [FieldPanel("link"), FieldPanel("label"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")

    @property
    def text(self):
        return self.label or self.link.title


class SectionPage(DisclosureMixin, PortalPage):
    """One information category of Art. 5 of the regulation, e.g. organisation or plans."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = PortalPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = DisclosureMixin.tabbed(content_panels)

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    translatable_to_english = True
    subpage_types = [
        "home.SectionPage",
        "home.ArticleIndexPage",
        "home.StandardPage",
        "home.OrganisationPage",
        "home.CollectionPage",
    ]

    class Meta:
        verbose_name = _("section page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = sites.public(self.get_children().live()).specific()
        context["children"] = paginate(request, children)
        return context


class ArticleIndexPage(DisclosureMixin, PortalPage):
    """A stream of articles: news, legal dissemination, Q&A."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    search_fields = PortalPage.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = DisclosureMixin.tabbed(content_panels)

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = ["home.ArticlePage"]

    class Meta:
        verbose_name = _("article index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = sites.public(ArticlePage.objects.live().child_of(self))
        articles = articles.select_related("image").order_by("-posted_at", "-pk")
        context["articles"] = paginate(request, articles)
        return context


class ArticlePageForm(PortalPageForm):
    # Art. 4.2b: whoever provides information answers for it, so an article cannot go out
    # without its author and source; the messages say exactly what to fill in.
    required_messages = {
        "lead": _("Enter the lead: one or two sentences that sum up the article."),
        "author": _("Enter the author of the article: the person who wrote it answers for it."),
        "source": _("Enter the providing unit or source of the article."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message


class ArticlePage(PortalPage):
    lead = models.TextField(_("lead"), help_text=_("One or two sentences shown in listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    author = models.CharField(_("author"), max_length=255)
    source = models.CharField(
        _("providing unit or source"),
        max_length=255,
        help_text=_("The unit that provided the information, or the original source."),
    )
    posted_at = models.DateTimeField(
        _("posting time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leave blank to use the time the article is first published."),
    )

    search_fields = PortalPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("posted_at"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source"), FieldPanel("posted_at")],
            heading=_("Author and source (Art. 4.2b, 11.2)"),
        ),
    ]
    base_form_class = ArticlePageForm

    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def save(self, *args, **kwargs):
        # The posting time citizens cite (Art. 11.2) is fixed when the article first goes live.
        if self.live and not self.posted_at:
            self.posted_at = self.first_published_at or timezone.now()
        return super().save(*args, **kwargs)

    def get_citation(self, request):
        """Art. 11.2: author, source or agency, and the time the item was posted, plus the
        address it can be checked at."""
        posted = localtime(self.posted_at or self.first_published_at)
        return gettext(
            "%(author)s, “%(title)s”, %(source)s, website of %(agency)s, "
            "posted at %(time)s on %(date)s, %(url)s"
        ) % {
            "author": self.author,
            "title": self.title,
            "source": self.source,
            "agency": sites.portal_settings(Site.find_for_request(request)).agency_name,
            "time": posted.strftime("%H:%M"),
            "date": posted.strftime("%d/%m/%Y"),
            "url": self.get_full_url(request),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = ArticlePage.objects.live().sibling_of(self, inclusive=False)
        context["related_articles"] = sites.public(siblings).order_by("-posted_at")[:5]
        return context


class StandardPage(PortalPage):
    """A general page: functions and tasks, contacts, guidance, other information (Art. 5.1h)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = PortalPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = []
    translatable_to_english = True  # functions and tasks, contacts

    class Meta:
        verbose_name = _("standard page")


class DisclosureCatalogPage(PortalPage):
    """The catalogue of information that must be disclosed (Art. 5.1g), generated from the
    sections' own metadata so it can never drift from the site."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    # Law on Access to Information 2016 Art. 9, Decree 13/2018: who provides information on
    # request, and how citizens ask (the form under this page is one way).
    focal_point = models.TextField(
        _("focal point for information requests"),
        blank=True,
        help_text=_("The unit or person who provides information, with phone and email."),
    )
    request_channels = RichTextField(
        _("how to request information"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "In person, by post, by email or fax, and the online form: addresses and hours."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("focal_point"),
        FieldPanel("request_channels"),
    ]

    parent_page_types = ["home.HomePage"]
    # A string, not an import: the request form is in an app above home.
    subpage_types = ["information_requests.InformationRequestPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("disclosure catalogue page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        # Here, not at the top: freshness imports this module's disclosure_page_models.
        from home.freshness import newest_in_subtree

        # Generated on every visit from the sections themselves: never out of date.
        # The Vietnamese sections: not the English introduction at /en/ (issue #25).
        sections = sites.public(Page.objects.live().descendant_of(home))
        sections = sections.filter(locale_id=self.locale_id)
        context["entries"] = (
            sections.type(*disclosure_page_models())
            .annotate(newest=newest_in_subtree())
            .specific()
            .order_by("path")
        )
        context["request_pages"] = self.get_children().live().public()
        return context


def default_thank_you():
    return profile.current().feedback_thank_you


class FeedbackPage(PortalPage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you = models.CharField(
        _("thank-you message"),
        max_length=255,
        default=default_thank_you,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("feedback page")

    def serve(self, request, *args, **kwargs):
        form = None
        if request.method == "POST":
            form = FeedbackForm(request.POST)
            if form.is_valid() and form.is_bot():
                return redirect(f"{self.url}?da-gui=1")  # a bot: thanked, nothing kept
            # Only a message that would be kept counts: a citizen correcting a form is not
            # refused for it.
            if form.is_valid():
                if rate_limited(request):
                    form.add_error(None, RATE_LIMITED)
                else:
                    feedback = form.save()
                    log(instance=feedback, action="wagtail.create")
                    notify_office(feedback, request, self)
                    # For the thank-you page; in the session, so no address shows it to others.
                    request.session["feedback_reference"] = feedback.reference
                    return redirect(f"{self.url}?da-gui=1#gui-phan-anh")
        form = form or FeedbackForm(initial={"page_url": request.GET.get("trang", "")})
        return super().serve(request, *args, form=form, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = form or FeedbackForm()  # a preview has none of its own
        context["sent"] = request.GET.get("da-gui") == "1"
        session = getattr(request, "session", None)
        context["reference"] = session.get("feedback_reference") if session is not None else None
        context["answers"] = Feedback.objects.filter(
            publish_answer=True, status=Feedback.Status.ANSWERED
        ).order_by("-answered_at")[:50]
        return context
