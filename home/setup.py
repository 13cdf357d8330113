"""Idempotent building blocks of `manage.py setup_portal`: each creates what is missing and
leaves whatever already exists, so a second run changes nothing an editor made."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from portal.core import profile
from portal.core.models import PortalSettings


def publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def ensure_child(parent, model, slug, **fields):
    """The child of `parent` with this slug; created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page), True


def ensure_roots():
    """Wagtail's migrations create the locale and the root page and collection; recreate them
    if a `flush` (or a transactional test) emptied the database."""
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    # Every content language (vi, and en for the English pages): Wagtail's migrations make the
    # default one only.
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def ensure_home():
    agency = profile.current()
    root = ensure_roots()
    home = HomePage.objects.order_by("path").first()
    if home is None:
        home, _ = ensure_child(
            root,
            HomePage,
            "trang-chu",
            title="Trang chủ",
            intro=agency.home_intro,
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=settings.PORTAL_DOMAIN,
            port=443,
            root_page=home,
            is_default_site=True,
            site_name=agency.short_name,
        )
    elif site.root_page_id != home.pk and _is_wagtail_welcome_page(site.root_page):
        welcome = site.root_page
        site.root_page = home
        site.save()
        welcome.delete()
    if (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's placeholder site: give it the portal's public address (Art. 2), which
        # canonical URLs and citations are built from.
        site.hostname, site.port = settings.PORTAL_DOMAIN, 443
        site.site_name = agency.short_name
        site.save()
    ensure_settings(site, agency)
    return home, site


def ensure_settings(site, agency):
    """The site's settings; a new one takes the profile's contacts (names and domain are the
    model's defaults, from the profile too). Never overwrites what the admin changed."""
    if PortalSettings.objects.filter(site=site).exists():
        return PortalSettings.for_site(site)
    contacts = {name: value for name, value in agency.contacts.items() if value}
    return PortalSettings.objects.create(site=site, **contacts)


def _is_wagtail_welcome_page(page):
    page_type = ContentType.objects.get_for_model(Page)
    return page.content_type_id == page_type.pk and page.numchild == 0
