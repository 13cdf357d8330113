"""Information requests (Law on Access to Information 2016, Decree 13/2018/NĐ-CP): a citizen
asks the department for information it holds, on the form the law sets out (who asks, the
identity document, what information, the purpose, how to receive it); the office answers
within a period of working days, may extend it once with a reason, and answers or refuses
on a legal ground. The requester follows the request with an unguessable tracking number.

The request is InformationRequest; its public page (the form and the status page) is
InformationRequestPage, under the disclosure catalogue."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Page

from home.models import PortalPage
from portal.core import audit, throttle
from portal.core.addresses import client_address
from portal.core.working_days import add_working_days

# 20 characters of 32 (5 bits each): 100 bits, no 0/O or 1/I to misread on the phone.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 20


def new_tracking_number():
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, TRACKING_LENGTH, 5))


def tracking_digest(number):
    """What is kept of a tracking number: its hash, so the table alone opens no status page.
    Any text gives a digest, in the same steps: a malformed number costs the same as a
    wrong one, and neither finds a row."""
    normalised = "".join(ch for ch in str(number).upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


class InformationRequest(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("information request", "Received")
        ANSWERED = "answered", pgettext_lazy("information request", "Information provided")
        REFUSED = "refused", pgettext_lazy("information request", "Refused")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("By email")
        POST = "post", _("By post")
        IN_PERSON = "in_person", _("In person at the department")
        FAX = "fax", _("By fax")

    # The grounds of a refusal, as we read the Law on Access to Information 2016 (Art. 6, 7, 28).
    class Ground(models.TextChoices):
        SECRET = "secret", _("Information citizens may not access (Art. 6)")
        CONDITIONAL = (
            "conditional",
            _("Information accessible on conditions the requester does not meet (Art. 7)"),
        )
        NOT_OURS = "not_ours", _("Information the department does not hold or create")
        PUBLISHED = "published", _("Information already disclosed: where to find it is given")
        BEYOND = "beyond", _("A request beyond the department's means, hindering its normal work")
        TWICE = "twice", _("Information already provided twice to the same requester")
        COSTS = "costs", _("The requester has not paid the costs of providing it")
        INVALID = "invalid", _("The request lacks what Art. 24 requires")

    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    # YC-2026-000012, quoted on the phone; the tracking number is the secret that opens the
    # status page, kept only as its digest.
    reference = models.CharField(  # noqa: DJ001 (null until the row has its number)
        _("reference number"), max_length=20, unique=True, null=True, editable=False
    )
    tracking_digest = models.CharField(max_length=64, unique=True, editable=False)

    name = models.CharField(_("full name"), max_length=150)
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("When you ask on behalf of an organisation: its name."),
    )
    address = models.CharField(_("place of residence"), max_length=255)
    identity_document = models.CharField(_("identity card or passport number"), max_length=20)
    contact = models.CharField(
        _("email or phone"), max_length=150, help_text=_("Where the office can answer you.")
    )
    information = models.TextField(
        _("information requested"),
        max_length=5000,
        help_text=_("The document, file or information you ask for, as precisely as you can."),
    )
    purpose = models.TextField(_("purpose of the request"), max_length=2000)
    delivery = models.CharField(
        _("how to receive the information"),
        max_length=16,
        choices=Delivery.choices,
        default=Delivery.EMAIL,
    )
    delivery_address = models.CharField(
        _("address or fax number to send to"),
        max_length=255,
        blank=True,
        help_text=_("Only when you want it by post or fax."),
    )

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    extension_days = models.PositiveSmallIntegerField(
        _("extension (working days)"),
        default=0,
        help_text=_("0 when the period is not extended."),
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("The information, or where and how the requester receives it."),
    )
    refusal_ground = models.CharField(
        _("legal ground of the refusal"), max_length=16, choices=Ground.choices, blank=True
    )
    refusal_detail = models.TextField(_("explanation of the refusal"), blank=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    decision_mailed_at = models.DateTimeField(
        _("answer emailed at"), null=True, blank=True, editable=False
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("reference", read_only=True),
                FieldRowPanel(
                    [FieldPanel("name", read_only=True), FieldPanel("organisation", read_only=True)]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("identity_document", read_only=True),
                        FieldPanel("contact", read_only=True),
                    ]
                ),
                FieldPanel("address", read_only=True),
                FieldPanel("information", read_only=True),
                FieldPanel("purpose", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("delivery", read_only=True),
                        FieldPanel("delivery_address", read_only=True),
                    ]
                ),
            ],
            heading=_("Request"),
        ),
        MultiFieldPanel(
            [FieldPanel("extension_days"), FieldPanel("extension_reason")],
            heading=_("Extension"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("answer"),
                FieldPanel("refusal_ground"),
                FieldPanel("refusal_detail"),
            ],
            heading=_("Answer or refusal"),
        ),
    ]

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self):
        return f"{self.reference} ({timezone.localtime(self.received_at):%d/%m/%Y})"

    def save(self, *args, **kwargs):
        before = (
            InformationRequest.objects.filter(pk=self.pk).values("status", "extension_days").first()
            if self.pk
            else None
        )
        if self.status != self.Status.RECEIVED and self.decided_at is None:
            self.decided_at = timezone.now()
        super().save(*args, **kwargs)
        if self.reference is None:
            self.reference = f"YC-{timezone.localtime(self.received_at).year}-{self.pk:06d}"
            InformationRequest.objects.filter(pk=self.pk).update(reference=self.reference)
        if before is not None:
            self.log_changes(before)
        if self.decision_to_mail():
            from information_requests import mail  # reads the site settings' models

            mail.send_decision.enqueue(self.pk)

    @property
    def deadline(self):
        """The last working day to answer: the legal period counted from the day after
        receipt, plus the extension."""
        days = settings.INFORMATION_REQUEST_WORKING_DAYS + self.extension_days
        return add_working_days(timezone.localdate(self.received_at), days)

    @property
    def is_open(self):
        return self.status == self.Status.RECEIVED

    def is_overdue(self, today=None):
        return self.is_open and (today or timezone.localdate()) > self.deadline

    def clean(self):
        errors = {}
        # Checked here, not by a validator: the law's figure is a setting, not the schema's.
        longest = settings.INFORMATION_REQUEST_EXTENSION_WORKING_DAYS
        if self.extension_days > longest:
            errors["extension_days"] = _(
                "The law allows an extension of at most %(days)d working days."
            ) % {"days": longest}
        if self.extension_days and not self.extension_reason.strip():
            errors["extension_reason"] = _("Write why the period is extended.")
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            errors["answer"] = _("Write the answer before marking the request answered.")
        if self.status == self.Status.REFUSED and not self.refusal_ground:
            errors["refusal_ground"] = _("Choose the legal ground of the refusal.")
        if self.delivery in (self.Delivery.POST, self.Delivery.FAX) and not self.delivery_address:
            errors["delivery_address"] = _("Give the address or fax number to send it to.")
        if errors:
            raise ValidationError(errors)

    def log_changes(self, before):
        """The steps the law names, each its own entry in the system log beside Wagtail's
        record of the edit."""
        if self.extension_days != before["extension_days"]:
            audit.record(
                "information_requests.extend",
                self,
                data={"days": self.extension_days, "reason": self.extension_reason},
            )
        if self.status != before["status"] and self.status == self.Status.ANSWERED:
            audit.record("information_requests.answer", self)
        if self.status != before["status"] and self.status == self.Status.REFUSED:
            audit.record(
                "information_requests.refuse",
                self,
                data={
                    "ground": str(self.get_refusal_ground_display()),
                    "detail": self.refusal_detail,
                },
            )

    def decision_to_mail(self):
        from home.contacts import is_email

        return not self.is_open and self.decision_mailed_at is None and is_email(self.contact)


ACTIONS = {
    "information_requests.extend": _("Information request: period extended"),
    "information_requests.answer": _("Information request answered"),
    "information_requests.refuse": _("Information request refused"),
    "information_requests.mail": _("Information request: answer emailed"),
}


# At most this many kept requests, and this many status lookups, per address in the window:
# a person asks a few times, a script many.
REQUEST_LIMIT = 3
LOOKUP_LIMIT = 10
WINDOW = 10 * 60  # seconds


class InformationRequestPage(RoutablePageMixin, PortalPage):
    """The request form, and at tra-cuu/ the status page a requester opens with the
    tracking number. The number is posted, never put in an address, so it stays out of
    the server's logs and the browser's history."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.DisclosureCatalogPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("information request page")

    @path("")
    def request_form(self, request):
        from information_requests import mail
        from information_requests.forms import InformationRequestForm

        form = InformationRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["website"]:
                return redirect(f"{self.url}?da-gui=1")  # a bot: thanked, nothing kept
            if (
                throttle.count("information-request", client_address(request), WINDOW)
                > REQUEST_LIMIT
            ):
                form.add_error(
                    None,
                    _(
                        "You have sent several requests in a short time. Please wait ten "
                        "minutes before sending another."
                    ),
                )
            else:
                number = new_tracking_number()
                row = form.save(commit=False)
                row.tracking_digest = tracking_digest(number)
                row.save()
                log(instance=row, action="wagtail.create")
                mail.notify(row, number, request, self)
                # Shown once, on the next page; in the session, so no address carries it.
                request.session["information_request"] = {
                    "reference": row.reference,
                    "tracking": number,
                    "deadline": f"{row.deadline:%d/%m/%Y}",
                }
                return redirect(f"{self.url}?da-gui=1#gui-yeu-cau")
        sent = None
        if request.GET.get("da-gui") == "1" and hasattr(request, "session"):
            sent = request.session.pop("information_request", None) or {}
        return self.render(request, context_overrides={"form": form, "sent": sent})

    @path("tra-cuu/", name="status")
    def status(self, request):
        from information_requests.forms import TrackingForm

        form = TrackingForm(request.POST or None)
        context = {"form": form, "tracking_page": True}
        if request.method != "POST":
            return self.render(request, context_overrides=context)
        # Every lookup counts, found or not; over the limit nothing is looked up.
        if throttle.count("information-lookup", client_address(request), WINDOW) > LOOKUP_LIMIT:
            context["refused"] = True
            return self.render(request, context_overrides=context, status=429)
        # The same steps for any text: a digest, one query by a unique index.
        found = InformationRequest.objects.filter(
            tracking_digest=tracking_digest(form.data.get("number", ""))
        ).first()
        if found is None:
            # The form empty again: a wrong number and no number answer alike.
            context.update(form=TrackingForm(), not_found=True)
            return self.render(request, context_overrides=context, status=404)
        context["found"] = found
        return self.render(request, context_overrides=context)

    def render(self, request, *args, template=None, context_overrides=None, status=200, **kwargs):
        context = self.get_context(request)
        context.update(context_overrides or {})
        response = TemplateResponse(request, template or self.get_template(request), context)
        response.status_code = status
        return response
