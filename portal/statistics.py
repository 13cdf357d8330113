"""Site figures for directors and the office (Art. 7.1, 9.2): visits per section and the most
opened pages, and security events. Each app has its own (workflow/, legal_docs/ and search/
statistics.py); portal/reports.py puts them into one report."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import ModelLogEntry, Page

from portal.core.figures import (
    LIST_ROWS,
    TOP_ROWS,
    Table,
    bounds,
    per_month,
    section_title,
    sections,
)
from portal.core.models import DailyVisits
from portal.core.pages import SECTION_PATH_LENGTH

# --- Visits ----------------------------------------------------------------------------------


def visits(start, end, site=None):
    # One pass over the day rows, per page; sections and the top pages are drawn from it.
    per_page = dict(
        DailyVisits.objects.filter(date__gte=start, date__lte=end)
        .values_list("page_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    pages = Page.objects.filter(pk__in=per_page).values_list("pk", "path", "title", "url_path")
    pages = {pk: (path, title, url_path) for pk, path, title, url_path in pages}
    titles, per_section = sections(site), {}
    for pk, n in per_page.items():
        section = pages[pk][0][:SECTION_PATH_LENGTH]
        per_section[section] = per_section.get(section, 0) + n
    top = sorted(per_page.items(), key=lambda item: (-item[1], item[0]))[:TOP_ROWS]
    return [
        Table(
            _("Visits"),
            [_("Figure"), pgettext("report", "Number")],
            [[_("Page views"), sum(per_page.values())], [_("Pages visited"), len(per_page)]],
            note=_("Counted per page and day, with nothing about who visited."),
        ),
        Table(
            _("Visits per section"),
            [pgettext("site section", "Section"), _("Visits")],
            [
                [section_title(titles, path), n]
                for path, n in sorted(per_section.items(), key=lambda item: (-item[1], item[0]))
            ],
            chart=1,
        ),
        Table(
            _("Most visited pages"),
            [_("Page"), _("Address"), _("Visits")],
            [[pages[pk][1], public_path(pages[pk][2]), n] for pk, n in top],
        ),
    ]


def public_path(url_path):
    # url_path starts with the home page's own slug, which the public address leaves out.
    return "/" + url_path.strip("/").partition("/")[2] + ("/" if url_path.count("/") > 2 else "")


def visits_by_month(start, end):
    days = DailyVisits.objects.filter(date__gte=start, date__lte=end)
    return per_month(days, "date", Sum("count"))


# --- Security ---------------------------------------------------------------------------------

SECURITY_ACTIONS = {
    "portal.login_failed": gettext_lazy("Failed sign-ins"),
    "portal.lockout": gettext_lazy("Accounts locked after failed sign-ins"),
    "portal.second_factor_failed": gettext_lazy("Wrong second-factor codes"),
    "portal.password_reset": gettext_lazy("Password resets requested"),
    "portal.user_suspend": gettext_lazy("Accounts suspended"),
    "portal.user_reactivate": gettext_lazy("Accounts reactivated"),
    "portal.user_create": gettext_lazy("Accounts created"),
    "portal.groups_change": gettext_lazy("Group membership changes"),
    "portal.permissions_change": gettext_lazy("Group permission changes"),
    "portal.export": gettext_lazy("Data exports"),
    "portal.backup": gettext_lazy("Backups made"),
    "portal.restore": gettext_lazy("Backups restored"),
}


def security(start, end):
    lo, hi = bounds(start, end)
    entries = ModelLogEntry.objects.filter(timestamp__gte=lo, timestamp__lt=hi)
    counts = dict(
        entries.filter(action__in=SECURITY_ACTIONS)
        .values_list("action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    failed = (
        entries.filter(action="portal.login_failed")
        .values_list("label")
        .annotate(n=Count("pk"))
        .order_by("-n", "label")[:TOP_ROWS]
    )
    suspensions = (
        entries.filter(action="portal.user_suspend")
        .select_related("user")
        .order_by("-timestamp", "-pk")[:LIST_ROWS]
    )
    return [
        Table(
            _("Security events"),
            [_("Event"), pgettext("report", "Number")],
            [[str(label), counts.get(action, 0)] for action, label in SECURITY_ACTIONS.items()],
        ),
        Table(
            _("Failed sign-ins per account name"),
            [_("Account name typed"), _("Failed sign-ins")],
            [list(row) for row in failed],
            chart=1,
        ),
        Table(
            _("Accounts suspended"),
            [_("Account"), _("Suspended by"), _("Reason"), _("Time")],
            [
                [
                    entry.label,
                    entry.user.get_username() if entry.user else "",
                    entry.data.get("reason", ""),
                    timezone.localtime(entry.timestamp),
                ]
                for entry in suspensions
            ],
            note=_("The latest %(rows)d, newest first; the system log holds them all.")
            % {"rows": LIST_ROWS},
        ),
    ]
