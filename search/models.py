from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A query that found nothing, counted per day (so reports cover any period): what
    citizens look for and the site lacks. Only the words typed are kept, never who typed them."""

    query_string = models.CharField(_("query"), max_length=255)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("times asked"), default=0)

    class Meta:
        ordering = ["-hits"]
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="one_row_a_day")
        ]
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        permissions = [("view_search_statistics", "Can view search statistics")]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string):
        entry, created = cls.objects.get_or_create(
            query_string=query_string[:255].lower(),
            date=timezone.localdate(),
            defaults={"hits": 1},
        )
        if not created:
            cls.objects.filter(pk=entry.pk).update(hits=F("hits") + 1)
