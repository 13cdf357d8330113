"""The public registry listing: filters, counts per filter value, sorting, pagination.

Every facet counts what the visitor would get by choosing that value with the other
filters kept, so a number next to an option is never a dead end."""

from datetime import date

from django import forms
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from home.models import paginate
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    Validity,
    annotate_validity,
)
from legal_docs.numbering import number_key

SORTS = {
    "-issue_date": ("-issue_date", _("Newest issue date first")),
    "issue_date": ("issue_date", _("Oldest issue date first")),
    "-effective_date": ("-effective_date", _("Newest effective date first")),
    "effective_date": ("effective_date", _("Oldest effective date first")),
}


class FilterForm(forms.Form):
    so = forms.CharField(label=_("Number/symbol"), required=False, max_length=100)
    loai = forms.IntegerField(label=_("Document type"), required=False)
    co_quan = forms.IntegerField(label=_("Issuing authority"), required=False)
    linh_vuc = forms.IntegerField(label=_("Field"), required=False)
    nam = forms.IntegerField(
        label=_("Year of issue"), required=False, min_value=1945, max_value=2100
    )
    tu_ngay = forms.DateField(label=_("Issued from"), required=False)
    den_ngay = forms.DateField(label=_("Issued until"), required=False)
    hieu_luc = forms.ChoiceField(
        label=_("Validity"), required=False, choices=[("", "")] + Validity.choices
    )
    sap_xep = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_o, label) in SORTS.items()],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data


FACETS = {
    "loai": "document_type",
    "co_quan": "issuing_authority",
    "linh_vuc": "fields",
    "nam": "issue_year",
    "hieu_luc": "validity",
}


def apply_filters(queryset, data, skip=None):
    lookups = {
        "loai": lambda qs, v: qs.filter(document_type_id=v),
        "co_quan": lambda qs, v: qs.filter(issuing_authority_id=v),
        "linh_vuc": lambda qs, v: qs.filter(fields__id=v),
        "nam": lambda qs, v: qs.filter(issue_date__year=v),
        "tu_ngay": lambda qs, v: qs.filter(issue_date__gte=v),
        "den_ngay": lambda qs, v: qs.filter(issue_date__lte=v),
        "hieu_luc": lambda qs, v: qs.filter(validity=v),
        "so": lambda qs, v: qs.filter(number_key__contains=number_key(v)),
    }
    for name, apply in lookups.items():
        value = data.get(name)
        if name != skip and value not in (None, ""):
            queryset = apply(queryset, value)
    return queryset


def facet_counts(base, data):
    counts = {}
    for name, field in FACETS.items():
        queryset = apply_filters(base, data, skip=name)
        if field == "issue_year":
            queryset = queryset.annotate(issue_year=ExtractYear("issue_date"))
        rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True))
        counts[name] = {row[field]: row["n"] for row in rows if row[field] is not None}
    return counts


def options(model, counts):
    return [(item.pk, item.name, counts.get(item.pk, 0)) for item in model.objects.all()]


def listing_context(index_page, request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    base = annotate_validity(LegalDocumentPage.objects.live().public().child_of(index_page))
    documents = apply_filters(base, data)
    order = SORTS.get(data.get("sap_xep") or "-issue_date")[0]
    documents = documents.select_related("document_type", "issuing_authority").order_by(
        order, "-pk"
    )
    counts = facet_counts(base, data)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "documents": paginate(request, documents),
        "facets": {
            "loai": options(DocumentType, counts["loai"]),
            "co_quan": options(IssuingAuthority, counts["co_quan"]),
            "linh_vuc": options(LegalField, counts["linh_vuc"]),
            "nam": sorted(counts["nam"].items(), reverse=True),
            "hieu_luc": [
                (value, label, counts["hieu_luc"].get(value, 0))
                for value, label in Validity.choices
            ],
        },
        "filter_query": query.urlencode(),
        "this_year": date.today().year,
    }
