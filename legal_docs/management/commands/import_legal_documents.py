from django.utils.translation import gettext_lazy as _

from legal_docs.import_command import ImportCommand
from legal_docs.importer import Importer
from legal_docs.models import LegalDocumentIndexPage


class Command(ImportCommand):
    help = "Upsert legal documents from an exchange file (JSON or CSV) into a batch for the board."
    importer_class = Importer
    parent_model = LegalDocumentIndexPage
    no_parent_message = _("Run `manage.py setup_portal` first: the registry page does not exist.")
    waiting_message = _(
        "The new and changed documents wait for the editorial board in the admin: Import batches #%(batch)d."
    )
