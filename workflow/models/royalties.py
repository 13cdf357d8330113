"""Royalties (nhuận bút, Art. 8 and 11.3): the board sets genres with their point frames and the
money value of a point for each period; approving an item credits its authors; a closed period
is locked and later corrections are adjustment entries in an open one."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState


class RoyaltyGenre(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    min_points = models.DecimalField(
        _("minimum points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    default_points = models.DecimalField(
        _("default points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("royalty genre")
        verbose_name_plural = _("royalty genres")

    def __str__(self):
        return self.name

    def clean(self):
        if None in (self.min_points, self.max_points, self.default_points):
            return
        if self.min_points > self.max_points:
            raise ValidationError(
                {"max_points": gettext("The maximum must not be below the minimum.")}
            )
        if not self.min_points <= self.default_points <= self.max_points:
            raise ValidationError(
                {"default_points": gettext("The default must lie between the minimum and maximum.")}
            )


class RoyaltyPeriod(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    point_value = models.PositiveIntegerField(
        _("value of one point (VND)"),
        help_text=_("Set by the editorial board under the agency's decision on royalties."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("royalty period")
        verbose_name_plural = _("royalty periods")
        permissions = [("close_royaltyperiod", "Can close a royalty period")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk and RoyaltyPeriod.objects.filter(pk=self.pk, closed_at__isnull=False).exists():
            raise ValidationError(closed_message(self))
        super().save(*args, **kwargs)

    @property
    def is_closed(self):
        return self.closed_at is not None

    def clean(self):
        if self.pk and self.is_closed:
            raise ValidationError(closed_message(self))
        if self.start and self.end:
            if self.end < self.start:
                raise ValidationError({"end": gettext("The last day must not precede the first.")})
            overlapping = RoyaltyPeriod.objects.filter(start__lte=self.end, end__gte=self.start)
            if overlapping.exclude(pk=self.pk).exists():
                raise ValidationError(gettext("This period overlaps another royalty period."))


def amount_of(points, point_value):
    """In whole đồng, each entry rounded on its own as the register prints it."""
    return (points * point_value).quantize(Decimal("1"))


def points_text(value):
    return format(value.normalize(), "f")


def frame_message(genre):
    return gettext("For “%(genre)s” the points lie between %(low)s and %(high)s.") % {
        "genre": genre,
        "low": points_text(genre.min_points),
        "high": points_text(genre.max_points),
    }


def closed_message(period):
    return gettext(
        "The royalty period “%(period)s” is closed: its entries can no longer change. "
        "Record a correction as an adjustment entry in an open period."
    ) % {"period": period}


class RoyaltyEntry(models.Model):
    period = models.ForeignKey(
        RoyaltyPeriod, on_delete=models.PROTECT, related_name="entries", verbose_name=_("period")
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("royalty entry", "item"),
    )
    # The title as approved: the register stays readable if the page is renamed or deleted.
    title = models.CharField(_("title"), max_length=255)
    task_state = models.ForeignKey(
        TaskState,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff author"),
    )
    author_name = models.CharField(
        _("outside author"),
        max_length=120,
        blank=True,
        help_text=_("For contributors without an account: full name."),
    )
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    genre = models.ForeignKey(
        RoyaltyGenre, on_delete=models.PROTECT, related_name="+", verbose_name=_("genre")
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    adjusts = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
        verbose_name=_("adjusts entry"),
        help_text=_("For a correction to an entry of a closed period; points may be negative."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["period", "created_at", "pk"]
        verbose_name = _("royalty entry")
        verbose_name_plural = _("royalty entries")

    def __str__(self):
        return f"{self.author} – {self.title}"

    def save(self, *args, **kwargs):
        # Checked here as well as in clean(): no route, form or code, writes into a closed period.
        periods = [self.period_id]
        if self.pk:
            periods += RoyaltyEntry.objects.filter(pk=self.pk).values_list("period_id", flat=True)
        closed = RoyaltyPeriod.objects.filter(pk__in=periods, closed_at__isnull=False).first()
        if closed:
            raise ValidationError(closed_message(closed))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.period.is_closed:
            raise ValidationError(closed_message(self.period))
        return super().delete(*args, **kwargs)

    @property
    def author(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.author_name

    @property
    def amount(self):
        return amount_of(self.points, self.period.point_value)

    def clean(self):
        errors = {}
        if not self.user_id and not self.author_name.strip():
            errors["author_name"] = gettext(
                "Choose a staff author or give an outside author's name."
            )
        if self.user_id and self.author_name.strip():
            errors["author_name"] = gettext(
                "Give either a staff author or an outside author, not both."
            )
        if self.period_id and self.period.is_closed:
            errors["period"] = closed_message(self.period)
        if self.adjusts_id:
            if not self.adjusts.period.is_closed:
                errors["adjusts"] = gettext(
                    "Only entries of a closed period take adjustments; edit this one directly."
                )
        elif self.points is not None and self.points < 0:
            errors["points"] = gettext(
                "Points cannot be negative; a reduction is an adjustment entry."
            )
        elif self.genre_id and self.points is not None:
            if not self.genre.min_points <= self.points <= self.genre.max_points:
                errors["points"] = frame_message(self.genre)
        if errors:
            raise ValidationError(errors)
