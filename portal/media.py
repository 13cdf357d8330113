"""Files and images used by pages (issue #19): who may replace the file of one, and who may
download a document.

"Used by" is what Wagtail's reference index knows: the page rows that point to the file or
image (rich text, choosers, inline files of legal documents). A page row holds the content
of a live page as published, or the draft of a page never published; a new draft of a live
page lives in a revision, which the index does not read."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from portal.core import roles


def pages_using(obj):
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])


# --- Replacing the file -----------------------------------------------------------------------


def is_board(user):
    return user is not None and roles.user_has_role(user, roles.BOARD)


def replacement_refusal(user, obj):
    """Why `user` may not put a new file into `obj`, or None. A page approved by the board
    shows what the board read: a new file under it would go out with no review (Art. 6.4)."""
    if obj.pk is None or is_board(user):
        return None
    live = pages_using(obj).filter(live=True).order_by("title").first()
    if live is None:
        return None
    return _(
        "This file is used by the published page “%(page)s”, so only the editorial board may "
        "replace it. Upload the new file as a new document or image and put it on the page: "
        "the page then goes through review."
    ) % {"page": live.title}


# --- Downloading a document -------------------------------------------------------------------


def may_download(request, document):
    """A document used by no page, or by one public live page, is public; one used only by
    drafts or private pages goes to those who may see such a page: people of the admin, and
    visitors who passed the page's restriction (password, sign-in, group)."""
    pages = list(pages_using(document))
    if not pages:
        return True
    live = [page for page in pages if page.live]
    if any(not page.get_view_restrictions().exists() for page in live):
        return True
    user = request.user
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(
        all(r.accept_request(request) for r in page.get_view_restrictions()) for page in live
    )
