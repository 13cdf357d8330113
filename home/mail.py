from django.core.mail import mail_admins, send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from portal.core import sites


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
