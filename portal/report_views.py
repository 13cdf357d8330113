"""The activity report in the admin, as a page with charts, a printable page and an XLSX
workbook; for holders of `portal.view_reports` (directors, the office and the board). Every
view answers GET only: a report reads and never writes, except the export's audit entry."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Site

from portal import reports
from portal.core import sites
from portal.core.audit import record

PERMISSION = "portal.view_reports"
FIRST_YEAR = 2015  # the first year the department's site published


class PeriodForm(forms.Form):
    tu_ngay = forms.DateField(
        label=gettext_lazy("First day"), required=False, widget=AdminDateInput
    )
    den_ngay = forms.DateField(
        label=gettext_lazy("Last day"), required=False, widget=AdminDateInput
    )
    nam = forms.TypedChoiceField(
        label=gettext_lazy("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
        help_text=gettext_lazy("A whole calendar year: the yearly report of Art. 7.1."),
    )
    so = forms.RegexField(
        label=gettext_lazy("Number of the printed report"),
        regex=r"^\d{1,6}$",
        required=False,
        help_text=gettext_lazy("Given by the clerk; empty leaves it to be written by hand."),
        error_messages={"invalid": gettext_lazy("Write the number in digits only, e.g. 12.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["nam"].choices = [("", "—")] + [
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["tu_ngay"] > data["den_ngay"]:
            raise forms.ValidationError(_("The first day must not come after the last day."))
        return data

    def period(self):
        """The year chosen, else the days given; by default this year so far."""
        today = timezone.localdate()
        start, end = today.replace(month=1, day=1), today
        if self.is_valid():
            if self.cleaned_data["nam"]:
                return reports.year_bounds(self.cleaned_data["nam"])
            start = self.cleaned_data["tu_ngay"] or start
            end = self.cleaned_data["den_ngay"] or max(end, start)
        return start, end


def allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    if not request.GET:
        form.initial = {"tu_ngay": start, "den_ngay": end}
    return form, start, end


@require_safe
def report(request):
    form, start, end = allowed(request)
    return TemplateResponse(
        request,
        "portal/admin/reports.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "header_title": reports.title(start, end),
            "page_title": reports.title(start, end),
            "page_subtitle": reports.period_text(start, end),
            "header_icon": "clipboard-list",
            "parts": reports.activity_report(start, end, sites.request_site(request)),
            "query": request.GET.urlencode(),
        },
    )


@require_safe
def report_print(request):
    form, start, end = allowed(request)
    site = sites.request_site(request)
    parts = reports.activity_report(start, end, site)
    number = form.cleaned_data.get("so") if form.is_valid() else ""
    return TemplateResponse(
        request, "portal/report_print.html", reports.printable(start, end, parts, number, site)
    )


@require_safe
def report_xlsx(request):
    form, start, end = allowed(request)
    record(
        "portal.export",
        label=reports.title(start, end),
        data={"what": "activity report", "format": "xlsx", "from": str(start), "to": str(end)},
        about=Site,
    )
    site = sites.request_site(request)
    response = HttpResponse(
        reports.workbook(start, end, reports.activity_report(start, end, site), site),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(start, end)}"'
    return response
