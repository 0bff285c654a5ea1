"""What the site tells visitors about its cookies, and the append-only record of their answers.

One module per concern; every model is imported here, so `consent.models.X` names it wherever
it lives (and Django finds them all):
- catalogue.py: the categories and declared cookies the dialog shows, and their translations;
- records.py: visitors' decisions (`ConsentRecord`, `Action`) and the policy versions answered;
- exports.py: CSVs of the log written in the background (`ConsentExport`);
- tags.py: third-party scripts loaded with consent, and Google Consent Mode's types;
- undeclared.py: cookies the site tried to set that nobody declared;
- embeds.py: providers of embedded content and the embeds in stories.
"""

# The dialog's texts are translated as every text editors write is (newsroom/translations.py).
from newsroom.translations import SOURCE_LANGUAGE, translated_languages

from .catalogue import (
    BUILT_IN_CATEGORY_SLUGS,
    NECESSARY,
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
    CookieDeclarationTranslation,
    site_languages,
)
from .embeds import Embed, EmbedProvider, EmbedProviderTranslation
from .exports import ConsentExport
from .records import Action, ConsentRecord, PolicyVersion
from .tags import ConsentModeType, Tag, is_plain_script_url
from .undeclared import UndeclaredCookie

# site_languages and translated_languages are also named by migrations as
# consent.models.<name>: migrations never change once landed, so these names stay.
__all__ = [
    "BUILT_IN_CATEGORY_SLUGS",
    "NECESSARY",
    "SOURCE_LANGUAGE",
    "Action",
    "ConsentExport",
    "ConsentModeType",
    "ConsentRecord",
    "CookieCategory",
    "CookieCategoryTranslation",
    "CookieDeclaration",
    "CookieDeclarationTranslation",
    "Embed",
    "EmbedProvider",
    "EmbedProviderTranslation",
    "PolicyVersion",
    "Tag",
    "UndeclaredCookie",
    "is_plain_script_url",
    "site_languages",
    "translated_languages",
]
