from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from consultations.setup import ensure_drafting_permissions
from home.setup import ensure_home
from home.slugs import convert_unicode_slugs
from legal_docs.reference import ensure_taxonomies
from portal.core.roles import BOARD, ensure_groups, remove_wagtail_sample_groups
from portal.demo import load_demo
from portal.sections import ensure_sections
from search.tasks import prepare_engine
from workflow.board import ensure_board_workflow
from workflow.guard import authorised
from workflow.royalties import ensure_genres


class Command(BaseCommand):
    help = "Create the page tree, the groups of the roles and the board's workflow; --demo adds sample content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Also add realistic Vietnamese demo content."
        )

    def handle(self, *args, demo=False, **options):
        # Setup publishes the required sections and the demo as the site's owner would.
        with transaction.atomic(), authorised("setup"):
            self.build(demo)
            # A new engine gets its complete index now, not one guessed from the first page
            # the worker indexes; the rebuild is queued with the pages it will find.
            try:
                prepare_engine()
            except Exception:
                self.stdout.write(
                    _("Search engine not answering: the search worker builds its index later.")
                )

    def build(self, demo):
        home, site = ensure_home()
        ensure_taxonomies()
        sections = ensure_sections(home)
        groups = ensure_groups(home, sections)
        ensure_drafting_permissions(sections)
        remove_wagtail_sample_groups()
        ensure_board_workflow(groups[BOARD])
        ensure_genres()
        convert_unicode_slugs()
        if demo:
            if not load_demo(home, site):
                self.stdout.write(_("The site already has articles: demo content not added."))
        self.stdout.write(
            _("Portal ready: %(pages)d pages, %(groups)d groups.")
            % {"pages": Page.objects.count(), "groups": len(groups)}
        )
