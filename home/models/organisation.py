"""Art. 5.1đ: the department's functions, tasks and powers, its history, its leaders, its
units as a tree with their contact details, and the people to contact. Units and people are
snippets kept by the board; the organisation page draws the chart from the unit tree as
nested lists (readable by screen readers and in print), not as a picture."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models.pages import PortalPage

RICH = ["bold", "italic", "ol", "ul", "link"]


class Unit(models.Model):
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

    class Meta:
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


class Person(models.Model):
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
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

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} – {self.position}"


def unit_tree():
    """[(unit, [children as (unit, [...])])] from one query."""
    units = list(Unit.objects.all())
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def branch(parent_id):
        return [(unit, branch(unit.pk)) for unit in children.get(parent_id, [])]

    return branch(None)


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
        people = Person.objects.select_related("unit", "photo")
        context.update(
            leaders=[p for p in people if p.is_leader],
            contacts=[p for p in people if p.is_contact],
            tree=unit_tree(),
            units=Unit.objects.all(),
        )
        return context
