"""Drafts for public comment (Góp ý dự thảo, issue #26): a legal document the department
drafts is posted at /gop-y-du-thao/ with its files and a comment period; citizens and
organisations comment while the period is open; the drafting unit reads the comments in the
admin and writes the synthesis (báo cáo tổng hợp, tiếp thu, giải trình), which goes live
through the board's workflow like any page change, and only once the period is over.

The status is never stored: it is computed from the dates (and the registry document once
issued) on the day it is read, in Python for one page and in SQL for the listing."""

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models import DisclosureMixin, PortalPage
from home.models.organisation import VIETNAMESE
from portal.core import sites

PUBLISHED_COMMENTS = 500  # a draft gets tens; the bound keeps one page's query bounded
RICH = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


class Status(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("draft status", "Comments open soon")
    OPEN = "open", pgettext_lazy("draft status", "Open for comment")
    CLOSED = "closed", pgettext_lazy("draft status", "Comment period over")
    ISSUED = "issued", pgettext_lazy("draft status", "Issued")


def today():
    return timezone.localdate()


def status_on(draft, day=None):
    day = day or today()
    if draft.issued_document_id:
        return Status.ISSUED
    if day < draft.comment_start:
        return Status.UPCOMING
    if day <= draft.comment_end:
        return Status.OPEN
    return Status.CLOSED


def annotate_status(drafts, day=None):
    """The same rule as status_on, in SQL, so the listing filters and counts by it."""
    day = day or today()
    return drafts.annotate(
        current_status=Case(
            When(issued_document__isnull=False, then=Value(Status.ISSUED.value)),
            When(comment_start__gt=day, then=Value(Status.UPCOMING.value)),
            When(comment_end__gte=day, then=Value(Status.OPEN.value)),
            default=Value(Status.CLOSED.value),
            output_field=models.CharField(),
        )
    )


def open_on(day=None):
    day = day or today()
    return Q(issued_document__isnull=True, comment_start__lte=day, comment_end__gte=day)


class ConsultationIndexPage(DisclosureMixin, PortalPage):
    """/gop-y-du-thao/: the drafts, open ones first, with filters by status, issuing body and
    year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = DisclosureMixin.tabbed(content_panels)
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.DraftPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("drafts for comment index page")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: the listing reads the registry's lists.
        from consultations.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class DraftPage(PortalPage):
    document_type = models.ForeignKey(
        "legal_docs.DocumentType",
        verbose_name=_("kind of document"),
        on_delete=models.PROTECT,
        related_name="drafts",
        null=True,
    )
    drafting_unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("drafting unit"),
        on_delete=models.PROTECT,
        related_name="drafts",
        null=True,
        limit_choices_to=VIETNAMESE,  # the unit itself, not its English translation
        help_text=_("Its staff read the comments and write the synthesis."),
    )
    issuing_authority = models.ForeignKey(
        "legal_docs.IssuingAuthority",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="drafts",
        null=True,
        help_text=_("The body that will issue the document."),
    )
    summary = models.TextField(_("summary"))
    draft_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("draft"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    explanatory_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("explanatory statement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appraisal_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("appraisal report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment_start = models.DateField(_("comments from"), db_index=True)
    comment_end = models.DateField(_("comments until"), db_index=True)
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_("Who to ask about the draft: a person, a phone number, an email address."),
    )
    synthesis = RichTextField(
        _("synthesis of comments"),
        blank=True,
        features=RICH,
        help_text=_(
            "The comments received, accepted and explained (báo cáo tổng hợp, tiếp thu, "
            "giải trình). It can be published only after the comment period."
        ),
    )
    publish_comments = models.BooleanField(
        _("publish the comments"),
        default=False,
        help_text=_(
            "Shows the comments received (the article, the comment and the organisation, never "
            "a name or contact) after the comment period."
        ),
    )
    issued_document = models.ForeignKey(
        "legal_docs.LegalDocumentPage",
        verbose_name=_("issued as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The document in the registry, once issued."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("document_type"), FieldPanel("issuing_authority")]),
        FieldPanel("drafting_unit"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("draft_file"),
                FieldPanel("explanatory_file"),
                FieldPanel("appraisal_file"),
            ],
            heading=_("Files"),
        ),
        FieldRowPanel([FieldPanel("comment_start"), FieldPanel("comment_end")]),
        FieldPanel("contact"),
        MultiFieldPanel(
            [
                FieldPanel("synthesis"),
                FieldPanel("publish_comments"),
                FieldPanel("issued_document"),
            ],
            heading=_("After the comment period"),
        ),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("summary"),
        index.FilterField("comment_start"),
        index.FilterField("comment_end"),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("draft for comment")
        verbose_name_plural = _("drafts for comment")

    @property
    def status(self):
        return status_on(self)

    def get_status_display(self):
        return self.status.label

    @property
    def is_open(self):
        return self.status == Status.OPEN

    def has_synthesis(self):
        return bool(strip_tags(self.synthesis or "").strip())

    @property
    def period_over(self):
        return self.comment_end is not None and today() > self.comment_end

    def clean(self):
        super().clean()
        errors = {}
        if self.comment_start and self.comment_end and self.comment_end < self.comment_start:
            errors["comment_end"] = _("The comment period cannot end before it starts.")
        elif self.comment_start and self.comment_end:
            days = (self.comment_end - self.comment_start).days + 1
            if days < settings.DRAFT_COMMENT_MIN_DAYS:
                errors["comment_end"] = _(
                    "The comment period lasts %(days)s days; the law asks at least %(least)s. "
                    "Set the end on %(end)s or later."
                ) % {
                    "days": days,
                    "least": settings.DRAFT_COMMENT_MIN_DAYS,
                    "end": (
                        self.comment_start + timedelta(days=settings.DRAFT_COMMENT_MIN_DAYS - 1)
                    ).strftime("%d/%m/%Y"),
                }
        # Here, in the model, so no route (the editor, the board's approval, code) publishes
        # a synthesis or comments while citizens may still comment: Wagtail's publication
        # saves the page with full_clean().
        if self.comment_end and not self.period_over:
            end = self.comment_end.strftime("%d/%m/%Y")
            if self.has_synthesis():
                errors["synthesis"] = _(
                    "The synthesis can be published only after the comment period, which ends "
                    "on %(end)s. Save it after that day."
                ) % {"end": end}
            if self.publish_comments:
                errors["publish_comments"] = _(
                    "The comments can be published only after the comment period, which ends "
                    "on %(end)s."
                ) % {"end": end}
            if self.issued_document_id:
                errors["issued_document"] = _(
                    "A draft still open for comment cannot have been issued."
                )
        if errors:
            raise ValidationError(errors)

    def serve(self, request, *args, **kwargs):
        from consultations.views import serve_draft

        return serve_draft(self, request, *args, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        from consultations.forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = form or CommentForm()
        context["sent"] = request.GET.get("da-gui") == "1"
        session = getattr(request, "session", None)
        context["reference"] = session.get("comment_reference") if session is not None else None
        # Never before the period is over, whatever the row holds.
        over = self.period_over
        context["show_synthesis"] = over and self.has_synthesis()
        context["comments"] = (
            self.comments.order_by("received_at")[:PUBLISHED_COMMENTS]
            if over and self.publish_comments
            else None
        )
        context["issued"] = (
            self.issued_document if self.issued_document_id and self.issued_document.live else None
        )
        context["files"] = [
            (label, file)
            for label, file in (
                (_("Draft"), self.draft_file),
                (_("Explanatory statement"), self.explanatory_file),
                (_("Appraisal report"), self.appraisal_file),
            )
            if file is not None
        ]
        return context


def comment_file_path(comment, filename):
    # A random name: the citizen's file name may carry a name; nothing public links to it.
    return f"gop-y/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Comment(models.Model):
    """A comment on a draft. Read in the admin by the drafting unit's staff (only their unit's
    drafts), the board and the directors; published, if the board chooses, without the
    sender's name or contact."""

    draft = models.ForeignKey(
        DraftPage, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="comments"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    # YK-2026-000123, like feedback's reference (home/models/feedback.py); null until the row
    # has its number.
    reference = models.CharField(  # noqa: DJ001
        _("reference number"), max_length=20, unique=True, null=True, editable=False
    )
    name = models.CharField(_("full name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    contact = models.CharField(
        _("email or phone"), max_length=150, help_text=_("Where the drafting unit can reach you.")
    )
    article = models.CharField(
        _("article or clause"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Article 5, clause 2. Leave blank for the draft as a whole."),
    )
    content = models.TextField(_("comment"), max_length=10000)
    file = models.FileField(
        _("attached file"), upload_to=comment_file_path, blank=True, max_length=255
    )

    # Nobody rewrites what a citizen sent: an operator opening the form sees it read-only.
    panels = [
        FieldPanel(name, read_only=True)
        for name in ("draft", "name", "organisation", "contact", "article", "content")
    ]

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self):
        return f"{self.reference or ''} {self.draft.title}".strip()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.reference is None:
            self.reference = reference_for(self)
            Comment.objects.filter(pk=self.pk).update(reference=self.reference)

    @property
    def public_author(self):
        """What a published comment says of who sent it: the organisation, never a name or
        contact."""
        return self.organisation or _("A citizen")


REFERENCE_PREFIX = "YK"


def reference_for(comment):
    return f"{REFERENCE_PREFIX}-{timezone.localtime(comment.received_at).year}-{comment.pk:06d}"


class DraftingStaff(models.Model):
    """Who works in a drafting unit: with the drafting role, they read the comments on their
    unit's drafts only."""

    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="staff",
        limit_choices_to=VIETNAMESE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="drafting_units",
    )

    panels = [FieldPanel("unit"), FieldPanel("user")]

    class Meta:
        verbose_name = _("drafting unit staff member")
        verbose_name_plural = _("drafting unit staff")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="one_membership_per_unit")
        ]

    def __str__(self):
        from portal.core.people import display_name

        return f"{display_name(self.user)} – {self.unit}"


def visible_comments(user):
    """The comments this account may read: every one for the board, operators and directors;
    else only those on drafts of the units the account works in. Every admin view of the
    comments and their files reads through this."""
    from portal.core import roles

    comments = Comment.objects.select_related("draft")
    if user.is_superuser or roles.user_has_role(
        user, roles.BOARD, roles.OPERATORS, roles.DIRECTORS
    ):
        return comments
    return comments.filter(draft__drafting_unit__staff__user=user)


def public_drafts(index):
    return sites.public(DraftPage.objects.live().child_of(index))
