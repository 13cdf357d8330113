from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Page

from portal.core.audit import record
from portal.core.roles import BOARD, user_has_role
from workflow import royalties
from workflow.forms import ReasonForm
from workflow.guard import authorised
from workflow.models import ForcePublication, RoyaltyPeriod

FORCE_PUBLISH_PERMISSION = "workflow.add_forcepublication"


def force_publish(request, page_id):
    """An operator publishes the latest revision outside the workflow, with a written reason;
    the board confirms it afterwards from the dashboard."""
    if not request.user.has_perm(FORCE_PUBLISH_PERMISSION):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    revision = page.get_latest_revision()
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and revision:
        reason = form.cleaned_data["reason"]
        with transaction.atomic(), authorised("operator"):
            ForcePublication.objects.create(
                page=page, revision=revision, published_by=request.user, reason=reason
            )
            revision.publish(user=request.user, skip_permission_checks=True)
            log(
                instance=page,
                action="workflow.force_publish",
                user=request.user,
                revision=revision,
                data={"reason": reason},
            )
        messages.warning(
            request,
            _(
                "“%(title)s” was published without the board's approval; it stays on the board's list until confirmed."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "workflow/force_publish.html", {"page": page, "form": form, "revision": revision}
    )


@require_POST
def confirm_force_publication(request, pk):
    if not user_has_role(request.user, BOARD):
        raise PermissionDenied
    with transaction.atomic():
        item = get_object_or_404(ForcePublication.objects.select_for_update(), pk=pk)
        if item.published_by_id == request.user.pk:
            messages.error(request, _("Another board member confirms what you published yourself."))
        elif item.confirmed_at is None:
            item.confirmed_by, item.confirmed_at = request.user, timezone.now()
            item.save(update_fields=["confirmed_by", "confirmed_at"])
            log(
                instance=item.page.specific,
                action="workflow.confirm_force_publish",
                user=request.user,
                data={"reason": item.reason, "published_by": item.published_by.get_username()},
            )
            messages.success(
                request,
                _("Force publication of “%(title)s” confirmed.") % {"title": item.page.title},
            )
    return redirect("wagtailadmin_home")


def royalty_register(request, period_id):
    if not request.user.has_perm("workflow.view_royaltyentry"):
        raise PermissionDenied
    period = get_object_or_404(RoyaltyPeriod, pk=period_id)
    return TemplateResponse(
        request,
        "workflow/royalty_register.html",
        {
            "period": period,
            "register": royalties.register(period),
            "can_close": request.user.has_perm("workflow.close_royaltyperiod")
            and not period.is_closed,
            "entries_url": reverse("wagtailsnippets_workflow_royaltyentry:list")
            + f"?period={period.pk}",
        },
    )


def royalty_register_xlsx(request, period_id):
    if not request.user.has_perm("workflow.view_royaltyentry"):
        raise PermissionDenied
    period = get_object_or_404(RoyaltyPeriod, pk=period_id)
    record("portal.export", period, data={"what": "royalty register", "format": "xlsx"})
    response = HttpResponse(
        royalties.register_xlsx(period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="nhuan-but-{period.start:%Y-%m-%d}.xlsx"'
    )
    return response


@require_POST
def close_royalty_period(request, period_id):
    if not request.user.has_perm("workflow.close_royaltyperiod"):
        raise PermissionDenied
    period = get_object_or_404(RoyaltyPeriod, pk=period_id)
    if royalties.close_period(period, request.user):
        messages.success(
            request,
            _("Royalty period “%(period)s” closed: its entries are locked.") % {"period": period},
        )
    else:
        messages.error(request, _("This period was already closed."))
    return redirect("workflow_royalty_register", period.pk)
