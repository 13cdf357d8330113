import os

from .base import *  # noqa: F403

# Tests run against PostgreSQL started by scripts/services/postgres.sh; `make test-fast`
# points DATABASE_URL at SQLite instead.
DATABASES = {
    "default": dj_database_url.config(  # noqa: F405
        default="postgres://portal:portal@127.0.0.1:5432/portal", conn_health_checks=True
    )
}
# Tests set up the database as its owner; the application's role gets its grants there
# (scripts/services/postgres.sh creates both roles).
DATABASE_APP_ROLE = os.environ.get("DATABASE_APP_ROLE", "portal_app")
SECRET_KEY = "test-only-key"
BACKUP_KEY = "test-only-backup-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".run" / "test-media"  # noqa: F405
# The engine's indexes for tests are kept apart from a developer's own.
WAGTAILSEARCH_BACKENDS = search_backends(  # noqa: F405
    DATABASES["default"]["ENGINE"],  # noqa: F405
    "test_" + PROFILE.search_index_prefix,  # noqa: F405
)
# Every page view is written at once, so a test reads it back.
VISITS_FLUSH_SECONDS = 0
# Retries come back at once in tests; the resilience test steps the worker one task at a time.
SEARCH_RETRY_SECONDS = 0
SUBSCRIPTION_RETRY_SECONDS = 0
