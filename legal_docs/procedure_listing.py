"""The procedures listing (/thu-tuc-hanh-chinh/): words (with or without marks, or a code),
filters by field and by level of online service, each option with the number of procedures
it gives with the words and the other filter kept."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from legal_docs.listing import MAX_ID
from legal_docs.models import OnlineLevel, ProcedurePage
from portal.core import sites
from portal.core.pages import paginate
from search.engine import clean_query, ranked_pks, with_fallback

# The best matches of the words that are listed: far more than anyone reads of a search.
SEARCH_LIMIT = 200


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words or code of the procedure"), required=False, max_length=10_000
    )
    linh_vuc = forms.IntegerField(
        label=pgettext_lazy("subject area", "Field"), required=False, min_value=1, max_value=MAX_ID
    )
    muc_do = forms.ChoiceField(
        label=_("Level of online service"),
        required=False,
        choices=[("", "")] + OnlineLevel.choices,
    )

    # The URL's names stay the fields' names; the code behind the form uses English ones.
    NAMES = {"q": "words", "linh_vuc": "field", "muc_do": "level"}

    def filters(self):
        """The accepted values by their English names ({} when nothing or a bad value was
        asked)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {self.NAMES[name]: value for name, value in data.items()}


FILTERS = {"field": "field_id", "level": "online_level"}


def filtered(queryset, data, skip=None):
    for name, column in FILTERS.items():
        if name != skip and data.get(name) not in (None, ""):
            queryset = queryset.filter(**{column: data[name]})
    return queryset


def matching(base, query):
    """(pks of the procedures holding the words, best first; degraded): the site's search
    (the engine, or the database while it is away), so marks, đ and case do not matter; a
    code typed exactly comes first."""
    by_code = list(base.filter(code=query).values_list("pk", flat=True))
    found, degraded = with_fallback(lambda backend: ranked_pks(query, base, backend, SEARCH_LIMIT))
    return by_code + [pk for pk in found if pk not in by_code], degraded


def listing_context(index_page, request):
    form = ProcedureFilterForm(request.GET or None)
    data = form.filters()
    base = sites.public(ProcedurePage.objects.live().child_of(index_page))
    query = clean_query(data.get("words") or "")
    degraded = False
    if query:
        ranked, degraded = matching(base, query)
        base = base.filter(pk__in=ranked)
    fields = (
        filtered(base, data, skip="field")
        .order_by("field__name")
        .values_list("field_id", "field__name")
        .annotate(n=Count("pk"))
    )
    levels = dict(
        filtered(base, data, skip="level")
        .order_by()
        .values_list("online_level")
        .annotate(n=Count("pk"))
    )
    procedures = filtered(base, data).select_related("field").order_by("code")
    if query:  # best match first
        position = {pk: index for index, pk in enumerate(ranked)}
        procedures = sorted(procedures, key=lambda procedure: position[procedure.pk])
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter_form": form,
        "procedures": paginate(request, procedures),
        "field_options": [(pk, name, n) for pk, name, n in fields if pk is not None],
        "level_options": [
            (value, label, levels[value])
            for value, label in OnlineLevel.choices
            if levels.get(value)
        ],
        "filter_query": params.urlencode(),
        "search_query": query,
        "degraded": degraded,
    }
