import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PORTAL_DOMAIN, SECRET_KEY, env_bool, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY chưa được đặt: hãy khai báo biến môi trường SECRET_KEY "
        "(một chuỗi ngẫu nhiên dài, giữ bí mật) trước khi chạy ở môi trường production."
    )

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", PORTAL_DOMAIN)
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# HTTPS is terminated by the reverse proxy in front of the application server.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# gunicorn listens on 127.0.0.1 (docs/operations.md), so its only peer is the proxy on the same machine.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1")
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo stops the start, not the lockout
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# No other site may frame this one; the admin's preview frames its own pages, which
# Wagtail's preview view allows itself, and CSP's frame-ancestors 'self' governs browsers.
X_FRAME_OPTIONS = "DENY"
# Lets the domain be submitted to the browsers' HTTPS preload list (a separate step).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# The application server serves its own static files; no separate web server to configure.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# Shared by every application process on the server, so a publish seen by one is seen by all
# (portal/core/cache.py, portal/page_cache.py): Redis, with `maxmemory` and `allkeys-lru` set so
# old pages make room for new ones.
CACHES = {
    **CACHES,  # noqa: F405
    "default": {
        "BACKEND": "portal.cache.PortalRedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "KEY_PREFIX": PROFILE.cache_key_prefix,  # noqa: F405
        # An unreachable Redis holds a request half a second, then the site runs without it
        # for a few seconds (portal/cache.py), rather than waiting on every call.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    },
}

# Operators, the board and directors give a second factor (TWO_FACTOR_REQUIRED=0 turns it off).
TWO_FACTOR_GROUPS = TWO_FACTOR_ROLES if env_bool("TWO_FACTOR_REQUIRED", True) else []  # noqa: F405
