"""German and French texts for the built-in cookie categories and the cookies this site sets,
written for this site (formal "Sie" / "vous"). Editors reword them in the admin like any other
text; a category or cookie an editor has removed is skipped."""

from django.conf import settings
from django.db import migrations

CATEGORIES = {
    "necessary": {
        "de": (
            "Notwendig",
            "Diese Cookies halten die Website funktionsfähig und sicher: Sie merken sich Ihre "
            "Cookie-Auswahl, schützen Formulare vor Fälschung, halten die Redaktion angemeldet "
            "und tragen einmalige Hinweise von einer Seite zur nächsten. Ohne sie funktioniert "
            "die Website nicht, deshalb lassen sie sich nicht abschalten.",
        ),
        "fr": (
            "Nécessaires",
            "Ces cookies assurent le fonctionnement et la sécurité du site : ils retiennent vos "
            "choix en matière de cookies, protègent les formulaires contre la falsification, "
            "maintiennent la rédaction connectée et transmettent des messages ponctuels d’une "
            "page à l’autre. Le site ne peut pas fonctionner sans eux ; ils ne peuvent donc pas "
            "être désactivés.",
        ),
    },
    "functional": {
        "de": (
            "Funktional",
            "Diese Cookies merken sich, worum Sie uns bitten, etwa Ihren Namen und Ihre "
            "E-Mail-Adresse im Kommentarformular, damit Sie sie nicht erneut eingeben müssen.",
        ),
        "fr": (
            "Fonctionnels",
            "Ces cookies retiennent ce que vous nous demandez de retenir, comme votre nom et "
            "votre adresse e-mail dans le formulaire de commentaire, pour que vous n’ayez pas "
            "à les saisir de nouveau.",
        ),
    },
    "analytical": {
        "de": (
            "Analyse",
            "Diese Cookies würden uns helfen zu verstehen, wie Leserinnen und Leser die Website "
            "nutzen, etwa welche Artikel gelesen werden und wie man sie findet, damit wir die "
            "Website verbessern können.",
        ),
        "fr": (
            "Analytiques",
            "Ces cookies nous aideraient à comprendre comment les lecteurs utilisent le site, "
            "par exemple quels articles sont lus et comment ils sont trouvés, afin de "
            "l’améliorer.",
        ),
    },
    "performance": {
        "de": (
            "Leistung",
            "Diese Cookies würden messen, wie schnell Seiten laden und reagieren, damit wir "
            "langsame Stellen der Website finden und beheben können.",
        ),
        "fr": (
            "Performance",
            "Ces cookies mesureraient la vitesse de chargement et de réponse des pages, afin "
            "que nous puissions trouver et corriger les parties lentes du site.",
        ),
    },
    "advertisement": {
        "de": (
            "Werbung",
            "Diese Cookies würden verwendet, um Ihnen Werbung zu zeigen, die zu Ihren "
            "Interessen passt, und um deren Wirkung zu messen, oft durch Werbepartner, die Sie "
            "auch auf anderen Websites sehen.",
        ),
        "fr": (
            "Publicité",
            "Ces cookies serviraient à vous montrer des publicités adaptées à vos centres "
            "d’intérêt et à mesurer leur efficacité, souvent par des partenaires publicitaires "
            "qui vous voient aussi sur d’autres sites.",
        ),
    },
}

PROVIDERS = {"de": "Diese Website", "fr": "Ce site"}


def durations():
    consent_days = getattr(settings, "CONSENT_MAX_AGE_DAYS", 182)
    minutes = getattr(settings, "COMMENTS_EDIT_MINUTES", 15)
    return {
        "days": {"de": f"{consent_days} Tage", "fr": f"{consent_days} jours"},
        "year": {"de": "1 Jahr", "fr": "1 an"},
        "weeks": {"de": "2 Wochen", "fr": "2 semaines"},
        "session": {
            "de": "Bis Sie den Browser schließen",
            "fr": "Jusqu’à la fermeture du navigateur",
        },
        "held": {"de": "10 Minuten", "fr": "10 minutes"},
        "author": {"de": f"{minutes} Minuten", "fr": f"{minutes} minutes"},
    }


# Cookie name: (key into durations(), {language: purpose}).
COOKIES = {
    "newsroom_consent": (
        "days",
        {
            "de": "Merkt sich Ihre Cookie-Auswahl, damit wir nicht auf jeder Seite erneut "
            "fragen. Es enthält nur die Auswahl und den Tag, an dem Sie sie getroffen haben, "
            "gleich für alle, die dasselbe gewählt haben.",
            "fr": "Retient vos choix en matière de cookies, pour que nous ne vous interrogions "
            "pas à chaque page. Il ne contient que ces choix et le jour où vous les avez faits, "
            "identiques pour tous ceux qui ont choisi de même.",
        },
    ),
    "newsroom_consent_id": (
        "days",
        {
            "de": "Eine zufällige Einwilligungskennung, gesetzt, wenn Sie eine Auswahl treffen, "
            "damit wir Ihnen den Nachweis Ihrer Entscheidungen zeigen und ihn auf Anfrage "
            "belegen können. Es enthält nichts weiter über Sie.",
            "fr": "Un identifiant de consentement aléatoire, créé lorsque vous faites un choix, "
            "pour que nous puissions vous montrer l’historique de vos choix et en apporter la "
            "preuve si on nous le demande. Il ne contient rien d’autre sur vous.",
        },
    ),
    "csrftoken": (
        "year",
        {
            "de": "Schützt die Formulare der Redaktion (Anmeldung und Redaktionsbereich) vor "
            "Cross-Site-Request-Forgery, bei der eine andere Website versucht, ein Formular in "
            "ihrem Namen abzusenden. Die Formulare für Leserinnen und Leser sind ohne dieses "
            "Cookie geschützt.",
            "fr": "Protège les formulaires de la rédaction (connexion et espace de rédaction) "
            "contre la falsification de requête intersite, où un autre site tente d’envoyer un "
            "formulaire en son nom. Les formulaires des lecteurs sont protégés sans lui.",
        },
    ),
    "sessionid": (
        "weeks",
        {
            "de": "Hält die Redaktion im Redaktionsbereich angemeldet. Leserinnen und Leser "
            "erhalten dieses Cookie nie.",
            "fr": "Maintient la rédaction connectée à l’espace de rédaction. Les lecteurs n’en "
            "reçoivent jamais.",
        },
    ),
    "messages": (
        "session",
        {
            "de": "Überbringt nach dem Absenden eines Formulars einen einmaligen Hinweis an die "
            "nächste Seite, zum Beispiel dass Ihr Kommentar auf Freigabe wartet oder Ihre "
            "Cookie-Auswahl gespeichert ist.",
            "fr": "Transmet un message ponctuel à la page suivante après l’envoi d’un "
            "formulaire, par exemple que votre commentaire attend la modération ou que vos "
            "choix en matière de cookies sont enregistrés.",
        },
    ),
    "newsroom_commenter": (
        "year",
        {
            "de": "Merkt sich Namen, E-Mail-Adresse und Website, die Sie im Kommentarformular "
            "angegeben haben, um sie beim nächsten Mal einzutragen. Wird nur gesetzt, wenn Sie "
            "„Meinen Namen, meine E-Mail-Adresse und Website speichern“ ankreuzen.",
            "fr": "Retient le nom, l’adresse e-mail et le site web que vous avez indiqués dans "
            "le formulaire de commentaire, pour les remplir la prochaine fois. Créé uniquement "
            "si vous cochez « Mémoriser mon nom, mon e-mail et mon site web ».",
        },
    ),
    "newsroom_held": (
        "held",
        {
            "de": "Wird gesetzt, wenn ein Kommentar von Ihnen auf Freigabe wartet, damit Sie ihn "
            "in der Zwischenzeit unter dem Artikel sehen, Personen, denen Sie den Link "
            "weitergeben, aber nicht. Es nennt diesen Kommentar und enthält nichts weiter über "
            "Sie.",
            "fr": "Créé lorsqu’un commentaire que vous envoyez attend la modération, pour que "
            "vous le voyiez sous l’article pendant l’attente, sans que les personnes à qui vous "
            "transmettez le lien le voient. Il désigne ce commentaire et ne contient rien "
            "d’autre sur vous.",
        },
    ),
    "newsroom_author": (
        "author",
        {
            "de": "Wird gesetzt, wenn Sie einen Kommentar schreiben, damit dieser Browser und "
            "kein anderer ihn in der erlaubten kurzen Zeit bearbeiten oder löschen kann. Es "
            "nennt Ihre letzten Kommentare und nichts weiter über Sie. Notwendig, weil es "
            "ausführt, worum Sie gebeten haben: ein Cookie statt eines geheimen Links, denn ein "
            "Link kann weitergeleitet, kopiert werden oder in einem Browserverlauf landen, den "
            "jemand anderes liest.",
            "fr": "Créé lorsque vous publiez un commentaire, pour que ce navigateur, et aucun "
            "autre, puisse le modifier ou le supprimer pendant le court délai autorisé. Il "
            "désigne vos commentaires récents et rien d’autre sur vous. Nécessaire, car il "
            "exécute ce que vous avez demandé : un cookie plutôt qu’un lien secret, car un lien "
            "peut être transféré, copié ou se retrouver dans un historique de navigation que "
            "quelqu’un d’autre consulte.",
        },
    ),
    "newsroom_confirmed": (
        "session",
        {
            "de": "Wird gesetzt, wenn Sie Ihre E-Mail-Adresse über den zugesandten Link "
            "bestätigen, damit Kommentare, die Sie in diesem Browser schreiben, als Ihre "
            "erkannt werden. Es enthält eine verschlüsselte Form der Adresse, die nur diese "
            "Website prüfen kann, nie die Adresse selbst.",
            "fr": "Créé lorsque vous confirmez votre adresse e-mail avec le lien que nous vous "
            "avons envoyé, pour que les commentaires publiés depuis ce navigateur soient "
            "reconnus comme les vôtres. Il contient une forme codée de l’adresse que seul ce "
            "site peut vérifier, jamais l’adresse elle-même.",
        },
    ),
    settings.LANGUAGE_COOKIE_NAME: (
        "year",
        {
            "de": "Wird gesetzt, wenn Sie mit der Sprachauswahl unten auf jeder Seite eine "
            "Sprache wählen, damit die Startseite beim nächsten Mal in dieser Sprache öffnet. "
            "Es enthält den Sprachcode und sonst nichts.",
            "fr": "Créé lorsque vous choisissez une langue avec le sélecteur en bas de chaque "
            "page, pour que la page d’accueil s’ouvre dans cette langue la prochaine fois. Il "
            "ne contient que le code de la langue.",
        },
    ),
}


def translate_dialog(apps, schema_editor):
    CookieCategory = apps.get_model("consent", "CookieCategory")
    CookieCategoryTranslation = apps.get_model("consent", "CookieCategoryTranslation")
    CookieDeclaration = apps.get_model("consent", "CookieDeclaration")
    CookieDeclarationTranslation = apps.get_model("consent", "CookieDeclarationTranslation")
    for category in CookieCategory.objects.filter(slug__in=list(CATEGORIES)):
        for language, (name, description) in CATEGORIES[category.slug].items():
            CookieCategoryTranslation.objects.update_or_create(
                category=category,
                language=language,
                defaults={"name": name, "description": description},
            )
    lifetimes = durations()
    for declaration in CookieDeclaration.objects.filter(
        name__in=list(COOKIES), domain="", path="/"
    ):
        lifetime, purposes = COOKIES[declaration.name]
        for language, purpose in purposes.items():
            CookieDeclarationTranslation.objects.update_or_create(
                declaration=declaration,
                language=language,
                defaults={
                    "provider": PROVIDERS[language],
                    "duration": lifetimes[lifetime][language],
                    "purpose": purpose,
                },
            )


def forget_translations(apps, schema_editor):
    apps.get_model("consent", "CookieCategoryTranslation").objects.filter(
        category__slug__in=list(CATEGORIES), language__in=["de", "fr"]
    ).delete()
    apps.get_model("consent", "CookieDeclarationTranslation").objects.filter(
        declaration__name__in=list(COOKIES), language__in=["de", "fr"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0009_dialog_translations_and_decision_language")]

    operations = [migrations.RunPython(translate_dialog, forget_translations)]
