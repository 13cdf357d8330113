from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.feeds import SectionAtomFeed, SectionFeed
from home.sitemap import SITEMAPS, robots
from portal.views import (
    document_password,
    healthz,
    page_password,
    serve_document,
    serve_image,
    visit_beacon,
)
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms, throttled (portal/views.py); same paths and names.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    # Ahead of Wagtail's own, same address: downloads without a bogus header (portal/views.py).
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>(?:images|original_images)/.+)$", serve_image),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/goi-y/", search_views.autocomplete, name="search_autocomplete"),
    path("nhan-tin/", include("subscriptions.urls")),
    path("healthz", healthz, name="healthz"),
    path("luot-xem/<int:page_id>.gif", visit_beacon, name="visit_beacon"),
    path("feeds/<slug:slug>.rss", SectionFeed(), name="feed_rss"),
    path("feeds/<slug:slug>.atom", SectionAtomFeed(), name="feed_atom"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots, name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else from the page tree; this must stay last.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]
