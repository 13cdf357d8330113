"""Sign-in safety (Art. 7.2): an account locked after repeated failed sign-ins is logged and
reported to the operators at once; an admin session ends when idle or simply too old."""

import time

from axes.handlers.database import AxesDatabaseHandler
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.mail import send_mail
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from portal.core.audit import account_named, record
from portal.core.roles import OPERATORS, users_with_role


class LockoutHandler(AxesDatabaseHandler):
    """django-axes with one limit per kind of count (AXES_LOCKOUT_PARAMETERS, same order):
    account and address, account alone, address alone. django-axes compares the largest
    count with one limit; here any count at its own limit is reported as the lock limit."""

    def get_failures(self, request, credentials=None):
        limits = [
            settings.AXES_FAILURE_LIMIT,
            settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
            settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        ]
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if any(count >= limit for count, limit in zip(counts, limits, strict=True)):
            return settings.AXES_FAILURE_LIMIT
        return min(counts[0], settings.AXES_FAILURE_LIMIT - 1)

    def reset_user_attempts(self, request, credentials=None):
        """After a successful sign-in, forget only this account's failures from this
        address. django-axes forgets every count the request matches: then anyone with an
        account could wipe their address's guesses at other accounts by signing in."""
        [pair, *_others] = self.filter_user_attempts(request, credentials)
        deleted, _kinds = pair.delete()
        return deleted


def on_locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes locked `username`: one log entry, one email to every operator."""
    # django-axes signals again at each attempt while locked: one entry and mail per lock.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    if ModelLogEntry.objects.filter(
        action="portal.lockout", label=str(username or "")[:255], timestamp__gte=since
    ).exists():
        return
    account = account_named(username)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    record(
        "portal.lockout",
        account,
        label=str(username or "")[:255],
        data={"username": str(username or "")[:150], "ip": ip_address, "minutes": minutes},
    )
    recipients = [u.email for u in users_with_role(OPERATORS).filter(is_active=True)]
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail(
            _("Account locked after failed sign-ins: %s") % username,
            _(
                "Sign-in to the account %(username)s was locked for %(minutes)d minutes after "
                "repeated failed sign-ins (%(limit)d from one address, or more from many), the "
                "last from %(ip)s. If this was not its owner, treat it as a security incident "
                "(Art. 10.3 of the regulation)."
            )
            % {
                "username": username,
                "minutes": minutes,
                "limit": settings.AXES_FAILURE_LIMIT,
                "ip": ip_address,
            },
            None,
            recipients,
        )


def locked_out(request, original_response, credentials):
    """django-axes' answer to a locked account, in Vietnamese (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "portal/locked_out.html", context, status=429)


class AdminSessionTimeoutMiddleware:
    """Signs out a session idle for ADMIN_IDLE_MINUTES or older than SESSION_COOKIE_AGE,
    counted from sign-in (Django's own expiry moves forward whenever the session is saved)."""

    STARTED, SEEN = "portal:signed_in_at", "portal:seen_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(self.STARTED, now)
            seen = session.get(self.SEEN, now)
            if (
                now - seen > settings.ADMIN_IDLE_MINUTES * 60
                or now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _("Your session has ended; please sign in again."))
                return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
            if now - seen > 60 or self.SEEN not in session:  # one session write a minute
                session[self.SEEN] = now
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: CONTENT_SECURITY_POLICY, strict, for the public site,
    and ADMIN_CONTENT_SECURITY_POLICY for /admin/, where Wagtail still uses inline scripts
    and styles. A response with its own policy (documents: "default-src 'none'") keeps it."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith("/admin/"):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
