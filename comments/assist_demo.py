"""A labelled demo history of moderation decisions, for measuring the moderation assist.

`decisions()` makes the same few hundred comments every time (a seeded random generator) in
English, German and French: readers' comments that editors approved, and spam, abuse and
shouting that they rejected. It is built to be less tidy than a toy set:
- fine comments sometimes carry a link (a consultation page, a timetable) or a blunt word;
- some spam is polite and linkless ("Great article, see my profile");
- both kinds share openings ("Great article", "Ehrlich gesagt", "Franchement");
- one decision in sixteen goes the other way, as real moderators disagree with each other.
Figures measured on it say the pipeline works, not how it will do on a real site's comments.
"""

import random

SEED = 28
NOISE = 1 / 16

FINE = {
    "en": {
        "open": ["Great article.", "Honestly,", "As a resident,", "Thanks for this.", "Hmm.", ""],
        "body": [
            "the new urgent care unit will save families a long night drive",
            "I hope the council keeps the loading bays on Market Street",
            "the ferry timetable change makes my commute twenty minutes longer",
            "my daughter's school has been asking for a crossing for years",
            "the consultation closes on Friday, so do respond",
            "the harbour wall repairs were overdue after last winter's storms",
            "I disagree with the cycle lane plan, but I can see why they want it",
            "the library opening hours matter more than the story suggests",
            "the bus route through the estate was cut without any warning",
            "this is a stupid decision by the council and they should rethink it",
        ],
        "close": ["", "Good reporting.", "Who decides this?", "See https://example.org/consult"],
    },
    "de": {
        "open": ["Toller Artikel.", "Ehrlich gesagt,", "Als Anwohnerin:", "Danke dafür.", ""],
        "body": [
            "die neue Notaufnahme erspart Familien die nächtliche Fahrt in die Stadt",
            "ich hoffe, die Stadt behält die Ladezonen in der Marktstraße",
            "der neue Fahrplan der Fähre verlängert meinen Arbeitsweg",
            "die Schule meiner Tochter wünscht sich seit Jahren einen Zebrastreifen",
            "die Bürgerbeteiligung endet am Freitag, also bitte mitmachen",
            "die Reparatur der Hafenmauer war nach den Stürmen überfällig",
            "ich bin gegen den Radweg, verstehe aber die Gründe",
            "die Öffnungszeiten der Bibliothek sind wichtiger als gedacht",
            "das ist eine dumme Entscheidung des Stadtrats",
        ],
        "close": ["", "Gute Recherche.", "Wer entscheidet das?", "Siehe https://example.org/rat"],
    },
    "fr": {
        "open": ["Excellent article.", "Franchement,", "En tant qu'habitante,", "Merci.", ""],
        "body": [
            "les nouvelles urgences éviteront aux familles un long trajet de nuit",
            "j'espère que la mairie garde les aires de livraison rue du Marché",
            "le nouvel horaire du ferry rallonge mon trajet de vingt minutes",
            "l'école de ma fille demande un passage piéton depuis des années",
            "la consultation se termine vendredi, participez",
            "la réparation de la digue était urgente après les tempêtes",
            "je suis contre la piste cyclable, mais je comprends l'idée",
            "les horaires de la médiathèque comptent plus qu'on ne le pense",
            "c'est une décision idiote du conseil municipal",
        ],
        "close": ["", "Bon travail.", "Qui décide ?", "Voir https://example.org/consultation"],
    },
}

REJECTED = {
    "en": {
        "open": ["Great article.", "Honestly,", "ATTENTION!!!", "Hello friends,", ""],
        "body": [
            "earn 5000 dollars a week from home, click my profile",
            "cheap meds without prescription, fast delivery",
            "you are all idiots and the journalist should be fired",
            "crypto doubled my savings in a week, message me on telegram",
            "nice post, visit my website for the best casino bonus",
            "shut up you morons, nobody cares about your town",
            "WAKE UP the media is lying to you about everything",
            "see my profile for hot singles in your area",
        ],
        "close": [
            "",
            "http://best-bonus.example/win",
            "Contact me now!!!",
            "www.cheap-meds.example",
        ],
    },
    "de": {
        "open": ["Toller Artikel.", "Ehrlich gesagt,", "ACHTUNG!!!", "Hallo Freunde,", ""],
        "body": [
            "verdienen Sie 5000 Euro pro Woche von zu Hause, klicken Sie auf mein Profil",
            "billige Medikamente ohne Rezept, schnelle Lieferung",
            "ihr seid alle Idioten und der Journalist gehört gefeuert",
            "Krypto hat mein Erspartes verdoppelt, schreib mir auf Telegram",
            "besuchen Sie meine Seite für den besten Casino-Bonus",
            "haltet die Klappe, ihr Trottel",
            "WACHT AUF, die Medien lügen euch an",
        ],
        "close": ["", "http://bester-bonus.example", "Jetzt melden!!!", "www.billig.example"],
    },
    "fr": {
        "open": ["Excellent article.", "Franchement,", "ATTENTION !!!", "Bonjour à tous,", ""],
        "body": [
            "gagnez 5000 euros par semaine depuis chez vous, cliquez sur mon profil",
            "médicaments pas chers sans ordonnance, livraison rapide",
            "vous êtes tous des crétins et le journaliste doit être viré",
            "la crypto a doublé mes économies, écrivez-moi sur Telegram",
            "visitez mon site pour le meilleur bonus de casino",
            "taisez-vous bande d'abrutis",
            "RÉVEILLEZ-VOUS, les médias vous mentent",
        ],
        "close": ["", "http://meilleur-bonus.example", "Contactez-moi !!!", "www.pas-cher.example"],
    },
}

NAMES = ["Morag", "Tom", "Priya", "Jo", "Anke", "Lukas", "Élodie", "Karim", "Sam", "Ines"]
SPAM_NAMES = ["Best Deals", "Crypto King", "Anna", "Marketing Pro", "Lukas", "Sam"]


def _comment(rng, phrases, names):
    text = " ".join(
        part for part in (rng.choice(phrases["open"]), rng.choice(phrases["body"])) if part
    )
    text = text[0].upper() + text[1:] + "."
    closing = rng.choice(phrases["close"])
    return rng.choice(names), f"{text} {closing}".strip()


def decisions(count=480, seed=SEED):
    """[(name, text, rejected, language)]: `count` decided comments, about one in three
    rejected, the same ones on every call."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        language = ("en", "de", "fr")[index % 3]
        rejected = rng.random() < 1 / 3
        source = REJECTED if rejected else FINE
        name, text = _comment(rng, source[language], SPAM_NAMES if rejected else NAMES)
        if rng.random() < NOISE:
            rejected = not rejected
        made.append((name, text, rejected, language))
    return made
