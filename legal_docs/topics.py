"""The registry's topics a citizen can follow by email (portal/core/topics.py): new or
changed legal documents of a field, a type or an issuing authority, or of a registry search
saved from /van-ban/ (its filter query string, checked by the registry's FilterForm).
Registered in LegalDocsConfig.ready()."""

import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    annotate_validity,
)
from portal.core.text import fold
from portal.core.topics import TopicKind

WORD = re.compile(r"\w+")


def registry_path():
    registry = LegalDocumentIndexPage.objects.live().first()
    return registry.url if registry else ""


class TaxonomyKind(TopicKind):
    """Documents of one value of a taxonomy; the value is its id."""

    page_models = (LegalDocumentPage,)
    model = None
    filter_name = ""  # the registry filter's URL name, for the link

    def options(self):
        return [(str(pk), name) for pk, name in self.model.objects.values_list("pk", "name")]

    def describe(self, value):
        name = self.model.objects.filter(pk=value).values_list("name", flat=True).first()
        return f"{self.label}: {name or gettext('(removed)')}"

    def link(self, value):
        return f"{registry_path()}?{urlencode({self.filter_name: value})}"

    def values_of(self, page):
        raise NotImplementedError

    def matching(self, page, values):
        return {value for value in values if value in self.values_of(page)}


class FieldKind(TaxonomyKind):
    key = "legal_field"
    label = pgettext_lazy("subject area", "Field")
    model = LegalField
    filter_name = "linh_vuc"

    def values_of(self, page):
        return {str(pk) for pk in page.fields.values_list("pk", flat=True)}


class DocumentTypeKind(TaxonomyKind):
    key = "document_type"
    label = _("Document type")
    model = DocumentType
    filter_name = "loai"

    def values_of(self, page):
        return {str(page.document_type_id)}


class AuthorityKind(TaxonomyKind):
    key = "issuing_authority"
    label = _("Issuing authority")
    model = IssuingAuthority
    filter_name = "co_quan"

    def values_of(self, page):
        return {str(page.issuing_authority_id)}


class RegistrySearchKind(TopicKind):
    """A search saved from the registry: its filters (and words), as the registry's query
    string. "" is every document of the registry."""

    key = "registry_search"
    label = _("Registry search")
    page_models = (LegalDocumentPage,)
    # What a saved search keeps: the filters, not the order or the page.
    IGNORED = {"sap_xep", "page"}

    def form(self, value):
        from legal_docs.listing import FilterForm  # the listing imports the models

        data = QueryDict(value)
        return FilterForm({k: v for k, v in data.items() if k not in self.IGNORED and v})

    def clean(self, value):
        form = self.form(value or "")
        if not form.is_valid():
            errors = [str(error) for errors in form.errors.values() for error in errors]
            raise ValidationError(
                gettext("This registry search cannot be saved: %(errors)s")
                % {"errors": " ".join(errors)}
            )
        kept = {name: form.data[name] for name in sorted(form.data)}
        return urlencode(kept)

    def describe(self, value):
        form = self.form(value)
        if not form.is_valid() or not form.data:
            return gettext("Every legal document")
        names = {
            "loai": DocumentType,
            "co_quan": IssuingAuthority,
            "linh_vuc": LegalField,
        }
        parts = []
        for name, raw in form.data.items():
            shown = raw
            if name in names:
                shown = names[name].objects.filter(pk=raw).values_list("name", flat=True).first()
            parts.append(f"{form.fields[name].label}: {shown}")
        return f"{self.label}: " + "; ".join(parts)

    def link(self, value):
        return f"{registry_path()}?{value}" if value else registry_path()

    def options(self):
        return [("", gettext("Every legal document"))]

    def matching(self, page, values):
        from legal_docs.listing import apply_filters

        found = set()
        for value in values:
            form = self.form(value)
            if not form.is_valid():
                continue  # a taxonomy removed since: the search finds nothing
            data = form.filters()
            one = annotate_validity(LegalDocumentPage.objects.filter(pk=page.pk))
            if not apply_filters(one, data).exists():
                continue
            # Words: each one, marks and case aside, in the number, title or summary (the
            # engine's ranking does not decide whether one document is news to someone).
            text = set(WORD.findall(fold(f"{page.number_symbol} {page.title} {page.summary}")))
            if all(word in text for word in WORD.findall(fold(data.get("words") or ""))):
                found.add(value)
        return found
