import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs.models import LegalDocumentIndexPage
from legal_docs.synthetic import generate


class Command(BaseCommand):
    help = (
        "Add N synthetic published legal documents for benchmarks. They bypass moderation and "
        "the search index (run update_index to search them); never run it on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        registry = LegalDocumentIndexPage.objects.first()
        if registry is None:
            raise CommandError(
                _("Run `manage.py setup_portal` first: the registry page does not exist.")
            )
        started = time.perf_counter()
        created = generate(registry, count, seed=seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            _("%(count)d documents generated in %(seconds).1f s.")
            % {"count": created, "seconds": elapsed}
        )
