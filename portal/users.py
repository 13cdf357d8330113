"""Accounts in the admin: suspending or reactivating one takes a written reason, kept in the
system log (Art. 7.2: operators may suspend a user). A suspended account's open sessions end
on their next request, since Django refuses inactive users when it loads a session."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import UserViewSet

MIN_REASON_LENGTH = 10


class AccountEditForm(UserEditForm):
    status_reason = forms.CharField(
        label=_("Reason for suspending or reactivating"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when the account is suspended or reactivated; kept in the system log."
        ),
    )

    def clean(self):
        data = super().clean()
        reason = (data.get("status_reason") or "").strip()
        if "is_active" in self.changed_data and len(reason) < MIN_REASON_LENGTH:
            self.add_error(
                "status_reason",
                _("Write why the account is suspended or reactivated (at least %(n)d characters).")
                % {"n": MIN_REASON_LENGTH},
            )
        return data

    def save(self, commit=True):
        self.instance.status_reason = self.cleaned_data.get("status_reason", "").strip()
        return super().save(commit)


class AccountViewSet(UserViewSet):
    edit_template_name = "portal/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else super().get_form_class(for_update)
