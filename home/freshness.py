"""Art. 5.3: information is updated promptly. Every disclosure section has a review interval;
a section whose newest publication is older than that is overdue, and the board, operators,
directors and office see it on their dashboard with the pages in it not touched since."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page

from home.models import disclosure_page_models
from portal.core.components import RequestComponent
from portal.core.roles import BOARD, DIRECTORS, OFFICE, OPERATORS, user_has_role

STALE_PAGES_SHOWN = 10


def newest_in_subtree():
    """The latest publication at or under each page, as a subquery."""
    pages = Page.objects.live().filter(path__startswith=OuterRef("path"))
    return Subquery(pages.order_by("-last_published_at").values("last_published_at")[:1])


def sections_with_updates():
    """Live disclosure sections, each with `newest`: the latest publication in it."""
    return (
        Page.objects.live()
        .type(*disclosure_page_models())
        .annotate(newest=newest_in_subtree())
        .specific()
        .order_by("path")
    )


@dataclass
class Overdue:
    section: Page
    newest: datetime | None
    due_since: datetime
    stale_pages: list
    stale_count: int


def overdue_sections(now=None):
    now = now or timezone.now()
    overdue = []
    for section in sections_with_updates():
        due = now - timedelta(days=section.review_interval_days)
        if section.newest is not None and section.newest >= due:
            continue
        stale = (
            Page.objects.live()
            .descendant_of(section)
            .filter(last_published_at__lt=due)
            .order_by("last_published_at")
        )
        overdue.append(
            Overdue(section, section.newest, due, list(stale[:STALE_PAGES_SHOWN]), stale.count())
        )
    return overdue


class FreshnessPanel(RequestComponent):
    name = "freshness"
    order = 60
    template_name = "home/freshness_panel.html"

    def get_context_data(self, parent_context=None):
        return {"overdue": overdue_sections()}


def sees_freshness_panel(user):
    return user.is_superuser or user_has_role(user, OPERATORS, BOARD, DIRECTORS, OFFICE)
