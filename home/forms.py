"""The feedback form (Art. 12) and what keeps spam out of it: a honeypot field, and at most
RATE_LIMIT kept messages per sender in RATE_WINDOW, counted on a keyed hash of the client's
address in the cache only. A form sent back with errors is not counted: the citizen is
correcting it, not sending another message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.contacts import clean_contact
from home.models.feedback import Feedback
from portal.core import throttle
from portal.core.addresses import client_address

RATE_LIMIT = 3  # messages per sender
RATE_WINDOW = 10 * 60  # seconds


# What keeps spam out of every form citizens send (feedback, comments on drafts): a field
# people leave empty, and at most RATE_LIMIT kept messages per sender in RATE_WINDOW.
RATE_LIMITED = _(
    "You have sent several messages in a short time. Please wait ten minutes before sending another."
)


class Honeypot(forms.Form):
    """Left empty by people; bots fill every field. The template hides it from sight and from
    screen readers. A form that has it: `is_bot()` after is_valid()."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class FeedbackForm(Honeypot, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the office keeps my name and contact to answer this message."),
        error_messages={
            "required": _("Tick the box so the office may keep your contact to answer you.")
        },
    )

    class Meta:
        model = Feedback
        fields = ["name", "contact", "subject", "content", "page_url"]
        labels = {"name": _("Full name")}
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.HiddenInput,
        }

    def clean_contact(self):
        return clean_contact(self.cleaned_data.get("contact"))


def rate_limited(request, kind="feedback"):
    """Counts one kept message of this kind from this sender; whether that is one too many."""
    return throttle.count(kind, client_address(request), RATE_WINDOW) > RATE_LIMIT
