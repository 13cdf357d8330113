"""The comment form of a draft: the feedback form's rules (home/forms.py: the honeypot, the
rate limit, the contact check) with the draft's own fields and an optional file checked like
every upload (portal/core/uploads.py, antivirus included)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Comment
from home.contacts import clean_contact
from home.forms import Honeypot
from portal.core.uploads import check_upload

# Documents a citizen may attach to a comment: what an office opens, never an archive.
COMMENT_FILE_FORMATS = ["pdf", "doc", "docx", "odt", "rtf", "txt"]


class CommentForm(Honeypot, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the drafting unit keeps my name and contact to consider this comment."
        ),
        error_messages={
            "required": _("Tick the box so the drafting unit may keep your name and contact.")
        },
    )

    class Meta:
        model = Comment
        fields = ["name", "organisation", "contact", "article", "content", "file"]
        widgets = {"content": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "file": _("Optional: PDF, Word, ODT, RTF or plain text."),
        }

    def clean_contact(self):
        return clean_contact(self.cleaned_data.get("contact"))

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            check_upload(file.name, file, file.size, allowed=COMMENT_FILE_FORMATS)
        return file
