"""The five roles of the regulation (Art. 4.1, 6, 7) and what each may do in the admin.

Contributors draft and submit; only the editorial board and the operators hold publish
permission (Art. 6.4). Directors and the office read reports and the audit log.

Code knows each role by its code below; the group that holds it (portal.Role) carries the
agency's own name, from its profile (profiles/) and then the admin. Ask through `group`,
`user_has_role` and `users_with_role`, never by a group's name. The roles are global today:
one group per role for the whole install. Groups per site (a board per agency) would add a
site to Role and a `site` argument to these helpers; callers would not change otherwise."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from portal.core import profile
from portal.core.models import Role

OPERATORS = "operators"
CONTRIBUTORS = "contributors"
BOARD = "board"
DIRECTORS = "directors"
OFFICE = "office"
DRAFTING = "drafting"  # staff of a drafting unit: the comments on their unit's drafts
ALL_GROUPS = list(profile.ROLE_CODES)  # the codes, in the order of the regulation


def group(code):
    """The group that holds the role."""
    return Group.objects.get(role__code=code)


def user_has_role(user, *codes):
    """Whether the user is in the group of any of the roles."""
    return user.groups.filter(role__code__in=codes).exists()


def users_with_role(*codes):
    """The users in the group of any of the roles (active or not: callers filter)."""
    return get_user_model().objects.filter(groups__role__code__in=codes).distinct()


def codes_of(user):
    return set(user.groups.filter(role__isnull=False).values_list("role__code", flat=True))


# Page permissions, granted on the home page (operators, board) or on each section
# (contributors), so contributors can never add a new top-level section.
PAGE_PERMISSIONS = {
    OPERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    BOARD: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CONTRIBUTORS: ["add_page", "change_page"],
}

# Media library permissions on the root collection; contributors may change only what they
# uploaded themselves (Wagtail grants owners that with "add").
MEDIA_PERMISSIONS = {
    OPERATORS: ["add", "change", "delete", "choose"],
    BOARD: ["add", "change", "delete", "choose"],
    CONTRIBUTORS: ["add", "choose"],
}
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]

# The registry's lists (document types, authorities, fields): the board keeps them, and
# contributors need to see them to choose from them. The board also keeps the royalty register
# (Art. 8); directors and the office read it, the office hands it to the accountant.
TAXONOMIES = ["documenttype", "issuingauthority", "legalfield"]
ROYALTY_MODELS = ["royaltygenre", "royaltyperiod", "royaltyentry"]
MODEL_PERMISSIONS = {
    BOARD: [
        f"legal_docs.{action}_{model}"
        for model in TAXONOMIES
        for action in ("add", "change", "view")
    ]
    + ["legal_docs.review_importbatch", "workflow.close_royaltyperiod"]
    # Wagtail's "Translate" (the English pages at /en/, issue #25).
    + ["simple_translation.submit_translation"]
    + ["consultations.view_comment"]
    + [f"consultations.{action}_draftingstaff" for action in ("add", "change", "delete", "view")]
    + ["portal.view_reports", "search.view_search_statistics"]
    + [
        f"workflow.{action}_{model}"
        for model in ROYALTY_MODELS
        for action in ("add", "change", "view")
    ]
    + [
        f"home.{action}_{model}"
        for model in ("unit", "person")
        for action in ("add", "change", "delete", "view")
    ]
    + [
        f"wagtailsearchpromotions.{action}_searchpromotion"
        for action in ("add", "change", "delete", "view")
    ],
    CONTRIBUTORS: [f"legal_docs.view_{model}" for model in TAXONOMIES]
    + ["home.view_unit", "home.view_person"],
    DIRECTORS: [f"workflow.view_{model}" for model in ROYALTY_MODELS]
    + ["home.view_feedback", "consultations.view_comment"]
    + ["portal.view_reports", "search.view_search_statistics"]
    + ["portal.view_auditlog"]
    + ["information_requests.view_informationrequest"],
    OFFICE: [f"workflow.view_{model}" for model in ROYALTY_MODELS]
    + ["home.view_feedback", "home.change_feedback"]
    + [f"portal.{action}_holiday" for action in ("add", "change", "delete", "view")]
    + [f"information_requests.{a}_informationrequest" for a in ("change", "view")]
    + ["portal.view_reports", "search.view_search_statistics"]
    + ["portal.view_auditlog"],
    # Which drafts are theirs: consultations.models.visible_comments. Their page rights on
    # the drafts' section: consultations/setup.py.
    DRAFTING: ["consultations.view_comment", "home.view_unit"]
    + [f"legal_docs.view_{model}" for model in TAXONOMIES],
}


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_group(code):
    """The role's group: the one attached to it, or else the group of the profile's name
    for it (attached now), created if missing. A group an operator renamed keeps its role."""
    role = Role.objects.filter(code=code).select_related("group").first()
    if role is not None:
        return role.group
    found, _ = Group.objects.get_or_create(name=profile.current().roles[code])
    Role.objects.create(code=code, group=found)
    return found


def ensure_groups(home, sections):
    """Create the groups and grant the matrix above. Only ever adds: a permission an
    operator granted by hand is left alone. Returns {role code: group}."""
    groups = {code: ensure_group(code) for code in ALL_GROUPS}
    access_admin = permission("wagtailadmin", "access_admin")
    for group in groups.values():
        group.permissions.add(access_admin)
    # Operators run the site (Art. 7.2): users, groups, settings, workflows, redirects.
    groups[OPERATORS].permissions.add(*Permission.objects.all())

    for name, codenames in PAGE_PERMISSIONS.items():
        pages = sections if name == CONTRIBUTORS else [home]
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=page, permission=permission("wagtailcore", codename)
                )

    for name, perms in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(permission(*perm.split(".")) for perm in perms))

    root_collection = Collection.get_first_root_node()
    for name, actions in MEDIA_PERMISSIONS.items():
        for app_label, model in MEDIA_MODELS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(app_label, f"{action}_{model}"),
                )
    return groups


def remove_wagtail_sample_groups():
    """Wagtail's first migration creates "Editors" and "Moderators" with rights on the whole
    tree; left in place they would bypass the matrix. Removed only while nobody is in them."""
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
