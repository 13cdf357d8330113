"""The operators' page of subscriptions (/admin/subscriptions/): how many follow what, and
a person's subscriptions found by their exact address and deleted at their request. No list
or export of addresses: the office needs the counts, and a citizen's request names the
address. Each look-up and deletion is in the system log, under the address masked (the log
is append-only: a full address there would outlive the deletion)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core import audit
from subscriptions import statistics
from subscriptions.models import Subscriber

PERMISSION = "subscriptions.delete_subscriber"


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of the person asking"))


def masked(email):
    name, _sep, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"


def subscriptions_admin(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    # POST only: an address in the URL would stay in the server's access log.
    form = AddressForm(request.POST or None)
    subscriber = None
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        subscriber = Subscriber.objects.filter(email=email).first()
        if request.POST.get("action") == "delete" and subscriber is not None:
            count = subscriber.subscriptions.count()
            audit.record(
                "portal.subscriptions_delete",
                label=masked(email),
                data={"subscriptions": count},
                about=Subscriber,
            )
            subscriber.delete()
            messages.success(
                request, _("%(count)d subscriptions of that address deleted.") % {"count": count}
            )
            return redirect("subscriptions_admin")
        audit.record(
            "portal.subscriptions_lookup",
            label=masked(email),
            data={"found": subscriber is not None},
            about=Subscriber,
        )
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "subscriptions/admin/subscriptions.html",
        {
            "page_title": _("Subscriptions by email"),
            "header_title": _("Subscriptions by email"),
            "header_icon": "mail",
            "tables": statistics.subscriptions(today, today),
            "form": form,
            "subscriber": subscriber,
            "looked_up": form.is_bound and form.is_valid(),
        },
    )
