"""schema.org `Legislation` for a legal document, so search engines and aggregators read the
registry as structured law rather than as a web page."""

from legal_docs.models.validity import LEGAL_FORCE, RelationType

CHANGES = {
    RelationType.AMENDS,
    RelationType.REPLACES,
    RelationType.REPEALS,
    RelationType.REPEALS_IN_PART,
    RelationType.SUSPENDS,
    RelationType.SUSPENDS_IN_PART,
    RelationType.ENDS_IN_PART,
    RelationType.CORRECTS,
}


def _reference(relation, request):
    if relation.target_id:
        target = relation.target
        return {
            "@type": "Legislation",
            "legislationIdentifier": target.number_symbol,
            "name": target.title,
            "url": target.get_full_url(request),
        }
    return {
        "@type": "Legislation",
        "legislationIdentifier": relation.external_number,
        "name": relation.external_title,
        **({"url": relation.external_url} if relation.external_url else {}),
    }


def legislation(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": page.title,
        "legislationIdentifier": page.number_symbol,
        "legislationType": str(page.document_type),
        "legislationDate": page.issue_date.isoformat() if page.issue_date else None,
        "legislationLegalForce": LEGAL_FORCE[page.validity],
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": str(page.issuing_authority),
        },
        "legislationJurisdiction": page.scope or "Việt Nam",
        "abstract": page.summary,
        "inLanguage": "vi",
        "url": page.get_full_url(request),
    }
    if page.effective_date:
        data["temporalCoverage"] = (
            f"{page.effective_date.isoformat()}/{page.expiry_date.isoformat() if page.expiry_date else '..'}"
        )
    if page.signer:
        data["legislationResponsible"] = {
            "@type": "Person",
            "name": page.signer,
            "jobTitle": page.signer_position,
        }
    relations = page.relation_list
    for key, types in [
        ("legislationChanges", CHANGES),
        ("legislationConsolidates", {RelationType.CONSOLIDATES}),
        ("legislationApplies", {RelationType.GUIDES, RelationType.DETAILS}),
        ("isBasedOn", {RelationType.LEGAL_BASIS}),
    ]:
        refs = [_reference(r, request) for r in relations if r.relation_type in types]
        if refs:
            data[key] = refs
    files = [
        {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(f.document.url),
            "encodingFormat": f.document.file_extension,
            "name": f.label or f.document.title,
        }
        for f in page.file_list
    ]
    if files:
        data["encoding"] = files
    return {key: value for key, value in data.items() if value is not None}
