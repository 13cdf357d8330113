from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core import cache


class Taxonomy(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other ways exchange files write this name, one per line. Marks, case and "
            "abbreviations such as UBND are matched already."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class DocumentType(Taxonomy):
    """Hình thức văn bản: Luật, Nghị định, Quyết định, ..."""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, help_text=_("E.g. NĐ, QĐ, TT.")
    )
    is_normative = models.BooleanField(
        _("normative"),
        default=False,
        help_text=_("Normative documents must stay in sync with the national legal database."),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class IssuingAuthority(Taxonomy):
    """Cơ quan ban hành."""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, help_text=_("E.g. UBND, CP, BTP.")
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")


class LegalField(Taxonomy):
    """Lĩnh vực: hộ tịch, chứng thực, trợ giúp pháp lý, ..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


def by_pk():
    """{model: {pk: row}} of the three taxonomies, the same objects for every request of this
    process until content changes (saving or deleting one moves the content generation,
    portal/apps.py): a document's page takes its type, authority and fields from here
    instead of joining their tables. A few hundred rows in all. Callers must not change them."""

    def build():
        models_ = (DocumentType, IssuingAuthority, LegalField)
        return {model: {row.pk: row for row in model.objects.all()} for model in models_}

    return cache.get_or_build_object("legal_docs:taxonomies", cache.generation(), build)
