"""The legal documents a query names by their number/symbol: public search shows them first
(registered with search/numbers.py in LegalDocsConfig.ready()), and the registry's search
too (legal_docs/registry_search.py)."""

import re

from legal_docs.models import LegalDocumentPage
from portal.core import sites
from portal.core.text import fold


def number_tokens(query):
    """The words of the number and type a query names: "số" before the number and the date
    after "ngày" are how a citation reads ("Luật số 60/2014/QH13 ngày 20/11/2014"), not part
    of the number."""
    tokens = re.findall(r"[a-z0-9]+", fold(query))
    if "ngay" in tokens:
        tokens = tokens[: tokens.index("ngay")]
    return [token for token in tokens if token != "so"]


def numbered_documents(query, queryset=None):
    """Live legal documents whose number/symbol the query spells, in any of the ways citizens
    type it: `2975/QĐ-UBND`, `2975/qd-ubnd`, `2975 QD UBND`, `QĐ 2975`, `quyết định 2975`."""
    tokens = number_tokens(query)
    numbers = [t for t in tokens if t.isdigit() and len(t) <= 5]
    if not numbers or len(tokens) > 8:
        return []
    # number_key is stored upper case, so a plain prefix match can use its index; no
    # ordering, or PostgreSQL walks every page in tree order to find a handful.
    candidates = (
        (queryset if queryset is not None else sites.public(LegalDocumentPage.objects.live()))
        .filter(number_key__startswith=f"{numbers[0]}/")
        .select_related("document_type")
        .order_by()[:50]
    )
    found = []
    for page in candidates:
        parts = set(re.findall(r"[a-z0-9]+", page.number_key.lower()))
        parts |= set(number_tokens(page.document_type.name)) if page.document_type_id else set()
        if all(token in parts for token in tokens):
            found.append(page)
    return found
