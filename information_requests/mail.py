"""The mail of information requests: the office hears of each request, the requester (when
they gave an email address) gets the reference, the tracking number and the deadline, and
later the answer or refusal, once. Sent with the feedback form's helpers (home/mail.py)."""

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from home.contacts import is_email
from home.mail import agency, local_time, send
from portal.core import sites


def notify(request_row, tracking_number, http_request, page):
    site = page.get_site()
    office = sites.portal_settings(site).email
    subject = gettext("Information request %(reference)s") % {"reference": request_row.reference}
    body = gettext(
        "From: %(name)s (%(contact)s)\nReceived: %(time)s\nDeadline: %(deadline)s\n\n"
        "%(information)s\n\n%(link)s"
    ) % {
        "name": request_row.name,
        "contact": request_row.contact,
        "time": local_time(request_row.received_at),
        "deadline": f"{request_row.deadline:%d/%m/%Y}",
        "information": request_row.information,
        "link": http_request.build_absolute_uri(
            reverse(
                "wagtailsnippets_information_requests_informationrequest:edit",
                args=[request_row.pk],
            )
        ),
    }
    send.enqueue(subject, body, [office] if office else None)
    if is_email(request_row.contact):
        ack_subject = gettext("%(agency)s received your information request %(reference)s") % {
            "agency": agency(site),
            "reference": request_row.reference,
        }
        ack_body = gettext(
            "Dear %(name)s,\n\n%(agency)s received your information request on %(time)s. "
            "Its reference number is %(reference)s. The office answers by %(deadline)s.\n\n"
            "Your tracking number is %(tracking)s: keep it to follow the request at "
            "%(status_url)s. Nobody else can see the request without it.\n\n"
            "Information requested:\n%(information)s"
        ) % {
            "name": request_row.name,
            "agency": agency(site),
            "time": local_time(request_row.received_at),
            "reference": request_row.reference,
            "deadline": f"{request_row.deadline:%d/%m/%Y}",
            "tracking": tracking_number,
            "status_url": http_request.build_absolute_uri(
                page.url + page.reverse_subpage("status")
            ),
            "information": request_row.information,
        }
        send.enqueue(ack_subject, ack_body, [request_row.contact])


@task()
def send_decision(pk):
    """The answer or the refusal to the requester's address, once: the row is marked
    before the mail goes, and only by the one call that finds it unmarked."""
    from wagtail.models import Site

    from information_requests.models import InformationRequest
    from portal.core import audit

    row = InformationRequest.objects.filter(pk=pk).first()
    if row is None or not row.decision_to_mail():
        return
    now = timezone.now()
    marked = InformationRequest.objects.filter(pk=pk, decision_mailed_at__isnull=True).update(
        decision_mailed_at=now
    )
    if not marked:
        return
    site = Site.objects.get(is_default_site=True)
    values = {
        "name": row.name,
        "agency": agency(site),
        "reference": row.reference,
        "time": local_time(row.received_at),
        "information": row.information,
    }
    if row.status == row.Status.ANSWERED:
        subject = gettext("Answer to your information request %(reference)s") % values
        body = gettext(
            "Dear %(name)s,\n\n%(agency)s answers your information request %(reference)s of "
            "%(time)s.\n\nInformation requested:\n%(information)s\n\nAnswer:\n%(answer)s"
        ) % {**values, "answer": row.answer}
    else:
        subject = gettext("Your information request %(reference)s is refused") % values
        body = gettext(
            "Dear %(name)s,\n\n%(agency)s cannot provide the information of your request "
            "%(reference)s of %(time)s.\n\nInformation requested:\n%(information)s\n\n"
            "Legal ground: %(ground)s\n%(detail)s"
        ) % {**values, "ground": row.get_refusal_ground_display(), "detail": row.refusal_detail}
    send_mail(subject, body, None, [row.contact], fail_silently=True)
    audit.record("information_requests.mail", row, data={"to": row.contact})
