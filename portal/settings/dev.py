import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A fixed key is fine on a developer's machine only; production refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
BACKUP_KEY = os.environ.get("BACKUP_KEY", "dev-only-backup-key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# `make run` runs no worker: subscription mails go out (to the console) in the request.
TASKS = {  # noqa: F405
    **TASKS,  # noqa: F405
    "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["mail"]},
}
