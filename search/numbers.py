"""Pages a query names by their number, shown before the other results of public search. The
apps that number their pages register a lookup in their ready() (legal_docs/apps.py): search
imports no registry."""

NUMBER_LOOKUPS = []


def register_number_lookup(lookup):
    """`lookup(query)` -> the live, public pages the query names by number, best first."""
    NUMBER_LOOKUPS.append(lookup)


def numbered_pages(query):
    return [page for lookup in NUMBER_LOOKUPS for page in lookup(query)]
