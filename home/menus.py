"""The main menu and the top-level sections, cached per site and content generation."""

from collections import namedtuple

from portal.core.cache import cache_key, get_or_build


def menu(site):
    """Home and the sections shown in the menu, as plain values: (title, url, path, depth)."""

    def build():
        root = site.root_page
        items = [(root.title, root.get_url(), root.path, root.depth)]
        for page in root.get_children().live().public().in_menu():
            items.append((page.title, page.get_url(), page.path, page.depth))
        return items

    return get_or_build(cache_key("menu", site.pk), build)


Section = namedtuple("Section", "pk title slug path")


def sections(site):
    """The live, public top-level sections, as plain values (search facets use them)."""

    def build():
        # Not the English pages at /en/ (issue #25), a child of the home page too.
        root = site.root_page
        children = root.get_children().live().public().filter(locale_id=root.locale_id)
        return [Section(p.pk, p.title, p.slug, p.path) for p in children]

    return get_or_build(cache_key("sections", site.pk), build)
