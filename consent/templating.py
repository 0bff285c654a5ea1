"""Functions for reader templates: optional code loaded only with the visitor's consent, and
the parts of the banner and dialog every page carries (newsroom/templating.py)."""

from django.forms.utils import flatatt
from django.utils.html import format_html
from jinja2 import pass_context
from markupsafe import Markup

from articles.body_pictures import body_with_pictures
from articles.picture_markup import STORY_SIZES, picture_html
from articles.renditions import WHOLE
from newsroom.templating import drawn_once

from .embed_access import may_load, once_token_allows
from .embedding import MARKER
from .models import Embed


@pass_context
def consent_script(context, category, src, **attributes):
    """A <script src> tag when the visitor allows `category`, and nothing otherwise.

    {{ consent_script("analytical", "/static/stats.js", defer=True) }}
    Attribute names use underscores for dashes (data_domain="..." gives data-domain).
    """
    consent = context.get("consent")
    if consent is None or not consent.allows(category):
        return ""
    attrs = {name.replace("_", "-"): value for name, value in attributes.items()}
    return format_html('<script src="{}"{}></script>', src, flatatt(attrs))


@pass_context
def consent_categories(context, id_prefix, category_tag, form=None):
    """The dialog's categories, each with its switch (on where the visitor allows it) and the
    cookies it covers: most of the dialog, which every page carries.

    Drawn once per process for each catalogue and set of allowed categories, which is all it
    depends on (newsroom.templating.drawn_once); a form sent back with errors (`form`) is
    drawn for its reader.
    """
    choices = tuple(context["consent"].categories)
    if form is not None and form.is_bound:
        template = context.environment.get_template("consent/categories.html")
        return Markup(
            template.render(
                choices=choices, id_prefix=id_prefix, category_tag=category_tag, consent_form=form
            )
        )
    return drawn_once(
        context.environment,
        "consent/categories.html",
        choices=choices,
        id_prefix=id_prefix,
        category_tag=category_tag,
    )


@pass_context
def consent_embed_choices(context, id_prefix, category_tag):
    """The dialog's list of embed providers, each ticked where the visitor allowed it by name.
    Drawn once per process for each list and set of choices, which is all it depends on."""
    consent = context["consent"]
    catalogue = consent.catalogue
    by_name = consent.embeds_by_name
    providers = tuple(
        (
            provider,
            provider.slug in by_name,
            consent.allows(provider.category),
            getattr(catalogue.category(provider.category), "name", provider.category),
        )
        for provider in catalogue.providers
    )
    return drawn_once(
        context.environment,
        "consent/embed_choices.html",
        providers=providers,
        id_prefix=id_prefix,
        category_tag=category_tag,
    )


@pass_context
def consent_banner_text(context):
    """The banner's explanation: why we ask, and which optional cookies we would use. Drawn
    once per process for each reason and wording, which is all it depends on."""
    consent = context["consent"]
    return drawn_once(
        context.environment,
        "consent/banner_text.html",
        ask_reason=consent.ask_reason,
        changes=tuple(consent.changes),
        optional_category_names=consent.optional_category_names,
    )


@pass_context
def story_body(context, article):
    """The story's body, its library pictures drawn (articles/body_pictures.py), with each
    embed drawn for this reader: its frame when they allow the
    provider (or came back from "Load" with a pass for it), its placeholder otherwise. One
    query, only for a story with embeds."""
    body = body_with_pictures(article.body or "")
    if "data-embed=" not in body:
        return body
    request = context["request"]
    consent = context["consent"]
    embeds = {
        embed.pk: embed
        for embed in Embed.objects.filter(article=article).select_related("provider")
    }
    template = context.environment.get_template("consent/embed.html")
    token = request.GET.get("embed", "")

    def draw(match):
        embed = embeds.get(int(match["pk"]))
        if embed is None:
            return ""
        provider = consent.catalogue.provider(embed.provider.slug)
        if provider is None:
            # The provider was switched off: its content is no longer offered, only a link.
            return format_html('<p><a href="{}">{}</a></p>', embed.url, embed.title or embed.url)
        once = once_token_allows(token, embed.pk)
        return template.render(
            embed=embed,
            provider=provider,
            thumbnail=embed_thumbnail(embed),
            loaded=may_load(consent, provider, embed.pk, token),
            once_token=token if once else "",
            next_path=request.path,
            request=request,
            user=context.get("user"),
            csrf_input=context.get("csrf_input", ""),
        )

    return Markup(MARKER.sub(draw, body))


def embed_thumbnail(embed):
    """The placeholder's thumbnail as a <picture> of right-sized renditions, or "".

    A video's is cut to the player's 16:9 (which also drops the black bars of a 4:3 still); a
    post's, chart's or map's keeps its own shape. Its text is empty: the title beside it says
    what the embed is, and a screen reader would otherwise read it twice."""
    source = embed.thumbnail_source
    if source is None:
        return ""
    crop = WHOLE if embed.provider.frame_height else "16x9"
    return picture_html(source, "", crop, STORY_SIZES)


def has_embeds(article):
    return "data-embed=" in (article.body or "")


GLOBALS = {
    "has_embeds": has_embeds,
    "story_body": story_body,
    "consent_banner_text": consent_banner_text,
    "consent_categories": consent_categories,
    "consent_embed_choices": consent_embed_choices,
    "consent_script": consent_script,
}
