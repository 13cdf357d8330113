from wagtail import hooks

from home.freshness import FreshnessPanel, sees_freshness_panel


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if sees_freshness_panel(request.user):
        panels.append(FreshnessPanel())
