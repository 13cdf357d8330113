import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import DisclosureMixin, PortalPage
from legal_docs import exchange, extraction
from legal_docs.jsonld import legislation
from legal_docs.models import page_rows, taxonomies
from legal_docs.models.taxonomies import DocumentType, IssuingAuthority, LegalField
from legal_docs.models.validity import (
    ACTING,
    GROUPS,
    INVERSE_LABELS,
    PARTIAL,
    SUSPENDING,
    TERMINATING,
    RelationType,
    Validity,
    annotate_validity,
    today,
    validity_on,
)
from legal_docs.numbering import (
    clean_number_symbol,
    document_slug,
    fold,
    is_valid_number_symbol,
    number_key,
)
from portal.core import cache, sites


class LegalDocumentIndexPage(RoutablePageMixin, DisclosureMixin, PortalPage):
    """/van-ban/: the registry of legal documents with its filters (Art. 5.1a), and its open
    data in the exchange format at /van-ban/du-lieu-mo/json/ and /van-ban/du-lieu-mo/csv/."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    edit_handler = DisclosureMixin.tabbed(content_panels)
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["legal_docs.LegalDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal document index page")

    @path("du-lieu-mo/<str:extension>/")
    def open_data(self, request, extension):
        if extension not in ("json", "csv"):
            raise Http404
        documents = LegalDocumentPage.objects.live().public().child_of(self)
        stream = exchange.stream_json if extension == "json" else exchange.stream_csv
        response = StreamingHttpResponse(
            stream(exchange.records_of(documents)),
            content_type="application/json" if extension == "json" else "text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="van-ban.{extension}"'
        return response

    def route(self, request, path_components):
        # One query for a document with its views and downloads (and on PostgreSQL its
        # fields, relations and files: page_rows.py), where Wagtail would fetch the page,
        # then its own row, then each of those; its type and authority come from this
        # process's memory (taxonomies.by_pk).
        if len(path_components) == 1:
            document = page_rows.document(self, path_components[0])
            if document is not None:
                known = taxonomies.by_pk()
                document.document_type = known[DocumentType].get(document.document_type_id)
                document.issuing_authority = known[IssuingAuthority].get(
                    document.issuing_authority_id
                )
                if page_rows.supported():
                    page_rows.attach(document, known[LegalField])
                document.validity = validity_on(document)
                return document.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: the listing queries these models, so it imports them.
        from legal_docs.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class Source(models.TextChoices):
    NATIONAL_DATABASE = "national_database", _("National legal database")
    GAZETTE = "gazette", _("Official Gazette")
    DEPARTMENT = "department", _("The department")


class LegalDocumentPage(PortalPage):
    document_type = models.ForeignKey(
        "legal_docs.DocumentType",
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
    )
    issuing_authority = models.ForeignKey(
        "legal_docs.IssuingAuthority",
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
    )
    number_symbol = models.CharField(
        _("number/symbol"),
        max_length=100,
        help_text=_("As written on the document, e.g. 2975/QĐ-UBND."),
    )
    number_key = models.CharField(max_length=100, db_index=True, editable=False)
    issue_date = models.DateField(_("issue date"), null=True, db_index=True)
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leave blank while the effective date is not yet known."),
    )
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    summary = models.TextField(_("summary"), help_text=_("The trích yếu, as on the document."))
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    signer_position = models.CharField(_("signer position"), max_length=255, blank=True)
    fields = ParentalManyToManyField("legal_docs.LegalField", verbose_name=_("fields"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=255, blank=True, help_text=_("E.g. nationwide, or the province.")
    )
    source = models.CharField(
        _("source"), max_length=32, choices=Source.choices, default=Source.DEPARTMENT
    )
    gazette_number = models.CharField(_("Official Gazette number"), max_length=64, blank=True)
    gazette_date = models.DateField(_("Official Gazette date"), null=True, blank=True)
    national_database_url = models.URLField(_("link in the national legal database"), blank=True)
    consolidated_url = models.URLField(
        _("link to the consolidated text"),
        blank=True,
        help_text=_("The văn bản hợp nhất of this document, e.g. on vbpl.vn."),
    )
    full_text = RichTextField(_("full text"), blank=True)
    validity_override = models.CharField(
        _("validity set by hand"),
        max_length=32,
        choices=Validity.choices,
        blank=True,
        help_text=_(
            "Only when the computed validity is wrong, e.g. a suspension or a partial repeal."
        ),
    )
    validity_override_date = models.DateField(_("validity set from"), null=True, blank=True)
    validity_override_reason = models.CharField(_("reason"), max_length=500, blank=True)
    # The day the first published document replacing or repealing this one takes effect, kept
    # by legal_docs/termination.py so listings compute validity from this row alone.
    terminated_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    # Likewise the suspensions in full and in part (last day inclusive, open while "until
    # decided") and the first day a provision ends (repealed in part or ended in part).
    suspended_from = models.DateField(null=True, blank=True, editable=False)
    suspended_until = models.DateField(null=True, blank=True, editable=False)
    partly_suspended_from = models.DateField(null=True, blank=True, editable=False)
    partly_suspended_until = models.DateField(null=True, blank=True, editable=False)
    partly_ended_on = models.DateField(null=True, blank=True, editable=False)

    search_fields = PortalPage.search_fields + [
        index.SearchField("number_symbol", boost=10),
        index.SearchField("number_key", boost=10),
        index.SearchField("summary", boost=2),
        index.SearchField("full_text"),
        index.SearchField("signer"),
        index.RelatedFields("files", [index.SearchField("extracted_text")]),
        # The registry's fields (Hộ tịch, Chứng thực...): "thông tư chứng thực" finds the
        # circular whose title and summary only give its number.
        index.RelatedFields("fields", [index.SearchField("name")]),
        index.FilterField("issue_date"),
        index.FilterField("effective_date"),
        index.FilterField("document_type"),
        index.FilterField("issuing_authority"),
        index.FilterField("signer"),
        # What the registry's filters and counts read on the engine (legal_docs/registry_search.py).
        index.FilterField("number_key"),
        index.FilterField("field_ids", type="IntegerField"),
        index.FilterField("expiry_date"),
        index.FilterField("terminated_on"),
        index.FilterField("suspended_from"),
        index.FilterField("suspended_until"),
        index.FilterField("partly_suspended_from"),
        index.FilterField("partly_suspended_until"),
        index.FilterField("partly_ended_on"),
        index.FilterField("validity_override"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("number_symbol")]),
                FieldPanel("issuing_authority"),
                FieldRowPanel(
                    [
                        FieldPanel("issue_date"),
                        FieldPanel("effective_date"),
                        FieldPanel("expiry_date"),
                    ]
                ),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_position")]),
                FieldPanel("fields"),
                FieldPanel("scope"),
            ],
            heading=_("Attributes (Art. 5.1a)"),
        ),
        InlinePanel("files", label=_("Files"), min_num=0),
        FieldPanel("full_text"),
        InlinePanel("relations", label=_("Related documents")),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldRowPanel([FieldPanel("gazette_number"), FieldPanel("gazette_date")]),
                FieldPanel("national_database_url"),
                FieldPanel("consolidated_url"),
            ],
            heading=_("Source and synchronisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity_override"),
                FieldRowPanel(
                    [FieldPanel("validity_override_date"), FieldPanel("validity_override_reason")]
                ),
            ],
            heading=_("Validity"),
        ),
    ]

    parent_page_types = ["legal_docs.LegalDocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def clean(self):
        self.clean_attributes()
        super().clean()

    @property
    def import_reference(self):
        return self.number_symbol

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("fields")

    @property
    def field_ids(self):
        return [field.pk for field in self.fields.all()]

    def clean_attributes(self):
        """The registry's own rules, without the tree checks of Page.clean(), so an import can
        validate a record before the page exists."""
        errors = {}
        # The signer is a filter of the registry: one spelling of a name, one option.
        self.signer = " ".join(self.signer.split())
        self.signer_position = " ".join(self.signer_position.split())
        if self.number_symbol:
            if not is_valid_number_symbol(self.number_symbol):
                errors["number_symbol"] = _(
                    "Write the number/symbol as on the document, e.g. 2975/QĐ-UBND or 60/2014/QH13."
                )
            else:
                self.number_symbol = clean_number_symbol(self.number_symbol)
                self.number_key = number_key(self.number_symbol)
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("The effective date cannot be before the issue date.")
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = _("The expiry date cannot be before the effective date.")
        if self.validity_override and not self.validity_override_reason:
            errors["validity_override_reason"] = _(
                "Give the reason for setting the validity by hand."
            )
        if not errors and self.number_key and self.issue_date and self.issuing_authority_id:
            duplicate = (
                LegalDocumentPage.objects.filter(
                    number_key=self.number_key,
                    issuing_authority_id=self.issuing_authority_id,
                    issue_date__year=self.issue_date.year,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if duplicate:
                errors["number_symbol"] = _(
                    "%(authority)s already has a document %(number)s in %(year)d: “%(title)s”."
                ) % {
                    "authority": self.issuing_authority,
                    "number": duplicate.number_symbol,
                    "year": self.issue_date.year,
                    "title": duplicate.title,
                }
        if errors:
            raise ValidationError(errors)
        if self.number_key and self.issue_date:
            # The public URL follows the number and year, e.g. /van-ban/2975-qd-ubnd-2024/;
            # the same number from another authority gets the authority's abbreviation too.
            slug = document_slug(self.number_symbol, self.issue_date.year)
            taken = LegalDocumentPage.objects.exclude(pk=self.pk)
            if taken.filter(slug=slug).exists() and self.issuing_authority_id:
                slug = f"{slug}-{slugify(fold(self.issuing_authority.abbreviation))}"
                if taken.filter(slug=slug).exists():
                    slug = f"{slug}-{self.issuing_authority_id}"
            self.slug = slug

    def with_content_json(self, content):
        # terminated_on belongs to the registry, not to a revision: an old draft must not
        # bring back a date (or its absence) that relations have changed since.
        page = super().with_content_json(content)
        for name in SUMMED_UP:
            setattr(page, name, getattr(self, name))
        return page

    def save(self, *args, **kwargs):
        if self.number_symbol:
            self.number_key = number_key(self.number_symbol)
        return super().save(*args, **kwargs)

    @cached_property
    def validity(self):
        # One query brings the computed validity and the type and authority the page shows.
        annotated = (
            annotate_validity(LegalDocumentPage.objects.filter(pk=self.pk))
            .select_related("document_type", "issuing_authority")
            .only("pk", "document_type", "issuing_authority")
            .first()
        )
        if annotated is None:
            return Validity.NOT_YET_IN_FORCE
        self.document_type, self.issuing_authority = (
            annotated.document_type,
            annotated.issuing_authority,
        )
        return Validity(annotated.validity)

    @cached_property
    def views(self):
        # Set by the registry's route() in the page's own query; this for a preview.
        from legal_docs.usage import with_usage

        return with_usage(LegalDocumentPage.objects.filter(pk=self.pk)).values("views")[0]["views"]

    @cached_property
    def downloads(self):
        from legal_docs.usage import with_usage

        documents = with_usage(LegalDocumentPage.objects.filter(pk=self.pk))
        return documents.values("downloads")[0]["downloads"]

    @cached_property
    def field_list(self):
        """[(pk, name)] of the document's fields, in their order: its attributes table and
        its "same field" list read them from this one query."""
        return list(self.fields.values_list("pk", "name"))

    def related(self):
        """The newest documents of the same fields and of the same authority, each list with
        the registry's filters that show them all: {"field": (documents, [(name, query)]),
        "authority": ..., "registry": its URL}. Each field's and authority's newest are kept
        until content changes and shared by all their documents: a document's page, even
        one nobody opened before, costs no query for them."""
        from legal_docs.usage import TOP

        parent = self.path[: -self.steplen]
        generation = cache.generation()

        def newest(column, pk):
            def build():
                siblings = LegalDocumentPage.objects.live().filter(
                    path__startswith=parent, depth=self.depth
                )
                documents = sites.public(siblings).filter(**{column: pk}).only(*linked_columns())
                documents = documents.order_by("-issue_date", "-pk")[: TOP + 1]
                return [
                    (d.pk, d.get_url(), d.number_symbol, d.summary, d.issue_date) for d in documents
                ]

            key = f"legal_docs:newest:{generation}:{parent}:{column}:{pk}"
            return cache.get_or_build(key, build)

        def first(lists):
            # The newest TOP of all, as SQL orders them (a date never given first), without
            # this document. Each list holds TOP + 1, so this one left out still leaves TOP.
            rows = {row[0]: row for rows in lists for row in rows if row[0] != self.pk}
            order = sorted(
                rows.values(), key=lambda r: (r[4] is None, r[4] or date.min, r[0]), reverse=True
            )
            return [row[1:] for row in order[:TOP]]

        def shown(name, lists, pks):
            # The list and the key of its rendered HTML (the template's {% cache %}): the
            # same for every document of these fields or this authority, unless the
            # document is among their newest and so left out of its own list.
            among = any(row[0] == self.pk for rows in lists for row in rows)
            key = f"{generation}:{parent}:{name}:{pks}:{self.pk if among else ''}"
            return first(lists), key

        fields, authority = self.field_list, self.issuing_authority
        registry = cache.get_or_build(
            f"legal_docs:registry-url:{generation}:{parent}", lambda: self.get_parent().get_url()
        )
        field_lists = [newest("fields", pk) for pk, _name in fields]
        authority_lists = [newest("issuing_authority_id", authority.pk)] if authority else []
        field_rows, field_key = shown("field", field_lists, [pk for pk, _name in fields])
        authority_rows, authority_key = shown(
            "authority", authority_lists, authority.pk if authority else None
        )
        return {
            "registry": registry,
            "field": (field_rows, [(name, f"linh_vuc={pk}") for pk, name in fields], field_key),
            "authority": (
                authority_rows,
                [(authority.name, f"co_quan={authority.pk}")] if authority else [],
                authority_key,
            ),
        }

    # The registry's route() sets these three from its one query (page_rows.py); these
    # queries serve a preview and the admin.
    @cached_property
    def relation_list(self):
        relations = self.relations.select_related("target").only(*linked("target"))
        return visible(relations, "target")

    @cached_property
    def file_list(self):
        return list(self.files.select_related("document").defer("extracted_text"))

    @cached_property
    def incoming_relations(self):
        relations = (
            LegalDocumentRelation.objects.filter(target=self, page__live=True)
            .select_related("page")
            .only(*linked("page"))
            .order_by("page__effective_date", "page__issue_date")
        )
        return visible(relations, "page")

    def relation_rows(self):
        """Both directions, as citizens read them: 'amends X' and 'amended by Y', each relation
        with `effect`, the day it takes effect (its own date, else its source's)."""
        rows = []
        for relation in self.relation_list:
            relation.effect = relation.effective_date or self.effective_date
            rows.append((relation.get_relation_type_display(), relation))
        for relation in self.incoming_relations:
            inverse = relation.as_inverse()
            rows.append((INVERSE_LABELS[RelationType(relation.relation_type)], inverse))
        return rows

    def relation_diagram(self):
        """The lược đồ: [(heading, rows)] grouped as vbpl.vn groups them, each type's two
        directions side by side, only the groups that hold a document."""
        outgoing, incoming = {}, {}
        for label, relation in self.relation_rows():
            side = incoming if relation.incoming else outgoing
            side.setdefault(relation.relation_type, []).append((label, relation))
        groups = []
        for relation_type in RelationType:
            mine, theirs = GROUPS[relation_type]
            if mine == theirs:  # a relation that reads the same both ways: one group
                rows = outgoing.get(relation_type, []) + incoming.get(relation_type, [])
                groups += [(mine, rows)] if rows else []
                continue
            if relation_type in outgoing:
                groups.append((mine, outgoing[relation_type]))
            if relation_type in incoming:
                groups.append((theirs, incoming[relation_type]))
        return groups

    def validity_notes(self, on=None):
        """The suspensions and partial endings in effect on `on` (today), with the provisions
        concerned: what the badge alone cannot say."""
        on = on or today()
        notes = []
        for label, relation in self.relation_rows():
            if not relation.incoming or relation.relation_type not in [*SUSPENDING, *PARTIAL]:
                continue
            if relation.effect is None or relation.effect > on:
                continue
            if (
                relation.relation_type in SUSPENDING
                and relation.end_date
                and relation.end_date < on
            ):
                continue
            notes.append((label, relation))
        return notes

    def validity_history(self):
        events = []
        if self.issue_date:
            events.append((self.issue_date, gettext("Issued")))
        if self.effective_date:
            events.append((self.effective_date, gettext("Takes effect")))
        for label, relation in self.relation_rows():
            if not relation.incoming:
                continue
            values = {"relation": label, "document": relation.target.number_symbol}
            if relation.relation_type in TERMINATING:
                text = gettext("Ceases to be in force: %(relation)s %(document)s") % values
            elif relation.relation_type in [RelationType.AMENDS, *ACTING]:
                text = gettext("%(relation)s %(document)s") % values
            else:
                continue
            if relation.provisions:
                text = f"{text} ({relation.provisions})"
            events.append((relation.effect or relation.target.issue_date, text))
            if relation.relation_type in SUSPENDING and relation.end_date:
                events.append(
                    (
                        relation.end_date,
                        gettext("Last day of the suspension by %s") % values["document"],
                    )
                )
        if self.expiry_date:
            events.append((self.expiry_date, gettext("Expires")))
        if self.validity_override:
            events.append(
                (
                    self.validity_override_date
                    or (self.last_published_at or timezone.now()).date(),
                    "%s: %s"
                    % (self.get_validity_override_display(), self.validity_override_reason),
                )
            )
        return sorted((event for event in events if event[0]), key=lambda event: event[0])

    def get_citation(self, request):
        return gettext(
            "%(type)s No. %(number)s of %(date)s by %(authority)s, %(summary)s, %(url)s"
        ) % {
            "type": self.document_type,
            "number": self.number_symbol,
            "date": self.issue_date.strftime("%d/%m/%Y") if self.issue_date else "",
            "authority": self.issuing_authority,
            "summary": self.summary,
            "url": self.get_full_url(request),
        }

    def json_ld(self, request):
        # "<" escaped so no text in the document can close the surrounding <script>.
        return json.dumps(legislation(self, request), ensure_ascii=False).replace("<", "\\u003c")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["validity"] = self.validity  # first, as it also loads the type and authority
        context["page_json_ld"] = self.json_ld(request)
        context["related"] = self.related()
        return context


# The dates legal_docs/termination.py keeps from the relations acting on a document.
SUMMED_UP = [
    "terminated_on",
    "suspended_from",
    "suspended_until",
    "partly_suspended_from",
    "partly_suspended_until",
    "partly_ended_on",
]


def visible(relations, side):
    """`relations` without those whose document at `side` ("target" or "page") is a draft,
    rejected or private: a link to it would show its number and summary to everyone."""
    private = sites.restricted_paths()
    shown = []
    for relation in relations:
        document = getattr(relation, side) if getattr(relation, f"{side}_id") else None
        if document is None or (document.live and not document.path.startswith(private)):
            shown.append(relation)
    return shown


def linked_columns():
    return ["title", "slug", "path", "depth", "url_path", "number_symbol", "summary", "issue_date"]


def linked(name):
    """The columns a relation and the document at its other end (`name`) show: a page's link,
    number, summary and dates, not its full text (fewer columns to fetch and to compile)."""
    fields = ["title", "slug", "path", "depth", "url_path", "live", "number_symbol", "summary"]
    fields += ["issue_date", "effective_date", "document_type"]
    own = ["relation_type", "sort_order", "page", "target"]
    own += ["external_number", "external_title", "external_url"]
    own += ["effective_date", "end_date", "provisions"]
    return own + [f"{name}__{field}" for field in fields]


class LegalDocumentFile(Orderable):
    page = ParentalKey(LegalDocumentPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(
        _("label"), max_length=255, blank=True, help_text=_("E.g. signed scan, Word version.")
    )
    extracted_text = models.TextField(editable=False, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    def clean(self):
        if self.document_id:
            with self.document.open_file() as handle:
                size = self.document.get_file_size() or 0
                extraction.check_file(self.document.file.name, handle, size)

    def save(self, *args, **kwargs):
        if self.document_id and not self.extracted_text:
            with self.document.open_file() as handle:
                self.extracted_text = extraction.extract_text(
                    self.document.file.name, handle.read()
                )
        super().save(*args, **kwargs)


class LegalDocumentRelation(Orderable):
    page = ParentalKey(LegalDocumentPage, related_name="relations", on_delete=models.CASCADE)
    relation_type = models.CharField(_("relation"), max_length=32, choices=RelationType.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("document in the registry"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming_relation_set",
    )
    external_number = models.CharField(
        _("number/symbol of an outside document"), max_length=100, blank=True
    )
    external_title = models.CharField(_("title of an outside document"), max_length=500, blank=True)
    external_url = models.URLField(_("link to an outside document"), blank=True)
    effective_date = models.DateField(
        _("takes effect on"),
        null=True,
        blank=True,
        help_text=_("Leave blank when it takes effect with this document."),
    )
    end_date = models.DateField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("A suspension's last day; leave blank for “until decided”."),
    )
    provisions = models.CharField(
        _("provisions concerned"),
        max_length=500,
        blank=True,
        help_text=_("For a relation in part, e.g. Điều 5; khoản 2 Điều 7."),
    )

    panels = [
        FieldPanel("relation_type"),
        FieldPanel("target"),
        FieldRowPanel([FieldPanel("external_number"), FieldPanel("external_title")]),
        FieldPanel("external_url"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("end_date")]),
        FieldPanel("provisions"),
    ]

    incoming = False  # seen from its target (as_inverse)

    def clean(self):
        problems = relation_problems(self)
        if problems:
            raise ValidationError(problems)

    def as_inverse(self):
        """The same relation seen from its target: points back at the source page."""
        inverse = LegalDocumentRelation(
            relation_type=self.relation_type,
            target=self.page,
            effective_date=self.effective_date,
            end_date=self.end_date,
            provisions=self.provisions,
        )
        inverse.incoming = True
        inverse.effect = self.effective_date or self.page.effective_date
        return inverse


def relation_problems(relation):
    """{field: message} of what is wrong with a relation, for the admin's form and imports."""
    problems = {}
    if not relation.target_id and not (relation.external_number or relation.external_title):
        problems["target"] = _(
            "Choose a document in the registry, or give the number and title of an outside document."
        )
    if relation.relation_type in PARTIAL and not relation.provisions.strip():
        problems["provisions"] = _(
            "Name the provisions concerned (e.g. Điều 5; khoản 2 Điều 7) of a relation in part."
        )
    if relation.end_date and relation.relation_type not in SUSPENDING:
        problems["end_date"] = _("Only a suspension has a last day.")
    elif (
        relation.end_date
        and relation.effective_date
        and relation.end_date < relation.effective_date
    ):
        problems["end_date"] = _("The suspension cannot end before it takes effect.")
    return problems
