from django.core.management import call_command


def test_no_missing_migrations(db):
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
