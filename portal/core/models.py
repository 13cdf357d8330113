from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from portal.core import profile


# A new site's settings start from the agency profile (profiles/, portal/core/profile.py).
def default_agency_name():
    return profile.current().name


def default_managing_agency():
    return profile.current().managing_agency


def default_responsible_position():
    return profile.current().responsible_position


def default_domain():
    return profile.current().domain


def default_place():
    return profile.current().place


def default_report_symbol():
    return profile.current().report_symbol


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the site and who answers for it: the footer and every citation read these."""

    agency_name = models.CharField(_("agency name"), max_length=255, default=default_agency_name)
    managing_agency = models.CharField(
        _("managing agency"),
        max_length=255,
        default=default_managing_agency,
        help_text=_("The agency that owns the site, shown above the agency name."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    responsible_person = models.CharField(
        _("person responsible for the content"),
        max_length=255,
        blank=True,
        help_text=_("The director who answers for the content (Art. 6.3 of the regulation)."),
    )
    responsible_position = models.CharField(
        _("position of the person responsible"),
        max_length=255,
        default=default_responsible_position,
    )
    domain = models.CharField(
        _("domain"),
        max_length=255,
        default=default_domain,
        help_text=_("The public domain name of the site, without https://"),
    )
    hotline = models.CharField(
        _("hotline"),
        max_length=64,
        blank=True,
        help_text=_("Shown first on the home page; the phone number is shown when empty."),
    )
    public_services_url = models.URLField(
        _("public-service portal"),
        blank=True,
        help_text=_(
            "The province's public-service portal, where citizens file procedures online; "
            "the national one (https://dichvucong.gov.vn) is linked when empty."
        ),
    )
    regulation_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("the site's regulation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page with the site's operating regulation, linked from the footer."),
    )

    # The printable report, in the form of Nghị định 30/2020/NĐ-CP (portal/reports.py).
    report_place = models.CharField(
        _("place on reports"),
        max_length=100,
        default=default_place,
        help_text=_('Before the date: "<place>, ngày … tháng … năm …".'),
    )
    report_symbol = models.CharField(
        _("symbol of reports"),
        max_length=50,
        default=default_report_symbol,
        help_text=_('After the number: "Số: 12/<symbol>".'),
    )
    report_signer_title = models.CharField(
        _("title of the signer of reports"), max_length=100, default="GIÁM ĐỐC"
    )
    report_signer_name = models.CharField(
        _("name of the signer of reports"),
        max_length=150,
        blank=True,
        help_text=_("Empty: the person responsible for the content."),
    )
    report_recipients = models.TextField(
        _("recipients of reports"),
        default="- UBND tỉnh (để báo cáo);\n- Ban Giám đốc Sở;\n- Lưu: VT, VP.",
        help_text=_('One per line, under "Nơi nhận".'),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("managing_agency"), FieldPanel("agency_name"), FieldPanel("domain")],
            heading=_("Agency"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("hotline"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("public_services_url"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("regulation_page"),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("responsible_position")],
            heading=_("Responsible for the content"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("report_place"),
                FieldPanel("report_symbol"),
                FieldPanel("report_signer_title"),
                FieldPanel("report_signer_name"),
                FieldPanel("report_recipients"),
            ],
            heading=_("Printed reports"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    NATIONAL_PUBLIC_SERVICES = "https://dichvucong.gov.vn"

    @property
    def public_services(self):
        return self.public_services_url or self.NATIONAL_PUBLIC_SERVICES


class Role(models.Model):
    """Which group holds a role of the regulation (portal/core/roles.py). Code knows the role
    by its code; the group's name is the agency's own (its profile, then the admin), so a
    renamed group keeps its role."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("group")
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.code


class AuditLog(models.Model):
    """No table: holds the permissions to read the system log ("Nhật ký hệ thống"), whose
    entries are Wagtail's own log tables (portal/core/audit.py), and the activity reports
    (portal/reports.py), which read everything and own nothing."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_auditlog", "Can view the system log"),
            ("view_reports", "Can view the activity reports"),
        ]


class MaintenanceWindow(models.Model):
    """A planned suspension of the public site (Art. 7.2): announced on every public page
    from `announce_days` before it starts; while it lasts public pages answer 503 with the
    message, and the admin stays up (portal/maintenance.py)."""

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    message = models.TextField(
        _("message to citizens"),
        help_text=_("Why the site is suspended and where to turn meanwhile."),
    )
    announce_days = models.PositiveSmallIntegerField(_("announce this many days ahead"), default=7)

    panels = [
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("message"),
        FieldPanel("announce_days"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("maintenance window")
        verbose_name_plural = _("maintenance windows")

    def __str__(self):
        from django.utils import timezone

        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%d/%m/%Y %H:%M} – {end:%d/%m/%Y %H:%M}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})


class DailyVisits(models.Model):
    """How many times a public page was opened on a day (portal/visits.py): a count, nothing
    about who opened it."""

    date = models.DateField(_("date"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["date", "page"], name="one_count_a_day")]
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")


class DailyDownloads(models.Model):
    """How many times a file of the document library was downloaded on a day
    (portal/visits.py, as page views are): a count, nothing about who downloaded it."""

    date = models.DateField(_("date"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "document"], name="one_download_count_a_day")
        ]
        verbose_name = _("daily downloads")
        verbose_name_plural = _("daily downloads")


class Holiday(models.Model):
    """A day the agency does not work, or a weekend day it does (a swap the government
    announces): dated, since Tết and Giỗ Tổ move with the lunar calendar and the days off
    around them are announced each year. Every count of working days reads these
    (portal/core/working_days.py); the office keeps them in the admin."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        DAY_OFF = "day_off", _("Substitute day off")
        WORKING_DAY = "working_day", _("Weekend day worked instead")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOLIDAY)

    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
