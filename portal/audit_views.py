"""The directors' "Nhật ký hệ thống": every log entry (pages, snippets, accounts, sign-ins,
settings, exports, backups), filtered by person, action, object and date, exported to CSV or
XLSX with comments and details. Wagtail's site history shows each user only the entries of
what they may edit; directors edit nothing but answer for everything, so this view shows all
entries to holders of `portal.view_auditlog`."""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry

PERMISSION = "portal.view_auditlog"


def display_time(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")


def all_entries():
    return [model.objects.all() for model in log_action_registry.get_log_entry_models()]


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = set()
        for entries in all_entries():
            used |= set(entries.get_content_type_ids())
        self.filters["object_type"].queryset = ContentType.objects.filter(pk__in=used)

    def get_action_choices(self):
        return log_action_registry.get_choices()

    def get_users_queryset(self):
        ids = set()
        for entries in all_entries():
            ids |= set(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class AuditLogView(LogEntriesView):
    page_title = _("System log")
    filterset_class = AuditLogFilterSet
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    export_headings = {
        "object_id": _("ID"),
        "label": _("Object"),
        "content_type": _("Object type"),
        "action": _("Action"),
        "user_display_name": _("Done by"),
        "timestamp": _("Time"),
        "comment": _("Comment"),
        "details": _("Details"),
    }
    list_export = [*LogEntriesView.list_export, "comment", "details"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        local_time = {fmt: display_time for fmt in (self.FORMAT_CSV, self.FORMAT_XLSX)}
        self.custom_field_preprocess["timestamp"] = local_time

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return super().get_filename().replace("audit-log", "nhat-ky-he-thong")

    def get_filtered_queryset(self):
        # Wagtail's own, on every entry rather than those the user may edit.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, model in enumerate(self.log_models):
            entries = self.filter_queryset(
                model.objects.values("pk", "timestamp").annotate(
                    log_model_index=Value(index, output_field=IntegerField())
                )
            ).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")

    def to_row_dict(self, item):
        item.details = json.dumps(item.data, ensure_ascii=False, sort_keys=True, default=str)
        return super().to_row_dict(item)
