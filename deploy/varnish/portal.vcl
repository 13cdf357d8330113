vcl 4.1;

# The portal's front-end cache: Varnish in front of the application processes
# (docs/operations.md#front-end-cache). The application decides what may be kept: a page it
# would keep in its own page cache (portal/page_cache.py: a GET answered 200 to a visitor
# without a session or messages cookie, setting no cookie, not private) comes with
# `Surrogate-Control: max-age=N`, and only such a response is stored, for N seconds. The rules
# live in one place, in Python, with their tests; this file only obeys them and passes
# everything else through. Surrogate-Control is meant for a cache the site runs itself
# (Cache-Control: s-maxage would also let caches between here and the citizen keep pages that
# no ban reaches), and it is taken off before the response leaves.
#
# Every change of what pages show moves the application's content generation
# (portal/core/cache.py), and then the application sends a BAN, which drops every stored
# page at once (listings, menus and footers show what changed, not only its own page).
#
# backends.vcl, next to this file, names the application processes and who may ban: written
# by scripts/services/varnish.sh, or by hand (docs/operations.md). It holds
#   backend app1 { .host = "127.0.0.1"; .port = "8000"; }   (one per process)
#   sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }
#   acl purgers { "127.0.0.1"; }                            (the application's addresses)

import directors;
import std;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();
    if (req.method == "BAN") {
        # Only an application process, straight (Varnish's own X-Forwarded-For holds just
        # the peer): a request relayed by the TLS proxy on the same machine also comes from
        # a trusted address, but with the citizen's address before it.
        if (client.ip !~ purgers || req.http.X-Forwarded-For != "" + client.ip) {
            return (synth(403, "Forbidden"));
        }
        ban("obj.http.X-Portal-Page == 1");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never kept, as in the page cache: the admin and its previews, documents (served with
    # their permission checks), the monitor, the visit beacon and media files other than the
    # site's images (only those are public: citizens' attachments are never served).
    if (req.url ~ "^/(admin/|documents/|healthz|luot-xem/)"
        || (req.url ~ "^/media/" && req.url !~ "^/media/(images|original_images)/")) {
        return (pass);
    }
    # A signed-in person (session) or one with a message waiting: passed, never stored
    # (Django's cookie names, which the settings keep).
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (a form's CSRF token) do not make a page personal: Varnish's built-in
    # rule would pass every request with a cookie, so it is skipped here. The cookies still
    # reach the application, which sets one on a page with a form: such a page is not kept.
    return (hash);
}

sub vcl_hash {
    # http and https are different pages (the http one redirects); the built-in hash adds
    # the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_error {
    # An application process that is down (restarting, stopped) refuses the connection: a
    # GET or HEAD, which changes nothing, is tried on the next one.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.url ~ "^/static/") {
        # Files by their own Cache-Control (whitenoise), with Varnish's built-in rules.
        call vcl_builtin_backend_response;
        return (deliver);
    }
    if (bereq.url ~ "^/media/") {
        # The site's images (portal/views.py serve_image, from the folder or the bucket) by
        # their Cache-Control, and dropped by the bans as pages are: an image deleted or
        # replaced (a photo taken down) does not outlive the change that removed it. Except
        # one fetched in the instant between the ban and the file's removal (after commit):
        # then a ban from any later change, or a manual `varnishadm ban`, drops it.
        call vcl_builtin_backend_response;
        if (beresp.ttl > 0s) {
            set beresp.http.X-Portal-Page = "1";
        }
        return (deliver);
    }
    if (beresp.status == 200 && !beresp.http.Set-Cookie
        && beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1s"), 0s);
        # No stale copy after its time: the application bounds N by the start of the next
        # maintenance window (and its notice), which must then show.
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        # The application judged the page the same for every visitor without a session,
        # whatever other cookie they send (Django adds Vary: Cookie to every page that looked
        # at the session): one copy for all, not one per cookie.
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
        set beresp.http.X-Portal-Page = "1";
        return (deliver);
    }
    # Anything the application did not mark: not kept. For two minutes, requests for this
    # address go straight to the application without waiting for each other (hit-for-miss);
    # a later response it marks is kept again.
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Portal-Page;
    if (obj.uncacheable) {
        set resp.http.X-Front-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
