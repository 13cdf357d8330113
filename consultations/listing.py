"""The listing at /gop-y-du-thao/: open drafts first, then the coming ones, then the closed
and issued ones, newest first; filtered by status, issuing body and year (of the comment
period's start). Two queries and the page's count, however many drafts."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from consultations.models import DraftPage, Status, annotate_status, public_drafts
from legal_docs.models import IssuingAuthority
from portal.core.pages import paginate

ORDER = [Status.OPEN, Status.UPCOMING, Status.CLOSED, Status.ISSUED]


class DraftFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices
    )
    co_quan = forms.TypedChoiceField(
        label=_("Issuing body"), required=False, coerce=int, empty_value=None
    )
    nam = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        drafts = DraftPage.objects.live().child_of(index)
        used = drafts.values("issuing_authority")
        authorities = IssuingAuthority.objects.filter(pk__in=used).values_list("pk", "name")
        self.fields["co_quan"].choices = [("", _("All"))] + list(authorities)
        years = sorted({day.year for day in drafts.dates("comment_start", "year")}, reverse=True)
        self.fields["nam"].choices = [("", _("All"))] + [(year, year) for year in years]


def listing_context(index, request):
    form = DraftFilterForm(request.GET or None, index=index)
    data = form.cleaned_data if form.is_valid() else {}
    drafts = annotate_status(public_drafts(index))
    if data.get("trang_thai"):
        drafts = drafts.filter(current_status=data["trang_thai"])
    if data.get("co_quan"):
        drafts = drafts.filter(issuing_authority_id=data["co_quan"])
    if data.get("nam"):
        drafts = drafts.filter(comment_start__year=data["nam"])
    rank = Case(
        *[When(current_status=status.value, then=Value(i)) for i, status in enumerate(ORDER)],
        output_field=IntegerField(),
    )
    drafts = drafts.select_related("document_type", "issuing_authority", "drafting_unit")
    drafts = drafts.annotate(rank=rank).order_by("rank", "-comment_start", "-pk")
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter_form": form,
        "drafts": paginate(request, drafts),
        "filter_query": params.urlencode(),
    }
