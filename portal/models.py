"""Django loads the portal app's models from this module. They are defined in the foundation
(portal/core/models.py), which every app may import; this module only names them."""

from portal.core.models import (
    AuditLog,
    DailyDownloads,
    DailyVisits,
    Holiday,
    MaintenanceWindow,
    PortalSettings,
    Role,
)

__all__ = [
    "AuditLog",
    "DailyDownloads",
    "DailyVisits",
    "Holiday",
    "MaintenanceWindow",
    "PortalSettings",
    "Role",
]
