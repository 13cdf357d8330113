"""Administrative procedures (Art. 5.1b): what a citizen must bring, do, pay and wait for,
the documents the procedure rests on (linked to the registry) and where to file online on
the National or provincial Public Service Portal."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from home.models import DisclosureMixin, PortalPage
from portal.core import sites

# The code of the National Database of Administrative Procedures, e.g. 1.000894 or 2.002189.
PROCEDURE_CODE = RegexValidator(
    r"^\d\.\d{6}$", _("Write the code as in the national database, e.g. 1.000894.")
)
RICH = ["bold", "italic", "ol", "ul", "link"]


class OnlineLevel(models.TextChoices):
    """How far the procedure can be done online (Decree 42/2022/NĐ-CP, Art. 11)."""

    FULL = "full", _("Full online public service")
    PARTIAL = "partial", _("Partial online public service")
    INFORMATION = "information", _("Information only: filed in person or by post")


class ProcedureIndexPage(DisclosureMixin, PortalPage):
    """/thu-tuc-hanh-chinh/: the procedures, filtered by field and level of online service."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = DisclosureMixin.tabbed(content_panels)
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["legal_docs.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("administrative procedure index page")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: the listing queries these models, so it imports them.
        from legal_docs.procedure_listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class ProcedurePage(PortalPage):
    code = models.CharField(
        _("procedure code"), max_length=16, unique=True, validators=[PROCEDURE_CODE]
    )
    field = models.ForeignKey(
        "legal_docs.LegalField",
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        related_name="procedures",
        null=True,
    )
    implementing_agency = models.CharField(_("implementing agency"), max_length=255)
    online_level = models.CharField(
        _("level of online service"),
        max_length=16,
        choices=OnlineLevel.choices,
        default=OnlineLevel.INFORMATION,
    )
    processing_time = models.CharField(_("processing time"), max_length=255)
    fees = models.TextField(_("fees and charges"), blank=True)
    dossier = RichTextField(_("dossier components"), features=RICH)
    steps = RichTextField(_("steps"), features=RICH)
    result = models.TextField(_("result"))
    legal_basis = ParentalManyToManyField(
        "legal_docs.LegalDocumentPage",
        verbose_name=_("legal basis in the registry"),
        blank=True,
        related_name="procedures",
    )
    legal_basis_other = models.TextField(
        _("other legal basis"),
        blank=True,
        help_text=_("Documents not in the registry, one per line."),
    )
    online_service_url = models.URLField(
        _("online service"),
        blank=True,
        help_text=_("The procedure on the National or provincial Public Service Portal."),
    )

    search_fields = PortalPage.search_fields + [
        index.SearchField("code", boost=10),
        index.SearchField("implementing_agency"),
        index.SearchField("dossier"),
        index.SearchField("steps"),
        index.SearchField("result"),
        index.FilterField("field"),
        index.FilterField("online_level"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
                FieldPanel("implementing_agency"),
                FieldRowPanel([FieldPanel("online_level"), FieldPanel("processing_time")]),
                FieldPanel("online_service_url"),
            ],
            heading=_("Procedure"),
        ),
        FieldPanel("dossier"),
        FieldPanel("steps"),
        FieldPanel("fees"),
        FieldPanel("result"),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("legal_basis_other")],
            heading=_("Legal basis"),
        ),
    ]

    parent_page_types = ["legal_docs.ProcedureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    @property
    def import_reference(self):
        return self.code

    def get_citation(self, request):
        updated = timezone.localtime(self.last_published_at or timezone.now())
        return gettext(
            "Administrative procedure “%(title)s” (code %(code)s), website of %(agency)s, "
            "updated on %(date)s, %(url)s"
        ) % {
            "title": self.title,
            "code": self.code,
            "agency": sites.portal_settings(Site.find_for_request(request)).agency_name,
            "date": updated.strftime("%d/%m/%Y"),
            "url": self.get_full_url(request),
        }

    def live_legal_basis(self):
        """The registry documents it rests on that citizens can open."""
        return sites.public(self.legal_basis.live()).select_related("document_type")
