"""Art. 12: citizens report problems to the department's office. The form at
/phan-anh-kien-nghi/ stores each message for the office (received, in progress, answered)
and emails it; answers the office chooses to publish appear below the form as Q&A, without
the sender's name or contact. Spam is kept out by a honeypot field and a rate limit on a
keyed hash of the sender's address, held in the cache for minutes and never stored."""

from django import forms
from django.core.mail import mail_admins, send_mail
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Page

from home.models import PortalPage
from portal.core import sites, throttle
from portal.core.addresses import client_address

RATE_LIMIT = 3  # messages per sender
RATE_WINDOW = 10 * 60  # seconds


class Feedback(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", pgettext_lazy("feedback", "In progress")
        ANSWERED = "answered", _("Answered")

    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    name = models.CharField(_("name"), max_length=150)
    contact = models.CharField(
        _("email or phone"), max_length=150, help_text=_("Where the office can answer you.")
    )
    subject = models.CharField(pgettext_lazy("feedback", "subject"), max_length=255)
    content = models.TextField(_("content"), max_length=5000)
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    publish_answer = models.BooleanField(
        _("publish as Q&A"),
        default=False,
        help_text=_(
            "Shows the subject, the question and the answer on the public page, without the sender's name or contact."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("name", read_only=True), FieldPanel("contact", read_only=True)]
                ),
                FieldPanel("subject", read_only=True),
                FieldPanel("content", read_only=True),
                FieldPanel("page_url", read_only=True),
            ],
            heading=_("Message"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("answer"), FieldPanel("publish_answer")],
            heading=_("Handling by the office"),
        ),
    ]

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.subject} ({timezone.localtime(self.received_at):%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == self.Status.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": _("Write the answer before marking it answered.")})
        if self.publish_answer and self.status != self.Status.ANSWERED:
            raise ValidationError(
                {"publish_answer": _("Only an answered message can be published.")}
            )


class FeedbackForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the office keeps my name and contact to answer this message."),
        error_messages={
            "required": _("Tick the box so the office may keep your contact to answer you.")
        },
    )
    # Left empty by people; bots fill every field. Hidden from sight and from screen readers.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Feedback
        fields = ["name", "contact", "subject", "content", "page_url"]
        labels = {"name": _("Full name")}
        widgets = {"content": forms.Textarea(attrs={"rows": 6}), "page_url": forms.HiddenInput}


def rate_limited(request):
    """Counts one kept message from this sender; whether that is one too many."""
    return throttle.count("feedback", client_address(request), RATE_WINDOW) > RATE_LIMIT


def notify_office(feedback, request, page):
    """Email the office (the address in the site settings; else the site's admins)."""
    office = sites.portal_settings(page.get_site()).email
    subject = gettext("Feedback from the website: %(subject)s") % {"subject": feedback.subject}
    body = gettext(
        "From: %(name)s (%(contact)s)\nReceived: %(time)s\n\n%(content)s\n\n%(link)s"
    ) % {
        "name": feedback.name,
        "contact": feedback.contact,
        "time": timezone.localtime(feedback.received_at).strftime("%H:%M %d/%m/%Y"),
        "content": feedback.content,
        "link": request.build_absolute_uri(
            reverse("wagtailsnippets_home_feedback:edit", args=[feedback.pk])
        ),
    }
    if office:
        send_mail(subject, body, None, [office], fail_silently=True)
    else:
        mail_admins(subject, body, fail_silently=True)


class FeedbackPage(PortalPage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you = models.CharField(
        _("thank-you message"),
        max_length=255,
        default="Văn phòng Sở Tư pháp đã nhận phản ánh, kiến nghị của bạn và sẽ trả lời qua địa chỉ liên hệ bạn để lại.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("feedback page")

    def serve(self, request, *args, **kwargs):
        form = None
        if request.method == "POST":
            form = FeedbackForm(request.POST)
            if form.is_valid() and form.cleaned_data["website"]:
                return redirect(f"{self.url}?da-gui=1")  # a bot: thanked, nothing kept
            # Only a message that would be kept counts: a citizen correcting a form is not
            # refused for it.
            if form.is_valid():
                if rate_limited(request):
                    form.add_error(
                        None,
                        _(
                            "You have sent several messages in a short time. Please wait ten minutes before sending another."
                        ),
                    )
                else:
                    feedback = form.save()
                    log(instance=feedback, action="wagtail.create")
                    notify_office(feedback, request, self)
                    return redirect(f"{self.url}?da-gui=1")
        form = form or FeedbackForm(initial={"page_url": request.GET.get("trang", "")})
        return super().serve(request, *args, form=form, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = form or FeedbackForm()  # a preview has none of its own
        context["sent"] = request.GET.get("da-gui") == "1"
        context["answers"] = Feedback.objects.filter(
            publish_answer=True, status=Feedback.Status.ANSWERED
        ).order_by("-answered_at")[:50]
        return context
