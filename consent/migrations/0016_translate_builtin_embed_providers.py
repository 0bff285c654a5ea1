"""German and French texts for the ten embed providers the site ships with (0014), written for
this site (formal "Sie" / "vous"): what each stores and does, and the provider's own notice in
that language where it has one. Editors reword them in the admin; a provider an editor removed
is skipped, and a text an editor already wrote is kept."""

from django.db import migrations

PROVIDERS = {
    "youtube": {
        "de": {
            "cookies": "YouTube (Google) speichert Cookies und lokale Daten in Ihrem Browser, "
            "etwa YSC, VISITOR_INFO1_LIVE und yt-remote-*, und liest die Cookies Ihres "
            "Google-Kontos, wenn Sie angemeldet sind.",
            "purposes": "Das Video abspielen, Aufrufe zählen, Missbrauch erkennen sowie Werbung "
            "messen und personalisieren.",
            "privacy_url": "https://policies.google.com/privacy?hl=de",
        },
        "fr": {
            "cookies": "YouTube (Google) enregistre des cookies et des données locales dans "
            "votre navigateur, comme YSC, VISITOR_INFO1_LIVE et yt-remote-*, et lit les cookies "
            "de votre compte Google si vous êtes connecté.",
            "purposes": "Lire la vidéo, compter les vues, détecter les abus, et mesurer et "
            "personnaliser la publicité.",
            "privacy_url": "https://policies.google.com/privacy?hl=fr",
        },
    },
    "vimeo": {
        "de": {
            "cookies": "Vimeo speichert Cookies wie vuid und Ihre Player-Einstellungen in Ihrem "
            "Browser.",
            "purposes": "Das Video abspielen, Player-Einstellungen speichern und die Wiedergabe "
            "messen.",
        },
        "fr": {
            "cookies": "Vimeo enregistre des cookies comme vuid et vos préférences de lecteur "
            "dans votre navigateur.",
            "purposes": "Lire la vidéo, retenir les réglages du lecteur et mesurer le visionnage.",
        },
    },
    "x": {
        "de": {
            "cookies": "X speichert Cookies und lokale Daten in Ihrem Browser und liest die "
            "Cookies Ihres X-Kontos, wenn Sie angemeldet sind.",
            "purposes": "Den Beitrag zeigen, seine Reichweite messen und Werbung personalisieren.",
            "privacy_url": "https://x.com/de/privacy",
        },
        "fr": {
            "cookies": "X enregistre des cookies et des données locales dans votre navigateur et "
            "lit les cookies de votre compte X si vous êtes connecté.",
            "purposes": "Afficher la publication, mesurer son audience et personnaliser la "
            "publicité.",
            "privacy_url": "https://x.com/fr/privacy",
        },
    },
    "instagram": {
        "de": {
            "cookies": "Instagram (Meta) speichert Cookies in Ihrem Browser und liest die Cookies "
            "Ihres Instagram- und Facebook-Kontos, wenn Sie angemeldet sind.",
            "purposes": "Den Beitrag zeigen, seine Reichweite messen und Werbung personalisieren.",
        },
        "fr": {
            "cookies": "Instagram (Meta) enregistre des cookies dans votre navigateur et lit les "
            "cookies de vos comptes Instagram et Facebook si vous êtes connecté.",
            "purposes": "Afficher la publication, mesurer son audience et personnaliser la "
            "publicité.",
        },
    },
    "bluesky": {
        "de": {
            "cookies": "Bluesky gibt nicht an, dass die eingebettete Ansicht Cookies speichert; "
            "Bluesky erfährt Ihre Adresse und welche Seite Sie lesen.",
            "purposes": "Den Beitrag zeigen.",
        },
        "fr": {
            "cookies": "Bluesky n’indique pas que son intégration enregistre des cookies ; "
            "Bluesky apprend votre adresse et la page que vous lisez.",
            "purposes": "Afficher la publication.",
        },
    },
    "mastodon": {
        "de": {
            "cookies": "mastodon.social kann ein Sitzungs-Cookie in Ihrem Browser speichern.",
            "purposes": "Den Beitrag zeigen.",
        },
        "fr": {
            "cookies": "mastodon.social peut enregistrer un cookie de session dans votre "
            "navigateur.",
            "purposes": "Afficher la publication.",
        },
    },
    "datawrapper": {
        "de": {
            "cookies": "Datawrapper gibt an, dass seine Grafiken keine Cookies setzen; "
            "Datawrapper erfährt Ihre Adresse.",
            "purposes": "Die Grafik zeichnen.",
        },
        "fr": {
            "cookies": "Datawrapper indique que ses graphiques ne déposent aucun cookie ; "
            "Datawrapper apprend votre adresse.",
            "purposes": "Dessiner le graphique.",
        },
    },
    "flourish": {
        "de": {
            "cookies": "Flourish kann Cookies speichern, um zu messen, wie Grafiken angesehen "
            "werden.",
            "purposes": "Die Grafik zeichnen und ihre Aufrufe zählen.",
        },
        "fr": {
            "cookies": "Flourish peut enregistrer des cookies pour mesurer la consultation des "
            "graphiques.",
            "purposes": "Dessiner le graphique et compter ses vues.",
        },
    },
    "openstreetmap": {
        "de": {
            "cookies": "Die Karte von OpenStreetMap speichert keine Werbe-Cookies; sie erfährt "
            "Ihre Adresse und welches Gebiet Sie ansehen.",
            "purposes": "Die Karte zeichnen.",
        },
        "fr": {
            "cookies": "La carte d’OpenStreetMap n’enregistre aucun cookie publicitaire ; elle "
            "apprend votre adresse et la zone que vous regardez.",
            "purposes": "Dessiner la carte.",
        },
    },
    "spotify": {
        "de": {
            "cookies": "Spotify speichert Cookies in Ihrem Browser und liest die Cookies Ihres "
            "Spotify-Kontos, wenn Sie angemeldet sind.",
            "purposes": "Den Podcast abspielen, das Hören messen und Werbung personalisieren.",
            "privacy_url": "https://www.spotify.com/de/legal/privacy-policy/",
        },
        "fr": {
            "cookies": "Spotify enregistre des cookies dans votre navigateur et lit les cookies "
            "de votre compte Spotify si vous êtes connecté.",
            "purposes": "Lire le podcast, mesurer l’écoute et personnaliser la publicité.",
            "privacy_url": "https://www.spotify.com/fr/legal/privacy-policy/",
        },
    },
}


def translate_providers(apps, schema_editor):
    EmbedProvider = apps.get_model("consent", "EmbedProvider")
    EmbedProviderTranslation = apps.get_model("consent", "EmbedProviderTranslation")
    for provider in EmbedProvider.objects.filter(slug__in=list(PROVIDERS)):
        for language, texts in PROVIDERS[provider.slug].items():
            EmbedProviderTranslation.objects.get_or_create(
                provider=provider, language=language, defaults=texts
            )


def forget_translations(apps, schema_editor):
    apps.get_model("consent", "EmbedProviderTranslation").objects.filter(
        provider__slug__in=list(PROVIDERS), language__in=["de", "fr"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0015_embed_provider_translations")]

    operations = [migrations.RunPython(translate_providers, forget_translations)]
