"""The request form (the "phiếu yêu cầu cung cấp thông tin" of Decree 13/2018) and the
tracking-number form of the status page. Contacts are checked as on the feedback form
(home/contacts.py), and the same honeypot and rate limit keep spam out (home/forms.py)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from home.contacts import clean_contact
from information_requests.models import InformationRequest

# The numbers of a citizen's identity card (9 or 12 digits) or a passport (a letter and
# seven or eight digits).
IDENTITY = re.compile(r"\d{9}|\d{12}|[A-Z]\d{7,8}")


class InformationRequestForm(forms.ModelForm):
    commitment = forms.BooleanField(
        label=_(
            "I undertake to use the information as the law allows, and agree that the office "
            "keeps what I entered to handle this request."
        ),
        error_messages={"required": _("Tick the box to send the request.")},
    )
    # Left empty by people; bots fill every field (as on the feedback form).
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = InformationRequest
        fields = [
            "name",
            "organisation",
            "address",
            "identity_document",
            "contact",
            "information",
            "purpose",
            "delivery",
            "delivery_address",
        ]
        widgets = {
            "information": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_contact(self):
        return clean_contact(self.cleaned_data.get("contact"))

    def clean_identity_document(self):
        number = re.sub(r"\s", "", self.cleaned_data.get("identity_document", "")).upper()
        if not IDENTITY.fullmatch(number):
            raise forms.ValidationError(
                _(
                    "Enter the number of your identity card (9 or 12 digits) or your passport "
                    "(a letter and 7 or 8 digits)."
                )
            )
        return number


class TrackingForm(forms.Form):
    number = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        help_text=_("The number given when you sent the request, such as ABCDE-23456-FGHJK-789KM."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
