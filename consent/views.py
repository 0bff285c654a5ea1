"""Consent pages: the form every banner and dialog posts to, the no-JavaScript preferences
page, the visitor's own consent record, the Consent Mode state script every page loads before
any tag, and the Global Privacy Control declaration."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from newsroom.crossorigin import reader_form
from newsroom.page_numbers import page_numbers_checked
from newsroom.pagecache import cached_page

from .consent_mode import state_script_context, update_payload
from .decision import ID_COOKIE_NAME, cookie_name
from .embed_access import frame_policy, may_load, once_token
from .forms import ConsentForm, EmbedLoadForm, safe_return_path
from .models import Action, ConsentRecord, Embed
from .policy import changes_since

HISTORY_LENGTH = 50
SAVED = _(
    "Your cookie choices are saved. Change them at any time with “Cookie settings” at the "
    "bottom of every page."
)
EMBED_ALLOWED = _(
    "%(provider)s content is allowed. Take it back at any time in “Cookie settings” at the "
    "bottom of every page."
)
NO_DETAILS = _("The list of cookies we use has been updated.")
# The date this site started honouring Global Privacy Control (published in gpc.json).
GPC_SUPPORT_SINCE = "2026-11-25"


def _preferences_page(request, form, return_path, status=200, answered_policy=None):
    context = {"consent_form": form, "return_path": return_path, "consent_page": True}
    if answered_policy is not None:
        catalogue = request.consent.catalogue
        context["policy_changes"] = changes_since(answered_policy, catalogue) or [str(NO_DETAILS)]
    return render(request, "consent/preferences.html", context, status=status)


@reader_form
@require_POST
def update(request):
    """Store the visitor's answer, then send them back where they were (Post/Redirect/Get)."""
    return_path = safe_return_path(request, request.POST.get("next", ""))
    form = ConsentForm(request.POST, catalogue=request.consent.catalogue)
    if not form.is_valid():
        return _preferences_page(request, form, return_path, status=400)
    if form.answers_an_older_policy():
        # Consent counts only for what the visitor was shown: nothing is recorded, and they
        # get the current dialog with what changed since the one they answered.
        blank = ConsentForm(catalogue=request.consent.catalogue)
        return _preferences_page(
            request, blank, return_path, status=409, answered_policy=form.cleaned_data["policy"]
        )
    action, allowed = form.chosen()
    request.consent = request.consent.decide(
        allowed, action, request.consent.gpc_signal, embeds=form.chosen_embeds()
    )
    if _wants_json(request):
        # The dialog script posted the form: it updates the page itself (Consent Mode update,
        # newly allowed tags, refused cookies deleted) without a reload, and says it is saved.
        response = JsonResponse({**update_payload(request.consent), "message": str(SAVED)})
        request.consent.persist(request, response, page=return_path)
        return response
    response = HttpResponseRedirect(return_path)
    response.status_code = 303  # See Other: the browser fetches the page with GET
    request.consent.persist(request, response, page=return_path)
    messages.success(request, SAVED)
    return response


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


@require_GET
def _state_script(request):
    response = render(
        request,
        "consent/state.js",
        state_script_context(request.consent),
        content_type="text/javascript; charset=utf-8",
    )
    return response


# Loaded synchronously at the top of every page, before any tag. It depends only on the consent
# state (decision cookie and Sec-GPC, which ConsentMiddleware adds to Vary), so it is shared
# and cached like the pages themselves; an inline script could not be, under a strict CSP,
# without a per-request nonce that would make every page unique.
state_script = page_numbers_checked(cached_page(_state_script))


@never_cache
@require_GET
def preferences(request):
    """The preference dialog as a page of its own, for visitors without JavaScript."""
    return_path = safe_return_path(request, request.GET.get("next", ""))
    return _preferences_page(request, ConsentForm(catalogue=request.consent.catalogue), return_path)


@never_cache
@require_GET
def history(request):
    """The visitor's consent id and every decision logged under it: their proof."""
    consent = request.consent
    records = []
    if consent.visitor_id:
        records = list(ConsentRecord.objects.for_visitor(consent.visitor_id)[:HISTORY_LENGTH])
    names = {category.slug: category.name for category in consent.catalogue.categories}
    # Embed providers allowed by name are listed after the categories.
    providers = {provider.slug: provider.name for provider in consent.catalogue.providers}
    rows = [
        (
            record,
            [names.get(slug, slug) for slug in record.allowed_slugs()]
            + [providers.get(slug, slug) for slug in record.embeds],
        )
        for record in records
    ]
    allowed_now = [
        category.name for category in consent.catalogue.categories if consent.allows(category.slug)
    ] + [providers[slug] for slug in sorted(consent.embeds_by_name) if slug in providers]
    context = {
        "rows": rows,
        "allowed_now": allowed_now,
        # The id's cookie as this browser holds it: with the __Host- prefix over HTTPS.
        "id_cookie": cookie_name(request, ID_COOKIE_NAME),
    }
    return render(request, "consent/history.html", context)


@require_GET
def gpc_declaration(request):
    """/.well-known/gpc.json: tells browsers and auditors that the site honours the signal."""
    response = JsonResponse({"gpc": True, "lastUpdate": GPC_SUPPORT_SINCE})
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _visible_embed(request, pk):
    """The embed `pk` if its story is one this reader may see."""
    stories = Article.objects.visible_to(request.user)
    return get_object_or_404(
        Embed.objects.select_related("provider").filter(article__in=stories), pk=pk
    )


@reader_form
@require_POST
def embed_load(request):
    """A reader's "Load <provider> content". With "Always allow" the provider is added to their
    decision (cookie and log, like any other choice); without it they get a pass for this one
    embed (consent/embed_access.py). Either way they come back to where the embed is, loaded."""
    return_path = safe_return_path(request, request.POST.get("next", ""))
    form = EmbedLoadForm(request.POST)
    if not form.is_valid():
        return HttpResponseRedirect(return_path)
    embed = _visible_embed(request, form.cleaned_data["embed"])
    consent = request.consent
    provider = consent.catalogue.provider(embed.provider.slug)
    if provider is None:
        # Switched off since the page was drawn: there is nothing to allow.
        return HttpResponseRedirect(f"{return_path}#embed-{embed.pk}")
    token = ""
    if form.cleaned_data["always"]:
        request.consent = consent.decide(
            consent.previous_allowed,
            Action.EMBED,
            consent.gpc_signal,
            embeds=consent.previous_embeds | {provider.slug},
        )
        target = f"{return_path}#embed-{embed.pk}"
    else:
        token = once_token(embed.pk)
        separator = "&" if "?" in return_path else "?"
        target = f"{return_path}{separator}{urlencode({'embed': token})}#embed-{embed.pk}"
    frame = reverse("consent:embed_frame", args=[embed.pk])
    if _wants_json(request):
        # The placeholder script swaps the frame in without a reload.
        response = JsonResponse(
            {
                "frame": f"{frame}?{urlencode({'once': token})}" if token else frame,
                "embeds": sorted(request.consent.allowed_embeds),
            }
        )
    else:
        response = HttpResponseRedirect(target)
        response.status_code = 303
    if form.cleaned_data["always"]:
        request.consent.persist(request, response, page=return_path)
        if not _wants_json(request):
            messages.success(request, EMBED_ALLOWED % {"provider": provider.name})
    return response


@never_cache
@xframe_options_sameorigin
@require_GET
def embed_frame(request, pk):
    """The page an embed's frame loads: the provider's frame, only for a reader who allows it
    or brings a "load once" pass, under a policy naming that provider alone."""
    embed = _visible_embed(request, pk)
    provider = request.consent.catalogue.provider(embed.provider.slug)
    # The name as readers of this language are told it; an editor switched the provider off
    # if the catalogue has none.
    provider_name = provider.name if provider else embed.provider.name
    if not may_load(request.consent, provider, embed.pk, request.GET.get("once", "")):
        context = {"embed": embed, "provider_name": provider_name}
        response = render(request, "consent/embed_refused.html", context, status=403)
        response["Content-Security-Policy"] = frame_policy([])
        return response
    title = embed.title or provider_name
    response = render(
        request,
        "consent/embed_frame.html",
        {"embed": embed, "title": title, "language": get_language()},
    )
    response["Content-Security-Policy"] = frame_policy(embed.provider.origins())
    return response
