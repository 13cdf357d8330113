from django.core.management import call_command


def test_no_missing_migrations(db):
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_an_existing_installs_pages_are_in_the_vietnamese_locale(portal):
    # Wagtail's migrations gave every page the locale of LANGUAGE_CODE long before the
    # English pages (issue #25); turning localisation on moves none of them, and setup_portal
    # adds the English locale beside it.
    from wagtail.models import Locale, Page

    assert Locale.get_default().language_code == "vi"
    assert set(Page.objects.values_list("locale__language_code", flat=True)) == {"vi"}
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}
