"""The mail of the feedback form (Art. 12): the office hears of each message; the sender, when
they left an email address, gets an acknowledgement with the reference number and, later,
the office's answer. Each mail is a task on the default queue (TASKS["default"]): sent in
the request today, and in the same transaction as the message when that queue is a
database one, so no mail is lost or sent for a message that was not kept."""

from django.core.mail import mail_admins, send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from home.contacts import is_email
from portal.core import sites


def local_time(value):
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def agency(site):
    return sites.portal_settings(site).agency_name


def notify_office(feedback, request, page):
    """Email the office (the address in the site settings; else the site's admins), and
    acknowledge the message to its sender."""
    site = page.get_site()
    office = sites.portal_settings(site).email
    subject = gettext("Feedback from the website %(reference)s: %(subject)s") % {
        "reference": feedback.reference,
        "subject": feedback.subject,
    }
    body = gettext(
        "From: %(name)s (%(contact)s)\nReceived: %(time)s\n\n%(content)s\n\n%(link)s"
    ) % {
        "name": feedback.name,
        "contact": feedback.contact,
        "time": local_time(feedback.received_at),
        "content": feedback.content,
        "link": request.build_absolute_uri(
            reverse("wagtailsnippets_home_feedback:edit", args=[feedback.pk])
        ),
    }
    to = [office] if office else None
    send.enqueue(subject, body, to)
    if is_email(feedback.contact):
        ack_subject = gettext("%(agency)s received your feedback %(reference)s") % {
            "agency": agency(site),
            "reference": feedback.reference,
        }
        ack_body = gettext(
            "Dear %(name)s,\n\n%(agency)s received your message on %(time)s. Its reference "
            "number is %(reference)s: quote it when you contact the office. The office will "
            "answer you at this address.\n\nSubject: %(subject)s\n\n%(content)s"
        ) % {
            "name": feedback.name,
            "agency": agency(site),
            "time": local_time(feedback.received_at),
            "reference": feedback.reference,
            "subject": feedback.subject,
            "content": feedback.content,
        }
        send.enqueue(ack_subject, ack_body, [feedback.contact])


@task()
def send(subject, body, to=None):
    """One mail; to the site's admins when no address is given."""
    if to:
        send_mail(subject, body, None, to, fail_silently=True)
    else:
        mail_admins(subject, body, fail_silently=True)


@task()
def send_answer(feedback_pk):
    """The office's answer to the sender's address, once."""
    from wagtail.models import Site

    from home.models import Feedback

    feedback = Feedback.objects.filter(pk=feedback_pk).first()
    if feedback is None or not feedback.answer_to_mail():
        return
    site = Site.objects.get(is_default_site=True)
    subject = gettext("Answer to your feedback %(reference)s") % {"reference": feedback.reference}
    body = gettext(
        "Dear %(name)s,\n\n%(agency)s answers your message %(reference)s of %(time)s.\n\n"
        "Subject: %(subject)s\n\nYour message:\n%(content)s\n\nAnswer:\n%(answer)s"
    ) % {
        "name": feedback.name,
        "agency": agency(site),
        "reference": feedback.reference,
        "time": local_time(feedback.received_at),
        "subject": feedback.subject,
        "content": feedback.content,
        "answer": feedback.answer,
    }
    send_mail(subject, body, None, [feedback.contact], fail_silently=True)
    Feedback.objects.filter(pk=feedback.pk).update(answer_mailed_at=timezone.now())
