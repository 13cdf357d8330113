"""The one writer of the spreadsheets the portal hands to people (CSV and XLSX: the activity
and yearly reports, the royalty register, and every listing Wagtail exports: the system log,
feedback, royalty entries, Wagtail's own reports).

A cell whose text starts with = + - @ tab or CR is a formula to Excel and LibreOffice: a
search query or a sign-in name typed by a stranger would run, or fetch a link, when the office
opens the file. `neutralise` puts an apostrophe in front of such text (the convention both
programs show as plain text); numbers, dates and empty cells pass unchanged, so a negative
amount stays a number. The exchange format with the national database
(legal_docs/exchange.py) does not pass here: its round trip must stay byte for byte."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.core import wagtail_adapter

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def readable_text(value):
    """Structured data (a log entry's details) as a person reads it: "key: value" lines,
    nested keys joined by " › ", lists by commas; nothing of JSON's quotes and braces."""
    lines = []

    def walk(item, prefix):
        if isinstance(item, dict):
            for key, inner in item.items():
                walk(inner, f"{prefix} › {key}" if prefix else str(key))
        elif isinstance(item, (list, tuple)):
            if all(not isinstance(inner, (dict, list, tuple)) for inner in item):
                lines.append(f"{prefix}: {', '.join(str(plain(inner)) for inner in item)}")
            else:
                for number, inner in enumerate(item, 1):
                    walk(inner, f"{prefix} › {number}")
        else:
            lines.append(f"{prefix}: {plain(item)}" if prefix else str(plain(item)))

    walk(value, "")
    return "\n".join(lines)


def plain(value):
    if isinstance(value, bool):
        return pgettext("spreadsheet", "Yes") if value else pgettext("spreadsheet", "No")
    return "" if value is None else value


def readable(value):
    """A cell as a person reads it: Có/Không for a yes/no, nothing for no value, structured
    data as text; then neutralised."""
    if isinstance(value, (dict, list, tuple)):
        value = readable_text(value)
    return neutralise(plain(value))


# --- XLSX -------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    Decimal: "#,##0.0#",
    date: "dd/mm/yyyy",
    datetime: "dd/mm/yyyy hh:mm",
    int: "#,##0",
}
BOLD = Font(bold=True)


def cell_value(value):
    # Excel keeps no time zone: the local time is what the office reads.
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return readable(value)


class Sheet:
    """Writes rows down a worksheet, keeping its own row count (openpyxl counts every cell
    to find the last row) and the widest text per column."""

    def __init__(self, sheet):
        self.sheet, self.row, self.widths = sheet, 1, {}

    def put(self, values, font=None):
        for column, value in enumerate(values, 1):
            cell = self.sheet.cell(row=self.row, column=column, value=cell_value(value))
            if font:
                cell.font = font
            if type(value) in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[type(value)]
            self.widths[column] = max(self.widths.get(column, 0), len(str(value or "")))
        self.row += 1

    def fit_columns(self):
        for column, width in self.widths.items():
            letter = self.sheet.cell(row=1, column=column).column_letter
            self.sheet.column_dimensions[letter].width = min(max(width + 2, 12), 60)


class Book:
    """A workbook of `Sheet`s, saved as bytes with its columns fitted."""

    def __init__(self, first_title):
        self.workbook = Workbook()
        self.workbook.active.title = first_title[:31]
        self.sheets = [Sheet(self.workbook.active)]

    def add_sheet(self, title):
        self.sheets.append(Sheet(self.workbook.create_sheet(title[:31])))
        return self.sheets[-1]

    def bytes(self):
        for sheet in self.sheets:
            sheet.fit_columns()
        out = BytesIO()
        self.workbook.save(out)
        return out.getvalue()


# --- Wagtail's listings -----------------------------------------------------------------------


def guard_wagtail_exports():
    """Every admin listing and report of Wagtail writes its CSV and XLSX cells through
    `SpreadsheetExportMixin.preprocess_field_value` (documented as the place to change a
    value): wrapped once at start-up so no listing, ours or Wagtail's, can forget it."""
    wagtail_adapter.wrap_spreadsheet_cells(readable)
    wagtail_adapter.replace_listing_xlsx_writer(write_listing_xlsx)


def write_listing_xlsx(view, queryset, output):
    """Wagtail's own XLSX of a listing (SpreadsheetExportMixin.write_xlsx), its sheet named."""
    workbook = Workbook(write_only=True, iso_dates=True)
    worksheet = workbook.create_sheet(title=sheet_title(view))
    worksheet.append(view.get_heading(queryset, field) for field in view.list_export)
    date_format = wagtail_adapter.excel_date_format()
    for item in queryset:
        row = view.to_row_dict(item)
        worksheet.append(view.generate_xlsx_row(worksheet, row, date_format=date_format))
    workbook.save(output)


def sheet_title(view):
    """The name of the sheet of a listing's XLSX: the view's own (`export_sheet_title`), else
    its title, else its model's name; never "Sheet1". Excel allows 31 characters and none
    of []:*?/\\."""
    title = (
        getattr(view, "export_sheet_title", None)
        or getattr(view, "page_title", None)
        or getattr(view, "verbose_name_plural", None)
        or pgettext("spreadsheet", "Data")
    )
    title = "".join(" " if char in "[]:*?/\\" else char for char in str(title))
    return title.strip()[:31] or pgettext("spreadsheet", "Data")
