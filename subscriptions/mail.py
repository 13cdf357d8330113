"""The mails of subscriptions: plain text with a simple HTML copy, in Vietnamese, every link
to the site built from PORTAL_BASE_URL; no image, no tracking pixel, no tracked link. Every
mail about publications carries its one-click unsubscribe link, in the text and in the
List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058), and the manage link."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Site

from portal.core import sites
from portal.core.topics import topic_kind


def absolute(path):
    if path.startswith(("http://", "https://")):
        return path  # a page of another site of the install
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def agency():
    site = Site.objects.filter(is_default_site=True).first()
    return sites.portal_settings(site).agency_name if site else ""


def message(subject, template, context, to, headers=None):
    context = {"agency": agency(), **context}
    text = render_to_string(f"subscriptions/mail/{template}.txt", context)
    html = render_to_string(f"subscriptions/mail/{template}.html", context)
    email = EmailMultiAlternatives(subject, text, None, [to], headers=headers or {})
    email.attach_alternative(html, "text/html")
    return email


def links(subscription):
    return {
        "unsubscribe_url": absolute(
            reverse("subscriptions:unsubscribe", args=[subscription.token])
        ),
        "manage_url": absolute(
            reverse("subscriptions:manage", args=[subscription.subscriber.token])
        ),
    }


def topic_url(subscription):
    kind = topic_kind(subscription.kind)
    path = kind.link(subscription.value) if kind else ""
    return absolute(path) if path else ""


def confirmation_message(subscription):
    context = {
        "topic": subscription.describe(),
        "confirm_url": absolute(reverse("subscriptions:confirm", args=[subscription.token])),
        "frequency": subscription.get_frequency_display(),
    }
    subject = gettext("Confirm your subscription to %(agency)s") % {"agency": agency()}
    return message(subject, "confirmation", context, subscription.subscriber.email)


def manage_message(subscriber):
    context = {"manage_url": absolute(reverse("subscriptions:manage", args=[subscriber.token]))}
    subject = gettext("Your subscriptions to %(agency)s") % {"agency": agency()}
    return message(subject, "manage", context, subscriber.email)


def publications_message(subscription, publications):
    context = {
        "topic": subscription.describe(),
        "topic_url": topic_url(subscription),
        "publications": [
            {
                "title": publication.title,
                "summary": publication.summary,
                "url": absolute(publication.path) if publication.path else "",
                "is_new": publication.is_new,
                "date": publication.published_at,
            }
            for publication in publications
        ],
        **links(subscription),
    }
    if len(publications) == 1:
        subject = gettext("%(title)s (%(topic)s)") % {
            "title": publications[0].title,
            "topic": context["topic"],
        }
    else:
        subject = gettext("%(count)d new publications: %(topic)s") % {
            "count": len(publications),
            "topic": context["topic"],
        }
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message(subject, "publications", context, subscription.subscriber.email, headers)
