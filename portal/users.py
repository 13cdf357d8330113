"""Accounts in the admin: suspending or reactivating one takes a written reason, kept in the
system log (Art. 7.2: operators may suspend a user). A suspended account's open sessions end
on their next request, since Django refuses inactive users when it loads a session."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import IndexView, UserViewSet

MIN_REASON_LENGTH = 10


class VietnameseNames(forms.Form):
    """Họ (family and middle names, `last_name`) before Tên (the given name, `first_name`),
    as Vietnamese forms ask them; the templates show them in that order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].label = pgettext_lazy("person", "Family and middle names")
        self.fields["last_name"].help_text = _("For example: Nguyễn Thị")
        self.fields["first_name"].label = pgettext_lazy("person", "Given name")
        self.fields["first_name"].help_text = _("For example: Hoa")


class AccountCreationForm(VietnameseNames, UserCreationForm):
    pass


class AccountEditForm(VietnameseNames, UserEditForm):
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


def roles_of(user):
    return ", ".join(sorted(group.name for group in user.groups.all()))


class AccountIndexView(IndexView):
    """Wagtail's user list with each person's roles (their groups, named in Vietnamese)."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        roles = Column("roles", accessor=roles_of, label=_("Roles"), width="25%")
        columns.insert(3, roles)  # after the checkbox, the name and the sign-in name
        return columns


class AccountViewSet(UserViewSet):
    index_view_class = AccountIndexView
    create_template_name = "portal/admin/user_create.html"
    edit_template_name = "portal/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm
