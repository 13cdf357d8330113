"""The lists a legal registry starts from: document types, issuing authorities and fields,
from the agency profile's [registry] (profiles/). `setup_portal` adds the missing ones;
operators and the board extend them in the admin."""

from legal_docs.models import DocumentType, IssuingAuthority, LegalField
from portal.core import profile


def ensure_taxonomies():
    agency = profile.current()
    for order, (name, abbreviation, normative) in enumerate(agency.document_types):
        DocumentType.objects.get_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_normative": normative, "sort_order": order},
        )
    for order, (name, abbreviation) in enumerate(agency.authorities):
        IssuingAuthority.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "sort_order": order}
        )
    for order, name in enumerate(agency.fields):
        LegalField.objects.get_or_create(name=name, defaults={"sort_order": order})
