from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal import reports
from portal.core.audit import record


class Command(BaseCommand):
    help = "Write the yearly report of Art. 7.1 as an XLSX workbook, and optionally as HTML."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", type=Path, help="The workbook; bao-cao-nam-YEAR.xlsx.")
        parser.add_argument("--html", type=Path, help="Also write the printable page here.")

    def handle(self, *args, year, output, html, **options):
        if not 2000 <= year <= timezone.localdate().year:
            raise CommandError(
                _("Give a year between 2000 and %(this)d, for example %(this)d.")
                % {"this": timezone.localdate().year}
            )
        start, end = reports.year_bounds(year)
        parts = reports.activity_report(start, end)
        output = output or Path(reports.filename(start, end))
        try:
            output.write_bytes(reports.workbook(start, end, parts))
            if html:
                context = reports.printable(start, end, parts)
                html.write_text(render_to_string("portal/report_print.html", context), "utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": error.filename, "error": error}
            ) from None
        record(
            "portal.export",
            label=reports.title(start, end),
            data={"what": "annual report", "format": "xlsx", "file": str(output)},
            about=Site,
        )
        self.stdout.write(
            _("Annual report %(year)d written to %(file)s.") % {"year": year, "file": output}
        )
