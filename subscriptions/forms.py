"""The subscribe form and what keeps it from being used to mail-bomb someone: a honeypot
field, at most ADDRESS_LIMIT requests per client address an hour, at most EMAIL_LIMIT
confirmation mails to one email address a day (counted on keyed hashes in the cache,
portal/core/throttle.py), and the double opt-in itself: nothing but the confirmation is
sent before its link is opened."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core import throttle
from portal.core.addresses import client_address
from portal.core.topics import topic_kind, topic_kinds
from subscriptions.models import Frequency

ADDRESS_LIMIT, ADDRESS_WINDOW = 10, 60 * 60
EMAIL_LIMIT, EMAIL_WINDOW = 3, 24 * 60 * 60


def topic_choices():
    """The topics the form offers, grouped by kind: ("kind:value", label)."""
    groups = [("", _("Choose what to follow"))]
    for kind in topic_kinds():
        options = [(f"{kind.key}:{value}", label) for value, label in kind.options()]
        if options:
            groups.append((str(kind.label), options))
    return groups


def parse_topic(text):
    """(kind, canonical value) of "kind:value", or ValidationError."""
    key, _sep, value = (text or "").partition(":")
    kind = topic_kind(key)
    if kind is None:
        raise ValidationError(_("Choose what to follow from the list."))
    return kind, kind.clean(value)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address the mail should go to."),
            "invalid": _("Enter a whole email address, such as ten@example.vn."),
        },
    )
    topic = forms.CharField(
        label=_("What to follow"),
        error_messages={"required": _("Choose what to follow from the list.")},
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    # Left empty by people; bots fill every field. Hidden from sight and from screen readers.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, preset=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A topic from a link (the registry's current search, a news section) is kept as it
        # is; otherwise the citizen picks one from the list.
        self.fields["topic"].widget = (
            forms.HiddenInput() if preset else forms.Select(choices=topic_choices())
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_topic(self):
        kind, value = parse_topic(self.cleaned_data["topic"])
        self.kind, self.value = kind, value
        return f"{kind.key}:{value}"


class LinkForm(forms.Form):
    """Asks for the manage link again, by mail."""

    email = forms.EmailField(label=_("The address you subscribed with"), max_length=254)
    website = forms.CharField(required=False, label=_("Leave this field empty"))


def address_limited(request):
    """Counts one request from this client; whether that is one too many."""
    return throttle.count("subscribe", client_address(request), ADDRESS_WINDOW) > ADDRESS_LIMIT


def email_limited(email):
    """Counts one mail to this address; whether that is one too many."""
    return throttle.count("subscribe-email", email, EMAIL_WINDOW) > EMAIL_LIMIT
