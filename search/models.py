from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A query that found nothing, counted: what citizens look for and the site lacks.
    Only the words typed are kept, never who typed them."""

    query_string = models.CharField(_("query"), max_length=255, unique=True)
    hits = models.PositiveIntegerField(_("times asked"), default=0)
    last_asked = models.DateField(_("last asked"))

    class Meta:
        ordering = ["-hits"]
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        permissions = [("view_search_statistics", "Can view search statistics")]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string):
        today = timezone.localdate()
        entry, created = cls.objects.get_or_create(
            query_string=query_string[:255].lower(), defaults={"hits": 1, "last_asked": today}
        )
        if not created:
            cls.objects.filter(pk=entry.pk).update(hits=F("hits") + 1, last_asked=today)
