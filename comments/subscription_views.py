"""The pages behind the links in notification mails: unsubscribe in one click, and the list of
an address's subscriptions. Both are signed links and need no account (see subscriptions.py).
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from newsroom.crossorigin import reader_form

from . import subscriptions
from .views import invalid_link


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks; POST (the reader's button, or a mail client's RFC 8058 one-click) ends it."""
    subscription = subscriptions.subscription_for_link(token)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST":
        subscriptions.end(type(subscription).objects.filter(pk=subscription.pk))
        subscription.refresh_from_db()
    return render(request, "comments/unsubscribe.html", {"subscription": subscription})


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def manage_subscriptions(request, token):
    address = subscriptions.address_for_link(token)
    if address is None:
        return invalid_link(request)
    current = address.subscriptions.filter(ended_at=None).select_related("article")
    ended = 0
    if request.method == "POST":
        choice = request.POST.get("end", "")
        if choice == "all":
            ended = subscriptions.end(current)
        elif choice.isascii() and choice.isdigit() and len(choice) < 19:
            ended = subscriptions.end(current.filter(pk=int(choice)))
    return render(
        request,
        "comments/subscriptions.html",
        {"subscriptions": list(current.all()), "ended": ended, "token": token},
    )
