"""Art. 12: citizens report problems to the department's office. The form at
/phan-anh-kien-nghi/ stores each message for the office (received, in progress, answered)
and emails it; answers the office chooses to publish appear below the form as Q&A, without
the sender's name or contact. Spam is kept out by a honeypot field and a rate limit on a
keyed hash of the sender's address, held in the cache for minutes and never stored.

The message is this module; its page is FeedbackPage (home/models/pages.py), its form and
rate limit home/forms.py, its mail home/mail.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Feedback(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", pgettext_lazy("feedback", "In progress")
        ANSWERED = "answered", _("Answered")

    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    # GY-2026-000123: given to the sender on the thank-you page and in the acknowledgement,
    # quoted when they call the office. Made from the year and the row's own number, so
    # the row has none for a moment: null, not "", keeps the unique constraint meaningful.
    reference = models.CharField(  # noqa: DJ001
        _("reference number"), max_length=20, unique=True, null=True, editable=False
    )
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
    answer_mailed_at = models.DateTimeField(
        _("answer emailed at"), null=True, blank=True, editable=False
    )
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
                FieldPanel("reference", read_only=True),
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
        if self.reference is None:
            self.reference = reference_for(self)
            Feedback.objects.filter(pk=self.pk).update(reference=self.reference)
        if self.answer_to_mail():
            # Here, not at the top: the mail module reads the site settings' models.
            from home import mail

            mail.send_answer.enqueue(self.pk)

    def answer_to_mail(self):
        """Answered, to an email address, and not mailed yet."""
        from home.contacts import is_email

        return (
            self.status == self.Status.ANSWERED
            and self.answer.strip()
            and self.answer_mailed_at is None
            and is_email(self.contact)
        )

    def clean(self):
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": _("Write the answer before marking it answered.")})
        if self.publish_answer and self.status != self.Status.ANSWERED:
            raise ValidationError(
                {"publish_answer": _("Only an answered message can be published.")}
            )


def reference_for(feedback):
    return f"GY-{timezone.localtime(feedback.received_at).year}-{feedback.pk:06d}"
