"""Shared test helpers: running setup_portal quietly, fetching a public page as a citizen
does, reading a document's validity, a Content-Security-Policy's directives, running an
import command, serving what a module builds once to its browser tests. Content is made by
tests/builders.py, the admin's forms are in tests/admin_forms.py, the search engine's upkeep
in tests/search_engine.py."""

import os

from django.core.management import call_command

from legal_docs.models import LegalDocumentPage, annotate_validity


def setup_portal(**options):
    with open(os.devnull, "w") as devnull:
        call_command("setup_portal", stdout=devnull, **options)


def html(client, url):
    """The page as a citizen gets it; fails unless it answers 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def validity_of(page, on=None):
    return annotate_validity(LegalDocumentPage.objects.filter(pk=page.pk), on=on).get().validity


def csp_directives(policy):
    """{directive: [sources]} of a Content-Security-Policy header, in any order."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def run_command(name, path, capsys, *args):
    """(exit code, output) of an import command run on `path` as the system account."""
    from legal_docs.importer import system_account

    code = 0
    try:
        call_command(name, str(path), "--user", system_account().username, *args)
    except SystemExit as exit:
        code = exit.code
    return code, capsys.readouterr().out


def unreadable_dump(archive, broken):
    """A copy of the backup `archive` at `broken` whose database dump is cut in half but whose
    manifest matches it, re-signed (as only a holder of the key can): the archive passes its
    checks and PostgreSQL cannot restore the dump."""
    import hashlib
    import io
    import json
    import tarfile

    from portal import backup

    with tarfile.open(archive) as original, tarfile.open(broken, "w:gz") as copy:
        dump = original.extractfile("database.pgdump").read()
        half = dump[: len(dump) // 2]
        manifest = json.load(original.extractfile("manifest.json"))
        manifest["files"]["database.pgdump"] = hashlib.sha256(half).hexdigest()
        signed = json.dumps(manifest).encode()
        replaced = {
            "database.pgdump": half,
            "manifest.json": signed,
            "manifest.hmac": backup.sign(signed).encode(),
        }
        for member in original.getmembers():
            data = replaced.get(member.name) or original.extractfile(member).read()
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return broken


def portal_as_set_up():
    """The site as `setup_portal` (without --demo) leaves it, every table else empty, in fresh
    engine indexes: what each test starts from (tests/conftest.py django_db_setup)."""
    from django_tasks_db.models import DBTaskResult

    setup_portal()
    # Fresh indexes built with the Vietnamese analysis, then everything in them.
    with open(os.devnull, "w") as devnull:
        call_command("update_index", stdout=devnull)
    # update_index did what the queued updates of the setup would: none is left waiting.
    DBTaskResult.objects.all().delete()


def served(django_db_blocker, build):
    """The URL of a live server of its own on what `build()` makes, committed and known to the
    engine, for a module whose browser tests change nothing another reads: built once, where
    pytest-django's live_server would flush it after each test (the demo takes about 35 s).
    Its tests are marked django_db without transaction, so the server's threads see what is
    committed here and each test's own rows are rolled back. Afterwards the database is
    emptied and set up again, as the next module expects it."""
    from django.db import connections
    from pytest_django.live_server_helper import LiveServer

    from tests.search_engine import refresh_engine, run_search_worker

    with django_db_blocker.unblock():
        build()
        run_search_worker()
        refresh_engine()
        server = LiveServer("localhost")
        try:
            yield server.url
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            portal_as_set_up()
            # With Playwright's loop running, Django keeps this thread's connections apart
            # (asgiref's Local); nothing would close this one once the browser is gone.
            connections.close_all()
