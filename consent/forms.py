"""The consent form, shared by the banner, the dialog and the no-JavaScript preferences page.

Whatever is posted, Necessary stays on (it is never a choice), unknown categories are ignored,
and the page to return to must be a path on this site: the form cannot be used to bounce
visitors to another site.
"""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import Action

FALLBACK_RETURN_PATH = "/"


def safe_return_path(request, candidate):
    """`candidate` if it is a path on this site, otherwise the home page."""
    if (
        candidate
        and candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return FALLBACK_RETURN_PATH


class KnownCategoriesField(forms.MultipleChoiceField):
    """Keeps the optional categories it knows and drops anything else.

    A forged "necessary" or a category deleted since the page was drawn is ignored rather
    than failing the form, so the visitor's other choices still count.
    """

    def clean(self, value):
        return [slug for slug in self.to_python(value) if self.valid_value(slug)]


class ConsentForm(forms.Form):
    ACTIONS = {
        "accept_all": Action.ACCEPT_ALL,
        "reject_all": Action.REJECT_ALL,
        "save": Action.CUSTOM,
    }
    CHOOSE_A_BUTTON = _("Choose Save my preferences, Accept all or Reject all.")

    action = forms.ChoiceField(
        choices=[(name, name) for name in ACTIONS],
        error_messages={"required": CHOOSE_A_BUTTON, "invalid_choice": CHOOSE_A_BUTTON},
    )
    categories = KnownCategoriesField(required=False)
    # Embed providers allowed by name (the dialog's "Embedded content" ticks).
    embeds = KnownCategoriesField(required=False)
    # The policy version of the dialog the visitor read (written into every consent form).
    policy = forms.CharField(required=False, max_length=64)

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        # Only optional categories are choices: Necessary is not the visitor's to switch off.
        self.fields["categories"].choices = [
            (category.slug, category.name) for category in catalogue.optional_categories
        ]
        self.fields["embeds"].choices = [
            (provider.slug, provider.name) for provider in catalogue.providers
        ]

    def answers_an_older_policy(self):
        """True when this answer would allow something the visitor was not shown: it was given
        on a page drawn for another policy version than the current one (or names none). A
        refusal allows nothing, so it counts whatever page it came from."""
        action, allowed = self.chosen()
        return bool(allowed) and self.cleaned_data["policy"] != self.catalogue.version

    def chosen(self):
        """The action to log and the optional categories this answer allows."""
        action = self.ACTIONS[self.cleaned_data["action"]]
        if action == Action.ACCEPT_ALL:
            allowed = {category.slug for category in self.catalogue.optional_categories}
        elif action == Action.REJECT_ALL:
            allowed = set()
        else:
            allowed = set(self.cleaned_data["categories"])
        return action, allowed

    def chosen_embeds(self):
        """The providers this answer allows by name; None keeps the visitor's earlier ones
        (Accept all, from the banner, which lists no providers)."""
        action = self.ACTIONS[self.cleaned_data["action"]]
        if action == Action.ACCEPT_ALL:
            return None
        if action == Action.REJECT_ALL:
            return set()
        return set(self.cleaned_data["embeds"])


class EmbedLoadForm(forms.Form):
    """A reader's "Load <provider> content" on an embed's placeholder, with or without
    "Always allow <provider>"."""

    embed = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    always = forms.BooleanField(required=False)
