"""The citizen's pages, none needing an account: subscribe (/nhan-tin/), confirm and
unsubscribe by a subscription's link, manage every subscription of an address by its
link. A link shows a page with one button; the button (a POST) acts, so a mail scanner that
opens links confirms or cancels nothing. The unsubscribe address also takes the one-click
POST of RFC 8058 from mail programs, which carries no CSRF token."""

from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from subscriptions import forms, tasks
from subscriptions.models import Frequency, Subscriber, Subscription


def render(request, template, context, status=200):
    response = TemplateResponse(request, f"subscriptions/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def preset_topic(request):
    """(("kind:value", description) or None, error) for the topic a link brings
    (?chu_de=kind&gia_tri=value): a registry search the registry would refuse says why."""
    key = request.GET.get("chu_de")
    if not key:
        return None, None
    try:
        kind, value = forms.parse_topic(f"{key}:{request.GET.get('gia_tri', '')}")
    except forms.ValidationError as error:
        return None, " ".join(error.messages)
    return (f"{kind.key}:{value}", kind.describe(value)), None


@never_cache
def subscribe(request):
    preset, link_error = preset_topic(request)
    if request.method == "POST":
        form = forms.SubscribeForm(request.POST, preset=bool(preset))
        if form.is_valid():
            if form.cleaned_data["website"]:
                return redirect(reverse("subscriptions:subscribe") + "?gui=1")
            if forms.address_limited(request):
                form.add_error(
                    None,
                    _("Too many requests from your connection. Please try again in an hour."),
                )
            else:
                return request_subscription(form)
    else:
        initial = {"topic": preset[0]} if preset else {}
        form = forms.SubscribeForm(initial=initial, preset=bool(preset))
    return render(
        request,
        "subscribe",
        {
            "form": form,
            "preset": preset,
            "sent": request.GET.get("gui") == "1",
            "link_error": link_error,
            "link_form": forms.LinkForm(),
        },
    )


def request_subscription(form):
    """Keep the subscription, unconfirmed, and mail its confirmation link. Whatever the
    address already has, the page says the same: it cannot tell who subscribes to what."""
    email = form.cleaned_data["email"]
    done = redirect(reverse("subscriptions:subscribe") + "?gui=1")
    if forms.email_limited(email):
        return done  # the address had its mails for today; it says nothing to a stranger
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            kind=form.kind.key,
            value=form.value,
            defaults={"frequency": form.cleaned_data["frequency"]},
        )
        if subscription.is_active:
            # Confirmed already: its owner gets the manage link; a stranger changes nothing.
            tasks.send_manage_link.enqueue(subscriber.pk)
        else:
            if not created:
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
            tasks.send_confirmation.enqueue(subscription.pk)
    return done


@never_cache
def request_link(request):
    if request.method != "POST":
        return redirect("subscriptions:subscribe")
    form = forms.LinkForm(request.POST)
    if form.is_valid() and not form.cleaned_data["website"]:
        email = form.cleaned_data["email"]
        limited = forms.address_limited(request) or forms.email_limited(email)
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is not None and not limited:
            tasks.send_manage_link.enqueue(subscriber.pk)
    return redirect(reverse("subscriptions:subscribe") + "?gui=1")


def gone(request):
    return render(request, "gone", {}, status=404)


@never_cache
def confirm(request, token):
    subscription = Subscription.objects.filter(token=token).select_related("subscriber").first()
    if subscription is None:
        return gone(request)
    if request.method == "POST" and not subscription.is_active:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(request, "confirm", {"subscription": subscription})


@csrf_exempt  # RFC 8058: the mail program's one-click POST carries no token
@never_cache
def unsubscribe(request, token):
    subscription = Subscription.objects.filter(token=token).select_related("subscriber").first()
    if request.method == "POST":
        if subscription is not None:
            remove(subscription)
        return render(request, "unsubscribed", {})
    if subscription is None:
        return gone(request)
    return render(request, "unsubscribe", {"subscription": subscription})


def remove(subscription):
    """The subscription and its send log; the address too when nothing else keeps it."""
    with transaction.atomic():
        subscriber = subscription.subscriber
        subscription.delete()
        if not subscriber.subscriptions.exists():
            subscriber.delete()


@never_cache
def manage(request, token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return gone(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete_all":
            subscriber.delete()
            return render(request, "unsubscribed", {})
        subscription = subscriber.subscriptions.filter(pk=request.POST.get("id") or 0).first()
        if subscription is not None and action == "delete":
            remove(subscription)
            if not Subscriber.objects.filter(pk=subscriber.pk).exists():
                return render(request, "unsubscribed", {})
        elif subscription is not None and request.POST.get("frequency") in Frequency.values:
            subscription.frequency = request.POST["frequency"]
            subscription.save(update_fields=["frequency"])
        return redirect(request.path + "?luu=1")
    return render(
        request,
        "manage",
        {
            "subscriber": subscriber,
            "subscriptions": subscriber.subscriptions.order_by("created_at"),
            "frequencies": Frequency.choices,
            "saved": request.GET.get("luu") == "1",
        },
    )


def subscribe_link(kind_key, value=""):
    """The subscribe page's address with a topic preset, for the registry and news pages."""
    query = QueryDict(mutable=True)
    query.update({"chu_de": kind_key, "gia_tri": value})
    return reverse("subscriptions:subscribe") + "?" + query.urlencode()
