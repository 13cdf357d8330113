"""What Wagtail's audit log does not record (wagtail/wagtail#14178): sign-ins and failed
attempts, password changes, accounts created, suspended and reactivated, group membership
and permission changes, site settings, exports, backups and restores. Each is a Wagtail log
entry, so the directors' "Nhật ký hệ thống" lists them beside the history of pages and
snippets; the database refuses to change or delete any entry (migration 0002)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context
from wagtail.models import GroupCollectionPermission, GroupPagePermission, ModelLogEntry, Site

from portal.core.addresses import client_address
from portal.core.models import PortalSettings

ACTIONS = {
    "portal.login": _("Signed in"),
    "portal.logout": _("Signed out"),
    "portal.login_failed": _("Failed sign-in"),
    "portal.lockout": _("Account locked after failed sign-ins"),
    "portal.password_change": _("Password changed"),
    "portal.password_reset": _("Password reset requested"),
    "portal.second_factor_setup": _("Second factor set up"),
    "portal.second_factor": _("Second factor verified"),
    "portal.second_factor_failed": _("Wrong second-factor code"),
    "portal.second_factor_reset": _("Second factor reset"),
    "portal.user_create": _("Account created"),
    "portal.user_suspend": _("Account suspended"),
    "portal.user_reactivate": _("Account reactivated"),
    "portal.groups_change": _("Group membership changed"),
    "portal.permissions_change": _("Group permissions changed"),
    "portal.settings_change": _("Site settings changed"),
    "portal.export": _("Data exported"),
    "portal.backup": _("Backup made"),
    "portal.restore": _("Backup restored"),
    "portal.media_replace": _("File of a published page replaced"),
    "portal.subscriptions_lookup": _("Subscriptions of an address looked up"),
    "portal.subscriptions_delete": _("Subscriptions of an address deleted on request"),
}


def account_named(username):
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def record(action, instance=None, label="", data=None, user=None, about=None):
    """One entry on `instance`; without one (a failed sign-in with an unknown name, a
    backup), on the model `about` (accounts by default) under `label`. The actor defaults
    to the admin user of the request."""
    user = user or get_active_log_context().user
    subject = instance if instance is not None else (about or get_user_model())
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        # No row has pk 0: the entry names what was typed (the log view looks pks up).
        object_id=str(instance.pk) if instance is not None else "0",
        label=(str(instance) if instance is not None else label)[:255],
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=data or {},
        timestamp=timezone.now(),
    )


def on_login(sender, request, user, **kwargs):
    record("portal.login", user, data={"ip": client_address(request)}, user=user)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record("portal.logout", user, data={"ip": client_address(request)}, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    known = account_named(username)
    record(
        "portal.login_failed",
        known,
        label=str(username or "")[:255],
        data={"username": str(username or "")[:150], "ip": client_address(request)},
    )


def before_user_save(sender, instance, raw=False, **kwargs):
    # Compare with the stored row once, before it is overwritten.
    instance._audit_before = (
        sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
        if instance.pk and not raw
        else None
    )


def after_user_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    reason = getattr(instance, "status_reason", "")
    if created:
        record("portal.user_create", instance)
    elif before is not None:
        if before["password"] != instance.password:
            record("portal.password_change", instance)
        if before["is_active"] and not instance.is_active:
            record("portal.user_suspend", instance, data={"reason": reason})
        elif not before["is_active"] and instance.is_active:
            record("portal.user_reactivate", instance, data={"reason": reason})


def names(objects):
    return sorted(str(obj) for obj in objects)


def codenames(group):
    permissions = group.permissions.select_related("content_type")
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


def track(instance, action, snapshot, describe):
    """One entry per object and transaction, however many steps the change takes (`set()`
    removes, then adds): call on every pre_ step; the entry is written once it commits."""
    pending = instance.__dict__.setdefault("_audit_pending", {})
    if action in pending:
        return
    pending[action] = snapshot()

    def write():
        before, after = pending.pop(action), snapshot()
        if before != after:
            record(action, instance, data=describe(before, after))

    transaction.on_commit(write)


def before_after(before, after):
    return {"before": before, "after": after}


def added_removed(before, after):
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
    }


def on_groups_change(sender, instance, action, reverse, **kwargs):
    """Membership, on the user (or on the group, when changed from the group's side)."""
    if action.startswith("pre_"):
        members = instance.user_set if reverse else instance.groups
        track(instance, "portal.groups_change", lambda: names(members.all()), before_after)


def on_permissions_change(sender, instance, action, reverse, **kwargs):
    if action.startswith("pre_") and not reverse:
        track(instance, "portal.permissions_change", lambda: codenames(instance), added_removed)


def grant(instance):
    target = getattr(instance, "page", None) or getattr(instance, "collection", None)
    return f"{instance.permission.content_type.app_label}.{instance.permission.codename} @ {target}"


def on_object_permission_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        change = "added" if created else "changed"
        record("portal.permissions_change", instance.group, data={change: [grant(instance)]})


def on_object_permission_deleted(sender, instance, **kwargs):
    record("portal.permissions_change", instance.group, data={"removed": [grant(instance)]})


def before_settings_save(sender, instance, raw=False, **kwargs):
    old = sender.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    fields = [f.attname for f in sender._meta.concrete_fields]
    instance._audit_changes = {
        name: {"before": getattr(old, name), "after": getattr(instance, name)}
        for name in fields
        if old is not None and getattr(old, name) != getattr(instance, name)
    }


def after_settings_save(sender, instance, created, raw=False, **kwargs):
    changes = getattr(instance, "_audit_changes", {})
    if changes:  # not the row Wagtail creates on first use
        record("portal.settings_change", instance, data={"changes": changes})


class ExportLogMiddleware:
    """Every CSV/XLSX taken out of an admin listing or report (Wagtail's `?export=`) is an
    entry: who took what, with which filters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        export = request.GET.get("export")
        if (
            export in ("csv", "xlsx")
            and request.path.startswith("/admin/")
            and response.status_code == 200
            and request.user.is_authenticated
        ):
            record(
                "portal.export",
                label=request.path,
                data={"path": request.path, "format": export, "filters": request.GET.dict()},
                user=request.user,
                about=Site,  # the site as a whole
            )
        return response


def connect():
    user_model = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="audit-login")
    user_logged_out.connect(on_logout, dispatch_uid="audit-logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit-login-failed")
    pre_save.connect(before_user_save, sender=user_model, dispatch_uid="audit-user-pre")
    post_save.connect(after_user_save, sender=user_model, dispatch_uid="audit-user-post")
    m2m_changed.connect(
        on_groups_change, sender=user_model.groups.through, dispatch_uid="audit-groups"
    )
    m2m_changed.connect(
        on_permissions_change, sender=Group.permissions.through, dispatch_uid="audit-perms"
    )
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(on_object_permission_saved, sender=model, dispatch_uid=f"audit-{model}")
        post_delete.connect(
            on_object_permission_deleted, sender=model, dispatch_uid=f"audit-del-{model}"
        )
    pre_save.connect(before_settings_save, sender=PortalSettings, dispatch_uid="audit-set-pre")
    post_save.connect(after_settings_save, sender=PortalSettings, dispatch_uid="audit-set")
