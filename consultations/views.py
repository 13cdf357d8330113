"""The public side of a draft: the page, and the comment form while the period is open."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from consultations import mail
from consultations.forms import CommentForm
from home.forms import RATE_LIMITED, rate_limited


def serve_draft(draft, request, *args, **kwargs):
    form = None
    if request.method == "POST":
        if not draft.is_open:
            # Checked on the server, whatever page the citizen loaded before the end.
            response = Page.serve(draft, request, *args, form=None, **kwargs)
            response.context_data["refusal"] = refusal(draft)
            response.status_code = 403
            return response
        form = CommentForm(request.POST, request.FILES)
        if form.is_valid() and form.is_bot():
            return redirect(f"{draft.url}?da-gui=1#gop-y")  # a bot: thanked, nothing kept
        if form.is_valid():
            if rate_limited(request, "consultation"):
                form.add_error(None, RATE_LIMITED)
            else:
                comment = form.save(commit=False)
                comment.draft = draft
                comment.save()
                log(instance=comment, action="wagtail.create")
                mail.acknowledge(comment, draft)
                request.session["comment_reference"] = comment.reference
                return redirect(f"{draft.url}?da-gui=1#gop-y")
    return Page.serve(draft, request, *args, form=form, **kwargs)


def refusal(draft):
    if draft.comment_start and not draft.period_over and not draft.is_open:
        return _("Comments on this draft open on %(start)s.") % {
            "start": draft.comment_start.strftime("%d/%m/%Y")
        }
    return _(
        "The comment period of this draft ended on %(end)s: comments are no longer accepted."
    ) % {"end": draft.comment_end.strftime("%d/%m/%Y")}
