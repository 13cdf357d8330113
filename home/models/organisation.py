"""Art. 5.1đ: the department's functions, tasks and powers, its history, its leaders, its
units as a tree with their contact details, and the people to contact. Units and people are
snippets kept by the board; the organisation page draws the chart from the unit tree as
nested lists (readable by screen readers and in print), not as a picture.

Units and people are translatable the Wagtail way (issue #25): the English organisation page
(/en/) shows each one's English translation where there is one, its Vietnamese self where
not. The structure (which unit is part of which, who works where, who leads, the order) is
the Vietnamese one's, so a translation only carries words."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin

from home.models.pages import PortalPage
from portal.core import sites

RICH = ["bold", "italic", "ol", "ul", "link"]

# The structure is the Vietnamese units' (see above): a translation keeps its original's.
VIETNAMESE = {"locale__language_code": settings.LANGUAGE_CODE}


class Unit(TranslatableMixin, models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        DIVISION = "division", _("Division")
        PUBLIC_SERVICE = "public_service", _("Public service unit")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DIVISION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to=VIETNAMESE,
    )
    functions = models.TextField(_("functions and tasks"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("parent"), FieldPanel("sort_order")]),
        FieldPanel("functions"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot be part of itself.")})
            ancestor = ancestor.parent


class Person(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=255)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="people",
        limit_choices_to=VIETNAMESE,
    )
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    biography = models.TextField(_("short biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_leader = models.BooleanField(_("leader of the department"), default=False)
    is_contact = models.BooleanField(
        _("contact person"), default=False, help_text=_("Listed among the people to contact.")
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("is_leader"), FieldPanel("is_contact")]),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} – {self.position}"


def in_language(model, language, *related):
    """[(Vietnamese object, what is shown for it)] of `model` in its order: the object's
    translation in `language` where there is one, else the object itself. One query, the
    same on a Vietnamese page as before there were translations."""
    ids = sites.locale_ids()
    wanted = [ids[settings.LANGUAGE_CODE]] + ([ids[language]] if language in ids else [])
    rows = list(model.objects.filter(locale_id__in=wanted).select_related(*related))
    translated = {row.translation_key: row for row in rows if row.locale_id != wanted[0]}
    return [
        (row, translated.get(row.translation_key, row))
        for row in rows
        if row.locale_id == wanted[0]
    ]


def organisation(language):
    """(leaders, contacts, unit tree, units) of the organisation page in `language`: the
    tree as [(unit, [children as (unit, [...])])]."""
    units = in_language(Unit, language)
    shown = {original.pk: unit for original, unit in units}
    children = {}
    for original, unit in units:
        children.setdefault(original.parent_id, []).append((original, unit))

    def branch(parent_id):
        return [(unit, branch(original.pk)) for original, unit in children.get(parent_id, [])]

    people = []
    for original, person in in_language(Person, language, "photo"):
        # The original's unit, as shown in this language (no query for it).
        person.unit = shown[original.unit_id]
        people.append((original, person))
    return (
        [person for original, person in people if original.is_leader],
        [person for original, person in people if original.is_contact],
        branch(None),
        [unit for _, unit in units],
    )


class OrganisationPage(PortalPage):
    functions = RichTextField(_("functions, tasks and powers"), features=RICH)
    history = RichTextField(_("history"), blank=True, features=RICH)

    content_panels = Page.content_panels + [FieldPanel("functions"), FieldPanel("history")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    translatable_to_english = True

    class Meta:
        verbose_name = _("organisation page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        leaders, contacts, tree, units = organisation(self.language)
        context.update(leaders=leaders, contacts=contacts, tree=tree, units=units)
        return context
