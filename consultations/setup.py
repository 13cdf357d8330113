"""What `setup_portal` adds for drafts for comment: the drafting units' staff may add and
change drafts in the section (they write the synthesis), never publish: the board approves."""

from wagtail.models import GroupPagePermission

from consultations.models import ConsultationIndexPage
from portal.core import roles


def ensure_drafting_permissions(sections):
    group = roles.ensure_group(roles.DRAFTING)
    for index in (page for page in sections if isinstance(page, ConsultationIndexPage)):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=roles.permission("wagtailcore", codename)
            )
