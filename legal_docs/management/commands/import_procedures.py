from django.utils.translation import gettext_lazy as _

from legal_docs.import_command import ImportCommand
from legal_docs.models import ProcedureIndexPage
from legal_docs.procedure_import import LOAD_OPTIONS, ProcedureImporter


class Command(ImportCommand):
    help = "Upsert administrative procedures from an exchange file (JSON or CSV) into a batch for the board."
    importer_class = ProcedureImporter
    parent_model = ProcedureIndexPage
    load_options = LOAD_OPTIONS
    no_parent_message = _("Run `manage.py setup_portal` first: the procedures page does not exist.")
    waiting_message = _(
        "The new and changed procedures wait for the editorial board in the admin: Import batches #%(batch)d."
    )
