"""Shared test helpers: running setup_portal quietly, fetching a public page as a citizen
does, reading a document's validity, a Content-Security-Policy's directives, running an
import command. Content is made by tests/builders.py, the admin's forms are in
tests/admin_forms.py, the search engine's upkeep in tests/search_engine.py."""

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
