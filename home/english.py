"""The English pages at /en/ (issue #25): made with Wagtail's own translation
(copy_for_translation, the "Translate" action of wagtail.contrib.simple_translation), each
going live through the board's workflow like any page. A translation is out of date when its
Vietnamese original was published after it: the board and the operators are told."""

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.signals import copy_for_translation_done

from portal.core.sites import ENGLISH


def english_locale():
    return Locale.objects.get_or_create(language_code=ENGLISH)[0]


def may_translate(page):
    """Whether the page's type has an English version (the home page, the introduction and
    its pages, `translatable_to_english`), with the English pages on."""
    page_type = page.specific_class or type(page)
    return settings.PORTAL_ENGLISH_PAGES and getattr(page_type, "translatable_to_english", False)


def translate(page, **fields):
    """The English translation of `page` (its parent must have one, the home page's parent
    is the root), made as a draft by Wagtail if missing, with `fields` set on it and saved
    as a new draft revision. Publishing it is the board's."""
    locale = english_locale()
    if page.get_translation_or_none(locale) is None:
        page.copy_for_translation(locale)
    # Read back, not the copy in memory: a later save of a stale copy would write back its
    # stale tree fields (numchild) and break the next child's path.
    translation = page.get_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision(log_action=True)
    return translation


def translate_snippet(obj, **fields):
    """The English translation of a translatable snippet (a unit, a person), made by
    Wagtail's copy_for_translation if missing, with `fields` set on it and saved."""
    locale = english_locale()
    translation = obj.get_translation_or_none(locale) or obj.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def out_of_date():
    """English pages whose Vietnamese original was published after them (or that were never
    published), oldest change first, each with `original_published` (one query)."""
    originals = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
        live=True,
    )
    return (
        Page.objects.filter(locale__language_code=ENGLISH)
        .annotate(original_published=Subquery(originals.values("last_published_at")[:1]))
        .filter(original_published__isnull=False)
        .filter(
            Q(last_published_at__isnull=True) | Q(last_published_at__lt=F("original_published"))
        )
        .order_by("original_published")
    )


def is_out_of_date(page):
    return out_of_date().filter(pk=page.pk).exists()


def place_and_grant(sender, source_obj, target_obj, **kwargs):
    """After Wagtail's "Translate": the English home page goes under the Vietnamese one with
    the slug "en", and a translation gets the page permissions of its original."""
    if not isinstance(source_obj, Page):
        return
    if target_obj.get_parent().is_root():
        # Wagtail puts a translated home page beside the original under the root, with an
        # address of its own that only i18n_patterns would serve (and they would prefix
        # every Vietnamese address). Under the home page as "en", every English page's
        # address is /en/... as Wagtail computes it, and it routes like any page.
        target_obj.slug = ENGLISH
        target_obj.show_in_menus = False
        target_obj.save(update_fields=["slug", "show_in_menus"])
        Page.objects.get(pk=target_obj.pk).move(source_obj, pos="last-child")
    # The board and operators hold theirs on the home page, which reaches the English tree
    # under it; contributors hold theirs on their sections, which a translation lacks.
    for grant in GroupPagePermission.objects.filter(page=source_obj):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page_id=target_obj.pk, permission_id=grant.permission_id
        )


def connect():
    copy_for_translation_done.connect(place_and_grant)
