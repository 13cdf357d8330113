"""What the registry and the procedures give the home page (home.models.HOME_CONTEXT): a
citizen comes for a legal text or a procedure, so both are on the first screen. A fixed
number of queries however large the registry: the newest documents and the most used
procedures are one query each, made once per content generation; the search form's lists
come from the cache."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Subquery, Sum
from django.utils import timezone
from wagtail.models import PageViewRestriction

from legal_docs.listing import LISTED
from legal_docs.models import (
    DocumentType,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    ProcedureIndexPage,
    ProcedurePage,
    annotate_validity,
)
from portal.core import sites
from portal.core.cache import generation, get_or_build
from portal.core.models import DailyVisits

NEWEST = 5
PROCEDURES = 6
VISITS_DAYS = 90  # "most used": visits of the last three months
VISITS_SECONDS = 300  # how long the home page's order of the procedures may lag the visits


def home_context(home, request):
    tops = sites.top_pages(home).values()
    registry = next((p for p in tops if isinstance(p, LegalDocumentIndexPage)), None)
    procedures = next((p for p in tops if isinstance(p, ProcedureIndexPage)), None)
    context = {}
    if registry is not None and not registry.path.startswith(sites.restricted_paths()):
        context["registry"] = registry
        context["registry_choices"] = get_or_build(
            f"portal:{generation()}:home-registry-choices",
            lambda: {
                "types": list(DocumentType.objects.values_list("pk", "name")),
                "fields": list(LegalField.objects.values_list("pk", "name")),
            },
        )
        # Both lists read the whole registry or the visits; kept until content changes, the
        # day (a document's validity) or, for the visits, VISITS_SECONDS.
        day = timezone.localdate()
        context["newest_documents"] = get_or_build(
            f"portal:{generation()}:home-newest:{registry.pk}:{day}",
            lambda: newest_documents(registry),
        )
    if procedures is not None and not procedures.path.startswith(sites.restricted_paths()):
        context["procedures_index"] = procedures
        context["top_procedures"] = get_or_build(
            f"portal:{generation()}:home-procedures:{procedures.pk}:{timezone.localdate()}",
            lambda: most_used_procedures(procedures),
            VISITS_SECONDS,
        )
    return context


def newest_documents(registry):
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    documents = LegalDocumentPage.objects.live().child_of(registry).exclude(Exists(restricted))
    documents = annotate_validity(documents).select_related("document_type", "issuing_authority")
    return list(documents.only(*LISTED).order_by("-issue_date", "-pk")[:NEWEST])


def most_used_procedures(index):
    """By visits of the last VISITS_DAYS days (portal/visits.py counts them); those never
    opened follow in the order of the procedures list."""
    since = timezone.localdate() - timedelta(days=VISITS_DAYS)
    visits = (
        DailyVisits.objects.filter(page=OuterRef("pk"), date__gte=since)
        .order_by()
        .values("page")
        .annotate(total=Sum("count"))
        .values("total")
    )
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    procedures = ProcedurePage.objects.live().child_of(index).exclude(Exists(restricted))
    procedures = procedures.annotate(visits=Subquery(visits))
    procedures = procedures.only("title", "slug", "path", "depth", "url_path", "live", "code")
    return list(procedures.order_by(F("visits").desc(nulls_last=True), "title")[:PROCEDURES])
