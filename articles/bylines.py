"""Who wrote a story, as readers see it: a public name and an author page address.

Rules this module owns:
- Readers never see an editor's login name. A byline shows the person's full name (or a
  neutral stand-in when they have none), and the author page lives at /author/<slug>/, where
  the slug comes from the full name and is never the login name: login names are what the
  admin's per-username lockout counts, so publishing them lets anyone lock an editor out.
- A slug is made once, the first time a story of theirs is saved, and then kept even if the
  name changes, so links to the page keep working.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Shown for a writer whose account has no name (never their login name).
NAMELESS_BYLINE = "Staff writer"


def public_name(user):
    return user.get_full_name().strip() or NAMELESS_BYLINE


class BylineQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s byline, made with a fresh slug if they have none yet."""
        byline = self.filter(user=user).first()
        if byline is not None:
            return byline
        base = slugify(public_name(user), allow_unicode=True)[:60] or "writer"
        login = user.get_username().lower()
        for number in range(1, 1000):
            slug = base if number == 1 else f"{base}-{number}"
            if slug == login or self.filter(slug=slug).exists():
                continue
            try:
                with transaction.atomic(using=self.db):
                    return self.create(user=user, slug=slug)
            except IntegrityError:
                # Another save took this slug (or made this user's byline) meanwhile.
                byline = self.filter(user=user).first()
                if byline is not None:
                    return byline
        raise IntegrityError(f"No free author slug for {base!r}.")


class Byline(models.Model):
    """The public face of a user who writes for the site."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="byline",
    )
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=(
            _("Used in the author page's address, as in /author/your-slug/. Never the login name.")
        ),
    )

    objects = BylineQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])

    @property
    def name(self):
        return public_name(self.user)
