from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalDocsConfig(AppConfig):
    name = "legal_docs"
    verbose_name = _("Legal documents")
