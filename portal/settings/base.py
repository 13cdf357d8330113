"""Settings shared by every environment. Everything deployment-specific comes from the
environment so one build runs on a laptop, in CI and at the agency's domain; what differs from
one agency to the next comes from its profile (profiles/, PORTAL_PROFILE)."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from portal.core import profile

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Reverse proxies whose X-Forwarded-For is believed (portal/core/addresses.py): addresses or
# networks, e.g. "127.0.0.1,10.0.0.0/24". Empty: the peer's own address is the client's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo stops the start, not the lockout

# The agency the portal publishes for: a file in profiles/ (portal/core/profile.py).
PORTAL_PROFILE = os.environ.get("PORTAL_PROFILE", profile.DEFAULT)
PROFILE = profile.load(PORTAL_PROFILE)

# The public address of the portal (Art. 2 of the regulation). Used for canonical URLs,
# citations and links in emails.
PORTAL_DOMAIN = os.environ.get("PORTAL_DOMAIN", PROFILE.domain)
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", f"https://{PORTAL_DOMAIN}")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

INSTALLED_APPS = [
    "portal",
    "home",
    "legal_docs",
    "workflow",
    "search",
    "information_requests",
    "subscriptions",
    "consultations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.apps.UsersConfig",  # wagtail.users, with the reason for suspensions
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.page_cache.PageCacheMiddleware",  # first, so a hit costs next to nothing
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.core.sites.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.security.AdminSessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.SecondFactorMiddleware",
    "portal.core.audit.ExportLogMiddleware",
    "portal.maintenance.MaintenanceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.views.SiteNotFoundMiddleware",  # with DEBUG on only: the site's own 404
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# "default" is shared by every process in production (Redis); "local" is each process's own
# memory, in front of it for keys that carry the content generation (portal/core/cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Whole public pages for anonymous visitors (portal/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The front-end cache (Varnish, deploy/varnish/portal.vcl; docs/operations.md): the address of
# each, which the application sends a BAN to on every change (portal/core/front_cache.py), e.g.
# "http://127.0.0.1:6081". Empty: no front-end cache. Its pages are kept this long at most.
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS")
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300"))

# Page views are counted in each process and written this often (portal/visits.py).
VISITS_FLUSH_SECONDS = int(os.environ.get("VISITS_FLUSH_SECONDS", "2"))

# Content-Security-Policy (django-csp, portal/security.py): the public site runs only its own
# scripts and styles; Wagtail's admin still needs inline ones.
SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # the admin's preview shows public pages in a frame
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
    }
}

# Sign-in: django-axes counts failed sign-ins and locks for a while (logged, and
# mailed to the operators: portal/security.py); then Django's own check of the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# One account from one address: AXES_FAILURE_LIMIT failures lock only that pair, so a
# stranger cannot lock an account out for its owner. One account from any address: a higher
# limit stops guesses spread over many addresses. One address, any account: stops one
# address trying many accounts (set it above the number of staff behind one shared address).
# Addresses come from portal.core.addresses (TRUSTED_PROXIES). An operator lifts a lock early
# with `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "30"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
# In this order: portal.security.LockoutHandler pairs each with its limit above.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "portal.security.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "portal.core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Wrong passwords on a password-protected page or document from one address before its form
# pauses (portal/views.py), and for how long; password-reset mails (portal/forms.py) per
# address and per account within PASSWORD_RESET_MINUTES.
PASSWORD_FORM_GUESSES = int(os.environ.get("PASSWORD_FORM_GUESSES", "10"))
PASSWORD_FORM_MINUTES = int(os.environ.get("PASSWORD_FORM_MINUTES", "15"))
PASSWORD_RESETS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "5"))
PASSWORD_RESETS_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESETS_PER_ACCOUNT", "2"))
PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", "60"))

# Groups whose members must give a TOTP code after their password (portal/two_factor.py).
# On in production; off by default elsewhere so `make run`'s demo accounts sign in at once.
# Role codes (portal/core/roles.py), not group names.
TWO_FACTOR_ROLES = ["operators", "board", "directors"]
TWO_FACTOR_GROUPS = TWO_FACTOR_ROLES if env_bool("TWO_FACTOR_REQUIRED") else []
OTP_TOTP_ISSUER = PROFILE.short_name

# Admin sessions end after ADMIN_IDLE_MINUTES without a request, and in any case
# SESSION_COOKIE_AGE after signing in (a browser left open overnight is signed out).
ADMIN_IDLE_MINUTES = int(os.environ.get("ADMIN_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("ADMIN_SESSION_HOURS", "10")) * 3600

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.context",
                "portal.maintenance.context",
            ],
        },
    },
]

# SQLite by default so `make run` needs nothing installed; PostgreSQL through DATABASE_URL.
# A connection kept between requests is checked before reuse: after a database restart the
# next request opens a new one instead of answering 500.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# The application's own PostgreSQL role (web processes, db_worker), which owns nothing:
# migrate and restore, run as the owner, grant it what it needs (portal/db_roles.py).
DATABASE_APP_ROLE = os.environ.get("DATABASE_APP_ROLE", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.VietnamesePatternValidator"},
]

# Vietnamese site, Vietnamese admin; English source strings translated in locale/vi.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own Vietnamese formats spell dates out in words; the regulation's dd/mm/yyyy
# lives in portal/formats/vi.
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on an S3-compatible object store (the province's MinIO or Ceph) shared by every node,
# when a bucket is named; MEDIA_ROOT is then unused. Private objects, never overwritten,
# served through the application only (portal/storage.py, docs/deployment.md "Media").
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "portal.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_KEY", ""),
            "region_name": os.environ.get("MEDIA_S3_REGION", "us-east-1"),
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: console locally, SMTP from the environment elsewhere.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"no-reply@{PORTAL_DOMAIN}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = PROFILE.short_name
# Wagtail's own localisation, for the English pages at /en/ (issue #25): the introduction,
# functions, organisation and contacts translated from the Vietnamese pages with Wagtail's
# "Translate" action (wagtail.contrib.simple_translation), each through the board's workflow.
# No i18n_patterns and no LocaleMiddleware: every other address and the interface stay
# Vietnamese; HomePage.route serves the English tree at /en/ (home/models/pages.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Decree 42/2022/ND-CP (as we read it, docs/operations.md) asks a state agency's site for an
# English version of its introduction; off hides the /en/ pages and the language switch.
PORTAL_ENGLISH_PAGES = env_bool("PORTAL_ENGLISH_PAGES", True)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's JavaScript fills the slug from the title; its transliteration knows no
# Vietnamese (it drops "đ" or writes "dj"), so it keeps the letters and the server folds
# them to plain ones (đ as d) for every page however it is made: PortalPage.plain_slug.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No avatar from gravatar.com: it would tell a third party who uses the admin, and the
# admin's Content-Security-Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.forms.ImageForm"
# Checked by portal/core/uploads.py, by name and by content, with one message in Vietnamese
# (not WAGTAILDOCS_EXTENSIONS, whose check would add a second, English one).
DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "rtf", "txt", "zip"]
DOCUMENT_EXTENSIONS += ["mp3", "m4a", "ogg", "wav", "mp4", "webm"]  # audio and video
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
MEDIA_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # audio and video
# Wagtail's own check knows one limit for every file: the larger; portal/core/uploads.py holds
# each kind to its own (the reverse proxy's client_max_body_size must allow it too).
WAGTAILDOCS_MAX_UPLOAD_SIZE = MEDIA_MAX_UPLOAD_SIZE
# Through the application, never straight from the media folder (permissions, collections),
# always as a download, with Wagtail's "default-src 'none'" policy on the response.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.DocumentForm"
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.forms.PasswordResetForm"
# clamd to scan every upload: "tcp:127.0.0.1:3310" or "unix:/run/clamav/clamd.ctl".
CLAMAV_ADDRESS = os.environ.get("CLAMAV_ADDRESS", "")

# Moderation (workflow/guard.py): the board's approval is the one way a page goes live, and
# a scheduled page keeps its approved go-live time.
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflow.guard.publish_approved"
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Holidays are dated rows the office keeps in the admin (portal.Holiday, read by
# portal/core/working_days.py). The old PORTAL_HOLIDAYS variable (dd/mm) is read only once,
# by migration portal 0012, which turns it into rows for that year and the next.

# Information requests (information_requests/, Law on Access to Information 2016 Art. 28,
# Decree 13/2018): the periods in working days, as we read the law today; the office checks
# them (docs/operations.md).
INFORMATION_REQUEST_WORKING_DAYS = int(os.environ.get("INFORMATION_REQUEST_WORKING_DAYS", "10"))
INFORMATION_REQUEST_EXTENSION_WORKING_DAYS = int(
    os.environ.get("INFORMATION_REQUEST_EXTENSION_WORKING_DAYS", "15")
)
# Drafts for comment (consultations/): the shortest comment period a draft may be posted for,
# in days, as we read the Law on Promulgation of Legal Documents 64/2025/QH15 today (the 2015
# law asked 60 days for central and 30 for provincial drafts); the office checks it
# (docs/operations.md).
DRAFT_COMMENT_MIN_DAYS = int(os.environ.get("DRAFT_COMMENT_MIN_DAYS", "20"))

# Search (search/backends): the database backend is the embedded default and always kept
# up to date, so public search can fall back on it; SEARCH_URL adds the engine as "default".
# SEARCH_ENGINE picks the client: opensearch2 (what scripts/services/opensearch.sh runs),
# opensearch3, elasticsearch8 or elasticsearch9. A cluster: every node's URL, separated by
# commas (the client sends each request to the next node that answers), and SEARCH_REPLICAS
# copies of each index besides its own (1 on three nodes keeps every document on two of them;
# 0 on one node, which cannot hold a copy of its own indexes) (docs/deployment.md).
SEARCH_URL = os.environ.get("SEARCH_URL") or os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch2")
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))


def search_backends(database_engine, index_prefix=PROFILE.search_index_prefix):
    database = {
        "BACKEND": "search.backends.postgres"
        if database_engine.endswith("postgresql")
        else "search.backends.sqlite"
    }
    backends = {"default": database, "database": database}
    if SEARCH_URL:
        backends["default"] = {
            "BACKEND": f"search.backends.{SEARCH_ENGINE}",
            "URLS": [url.strip() for url in SEARCH_URL.split(",") if url.strip()],
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": SEARCH_REPLICAS}}},
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", index_prefix),
            "TIMEOUT": 5,
            # Updates go through the search queue (search/tasks.py), never the request.
            "AUTO_UPDATE": False,
        }
    return backends


WAGTAILSEARCH_BACKENDS = search_backends(DATABASES["default"]["ENGINE"])
# Daily query counts feed the yearly report (Art. 7.1): searchpromotions_garbage_collect
# keeps two years of them, not Wagtail's default week.
WAGTAILSEARCH_HITS_MAX_AGE = 730

# Background tasks: Wagtail's own (database search index, references) run in the request;
# search-engine updates wait on a database queue for `manage.py db_worker --backend search`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "search": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["search"]},
    # Subscription mails: `manage.py db_worker --backend mail --queue-name mail`.
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}
SEARCH_RETRY_SECONDS = int(os.environ.get("SEARCH_RETRY_SECONDS", "15"))
# A subscription mail the SMTP server refused is tried again after this, doubling each time
# (at most 6 hours), six times in all (subscriptions/tasks.py).
SUBSCRIPTION_RETRY_SECONDS = int(os.environ.get("SUBSCRIPTION_RETRY_SECONDS", "60"))
# manage.py backup: where archives go and how many stay (newest per day, per month).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_MONTHLY = int(os.environ.get("BACKUP_KEEP_MONTHLY", "12"))
# Signs each archive's manifest (HMAC-SHA256); restore refuses an archive it did not sign.
# Kept in the environment and, separately from the archives, in the operators' safe.
BACKUP_KEY = os.environ.get("BACKUP_KEY", "")
# Optional: archives are then encrypted as a whole (AES-256 through openssl, .tar.gz.enc).
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
# /healthz reports the search queue as behind when an update due has waited longer.
HEALTH_MAX_QUEUE_LAG_SECONDS = int(os.environ.get("HEALTH_MAX_QUEUE_LAG_SECONDS", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task is noise; failures still show as warnings.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
