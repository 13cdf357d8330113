"""Where to go back to after an admin action: the `next` the request names, only if it stays
on this site (else a link could send a signed-in editor to a look-alike sign-in page)."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, fallback):
    """The request's `next` (query string, else form) if it is on this site, else `fallback`
    (a URL or a URL name)."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback)
