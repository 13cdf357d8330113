"""The directors' "Nhật ký hệ thống": every log entry (pages, snippets, accounts, sign-ins,
settings, exports, backups), filtered by person, action, object and date, exported to CSV or
XLSX with comments and details. Wagtail's site history shows each user only the entries of
what they may edit; directors edit nothing but answer for everything, so this view shows all
entries to holders of `portal.view_auditlog`.

Written for a director, not a developer: the draft saves of one editing session (Wagtail
autosaves every few seconds) are one row, "Đã lưu bản nháp (×7, 09:12–09:40)"; the action
filter offers what people look for ("Từ chối") and maps each to the action codes behind it;
a rejection shows its ground in a column of its own; times are dates, not "9 phút trước"."""

from datetime import timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, IntegerField, OuterRef, Subquery, Value
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry

from portal.core.spreadsheets import readable_text

PERMISSION = "portal.view_auditlog"
DRAFT = "wagtail.edit"
# Two draft saves of one person on one object this close together belong to one session.
SESSION_GAP = timedelta(minutes=15)

# The action filter: what a director looks for, and the action codes it covers. Codes in no
# group are offered on their own after these, under Wagtail's label.
ACTION_GROUPS = {
    "tao-moi": (
        pgettext_lazy("log filter", "Created"),
        ["wagtail.create", "wagtail.copy", "wagtail.create_alias", "wagtail.copy_for_translation"],
    ),
    "sua": (
        pgettext_lazy("log filter", "Edited, draft saved"),
        [DRAFT, "wagtail.revert", "wagtail.rename", "wagtail.move", "wagtail.reorder"],
    ),
    "gui-duyet": (
        pgettext_lazy("log filter", "Submitted for review"),
        ["wagtail.workflow.start", "wagtail.workflow.resume"],
    ),
    "duyet": (
        pgettext_lazy("log filter", "Approved"),
        [
            "wagtail.workflow.approve",
            "wagtail.moderation.approve",
            "workflow.confirm_force_publish",
            "legal_docs.approve_batch",
        ],
    ),
    "tu-choi": (
        pgettext_lazy("log filter", "Rejected"),
        ["wagtail.workflow.reject", "wagtail.moderation.reject", "legal_docs.reject_batch"],
    ),
    "huy-duyet": (pgettext_lazy("log filter", "Review cancelled"), ["wagtail.workflow.cancel"]),
    "xuat-ban": (
        pgettext_lazy("log filter", "Published"),
        [
            "wagtail.publish",
            "wagtail.publish.scheduled",
            "wagtail.publish.schedule",
            "wagtail.schedule.cancel",
            "workflow.force_publish",
        ],
    ),
    "ngung-xuat-ban": (
        pgettext_lazy("log filter", "Unpublished"),
        ["wagtail.unpublish", "wagtail.unpublish.scheduled", "workflow.unpublish"],
    ),
    "xoa": (pgettext_lazy("log filter", "Deleted"), ["wagtail.delete"]),
    "dang-nhap": (
        pgettext_lazy("log filter", "Sign-ins and sign-outs"),
        [
            "portal.login",
            "portal.logout",
            "portal.login_failed",
            "portal.lockout",
            "portal.second_factor",
            "portal.second_factor_failed",
        ],
    ),
    "tai-khoan": (
        pgettext_lazy("log filter", "Accounts and permissions"),
        [
            "portal.user_create",
            "portal.user_suspend",
            "portal.user_reactivate",
            "portal.password_change",
            "portal.password_reset",
            "portal.second_factor_setup",
            "portal.second_factor_reset",
            "portal.groups_change",
            "portal.permissions_change",
        ],
    ),
    "cai-dat": (pgettext_lazy("log filter", "Site settings"), ["portal.settings_change"]),
    "xuat-du-lieu": (
        pgettext_lazy("log filter", "Exports, backups and imports"),
        ["portal.export", "portal.backup", "portal.restore", "legal_docs.import_batch"],
    ),
}


def display_time(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def all_entries():
    return [model.objects.all() for model in log_action_registry.get_log_entry_models()]


def action_choices(every_code=False):
    """The groups, then the codes in none; with every_code, all codes too (an address or an
    export's filters naming one code, "portal.login_failed", still works)."""
    grouped = {code for _label, codes in ACTION_GROUPS.values() for code in codes}
    choices = [(key, label) for key, (label, _codes) in ACTION_GROUPS.items()]
    return choices + [
        (code, label)
        for code, label in log_action_registry.get_choices()
        if every_code or code not in grouped
    ]


def action_codes(chosen):
    codes = []
    for value in chosen:
        codes += ACTION_GROUPS[value][1] if value in ACTION_GROUPS else [value]
    return codes


def object_fields(model):
    """The columns naming the object of an entry: pages have their own."""
    names = {field.attname for field in model._meta.concrete_fields}
    return ["page_id"] if "page_id" in names else ["content_type_id", "object_id"]


def folded_drafts(model):
    """The pks of draft saves whose next entry on the same object is another draft save of
    the same person within SESSION_GAP: each session then shows once, on its last save.
    Computed over the whole log, so a filter never splits a session differently."""
    later = model.objects.filter(
        **{name: OuterRef(name) for name in object_fields(model)},
        timestamp__gt=OuterRef("timestamp"),
    ).order_by("timestamp", "pk")
    return (
        model.objects.filter(action=DRAFT)
        .annotate(
            next_action=Subquery(later.values("action")[:1]),
            next_user=Subquery(later.values("user_id")[:1]),
            next_time=Subquery(later.values("timestamp")[:1]),
        )
        .filter(
            next_action=DRAFT,
            next_user=F("user_id"),
            next_time__lte=F("timestamp") + SESSION_GAP,
        )
        .values("pk")
    )


def fold_session(entry, model):
    """Marks a draft save with the number of saves in its session and when it began."""
    entry.session_count, entry.session_start = 1, entry.timestamp
    same_object = {name: getattr(entry, name) for name in object_fields(model)}
    earlier = model.objects.filter(**same_object, timestamp__lt=entry.timestamp)
    earlier = earlier.order_by("-timestamp")
    for action, user_id, timestamp in earlier.values_list("action", "user_id", "timestamp")[:1000]:
        if action != DRAFT or user_id != entry.user_id:
            break
        if entry.session_start - timestamp > SESSION_GAP:
            break
        entry.session_count += 1
        entry.session_start = timestamp


def rejection_grounds(entries):
    """The board's ground of each rejection, read from its task state (workflow app)."""
    from workflow.models import BoardReviewTaskState

    ids = {}
    for entry in entries:
        if entry.action == "wagtail.workflow.reject":
            state_id = (entry.data.get("workflow") or {}).get("task_state_id")
            if state_id:
                ids[entry] = state_id
    states = BoardReviewTaskState.objects.in_bulk(set(ids.values()))
    for entry, state_id in ids.items():
        state = states.get(state_id)
        if state is not None and state.rejection_ground:
            entry.ground = state.get_rejection_ground_display()
            entry.note = state.comment


class EntriesPaginator(WagtailPaginator):
    """Vietnamese counts nouns without a plural: "2 mục nhật ký", not "2 các mục nhật ký"."""

    @cached_property
    def items_count_label(self):
        return gettext("%(count)s log entries") % {"count": self.count}


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    action = django_filters.MultipleChoiceFilter(
        label=_("Action"), widget=forms.CheckboxSelectMultiple, method="filter_action"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = set()
        for entries in all_entries():
            used |= set(entries.get_content_type_ids())
        self.filters["object_type"].queryset = ContentType.objects.filter(pk__in=used)

    def get_action_choices(self):
        return action_choices(every_code=True)

    @property
    def form(self):
        form = super().form
        form.fields["action"].widget.choices = action_choices()  # only these are offered
        return form

    def filter_action(self, queryset, name, value):
        return queryset.filter(action__in=action_codes(value)) if value else queryset

    def get_users_queryset(self):
        ids = set()
        for entries in all_entries():
            ids |= set(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


class AuditLogView(LogEntriesView):
    page_title = _("System log")
    results_template_name = "portal/admin/audit_log_results.html"
    filterset_class = AuditLogFilterSet
    paginator_class = EntriesPaginator
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    export_sheet_title = _("System log")
    export_headings = {
        "object_id": _("ID"),
        "label": _("Object"),
        "content_type": _("Object type"),
        "action": _("Action"),
        "summary": _("What happened"),
        "user_display_name": _("Done by"),
        "timestamp": _("Time"),
        "ground": _("Ground for rejection"),
        "comment": _("Comment"),
        "details": _("Details"),
    }
    list_export = [
        "timestamp",
        "user_display_name",
        "action",
        "summary",
        "label",
        "content_type",
        "object_id",
        "ground",
        "comment",
        "details",
    ]

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
        # Wagtail's own, on every entry rather than those the user may edit, less the draft
        # saves folded into the last of their session.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, model in enumerate(self.log_models):
            entries = self.filter_queryset(
                model.objects.exclude(pk__in=folded_drafts(model))
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            ).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        models = {model._meta.label: model for model in self.log_models}
        for entry in entries:
            entry.ground, entry.note = "", entry.comment
            entry.local_time = display_time(entry.timestamp)
            entry.summary = str(entry.message)
            if entry.action == DRAFT:
                fold_session(entry, models[type(entry)._meta.label])
                if entry.session_count > 1:
                    entry.summary = gettext("%(message)s (×%(count)d, %(start)s–%(end)s)") % {
                        "message": entry.message,
                        "count": entry.session_count,
                        "start": timezone.localtime(entry.session_start).strftime("%H:%M"),
                        "end": timezone.localtime(entry.timestamp).strftime("%H:%M"),
                    }
        rejection_grounds(entries)
        return entries

    def to_row_dict(self, item):
        item.details = readable_text(item.data)
        row = super().to_row_dict(item)
        row["comment"] = item.note
        return row
