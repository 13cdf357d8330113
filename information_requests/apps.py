from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationRequestsConfig(AppConfig):
    name = "information_requests"
    verbose_name = _("Information requests")
