"""Every project string has a Vietnamese translation, and the compiled catalogue is current."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_source_string_is_translated(monkeypatch):
    # makemessages merges into the catalogue under the working directory whatever LOCALE_PATHS
    # says: extract the strings as they are in the code now into it, read the result, and put
    # the committed file back.
    committed = PO.read_bytes()
    monkeypatch.chdir(settings.BASE_DIR)
    try:
        call_command(
            "makemessages",
            locale=["vi"],
            no_obsolete=True,
            no_location=True,
            verbosity=0,
            ignore_patterns=[".venv/*", "tests/*", "static/*", ".run/*"],
        )
        extracted = polib.pofile(str(PO))
    finally:
        PO.write_bytes(committed)
    missing = [
        entry.msgid for entry in extracted.untranslated_entries() + extracted.fuzzy_entries()
    ]
    assert missing == [], "Untranslated strings; run `make messages` and translate: %s" % missing


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    compiled = {(entry.msgid, entry.msgstr) for entry in mo if entry.msgid}
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            assert (entry.msgid, entry.msgstr) in compiled, f"Recompile locale/vi: {entry.msgid}"


def test_dates_read_day_month_year():
    import datetime

    with translation.override("vi"):
        assert date_format(datetime.date(2024, 12, 13)) == "13/12/2024"
        assert date_format(datetime.date(2024, 12, 13), "SHORT_DATE_FORMAT") == "13/12/2024"
