"""The drafts open for comment on the home page (home.models.HOME_CONTEXT): one query for
the section from the cached top pages, one for at most OPEN_ON_HOME drafts."""

from consultations.models import ConsultationIndexPage, open_on, public_drafts
from portal.core import sites

OPEN_ON_HOME = 4


def home_context(home, request):
    index = next(
        (p for p in sites.top_pages(home).values() if isinstance(p, ConsultationIndexPage)), None
    )
    if index is None or index.path.startswith(sites.restricted_paths()):
        return {}
    drafts = public_drafts(index).filter(open_on()).order_by("comment_end", "pk")
    return {
        "consultations_index": index,
        "open_drafts": list(drafts.select_related("document_type")[:OPEN_ON_HOME]),
    }
